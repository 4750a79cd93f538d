// A word-level diff of two texts (the visible text of a page before and after), as editors read
// it: which words went and which came, with a few words of context. Words are runs of non-space
// characters; spacing and line breaks are not changes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sg::review {

enum class Change { same, removed, added };

// A run of consecutive words with the same change, joined by single spaces.
struct DiffPart {
    Change change = Change::same;
    std::vector<std::string> words;

    bool operator==(const DiffPart&) const = default;
};

std::vector<std::string> split_words(std::string_view text);

// The shortest edit from `before` to `after` (longest common subsequence of words). Between two
// same runs, removed words come before added ones. Very large differing middles (after trimming
// the common start and end) are reported as removed-all then added-all rather than searched.
std::vector<DiffPart> word_diff(std::string_view before, std::string_view after);

// One stretch of a diff around a change: `context` same words either side at most.
struct Hunk {
    std::vector<DiffPart> parts;
    bool cut_before = false, cut_after = false;  // words were left out before / after the hunk
};
std::vector<Hunk> hunks(const std::vector<DiffPart>& diff, size_t context = 5);

// A hunk as git's word diff writes it: "… at the [-lake-]{+castle+} with the …".
std::string format_hunk(const Hunk& hunk);

}  // namespace sg::review
