#include "review/word_diff.h"

#include <algorithm>
#include <cstdint>

namespace sg::review {

namespace {

constexpr size_t max_table = 4'000'000;  // cells of the LCS table: 16 MB

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

void push(std::vector<DiffPart>& parts, Change change, const std::string& word) {
    if (parts.empty() || parts.back().change != change) parts.push_back({change, {}});
    parts.back().words.push_back(word);
}

// Adjacent runs normalised: within a stretch between same runs, removed words first.
std::vector<DiffPart> normalise(const std::vector<std::pair<Change, std::string>>& edits) {
    std::vector<DiffPart> parts;
    std::vector<std::string> removed, added;
    auto flush = [&] {
        for (const auto& word : removed) push(parts, Change::removed, word);
        for (const auto& word : added) push(parts, Change::added, word);
        removed.clear();
        added.clear();
    };
    for (const auto& [change, word] : edits) {
        if (change == Change::removed)
            removed.push_back(word);
        else if (change == Change::added)
            added.push_back(word);
        else {
            flush();
            push(parts, Change::same, word);
        }
    }
    flush();
    return parts;
}

}  // namespace

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_space(text[i])) ++i;
        size_t start = i;
        while (i < text.size() && !is_space(text[i])) ++i;
        if (i > start) words.emplace_back(text.substr(start, i - start));
    }
    return words;
}

std::vector<DiffPart> word_diff(std::string_view before_text, std::string_view after_text) {
    std::vector<std::string> a = split_words(before_text), b = split_words(after_text);
    size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
    size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;

    std::vector<std::pair<Change, std::string>> edits;
    for (size_t i = 0; i < prefix; ++i) edits.emplace_back(Change::same, a[i]);
    size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;
    auto word_a = [&](size_t i) -> const std::string& { return a[prefix + i]; };
    auto word_b = [&](size_t j) -> const std::string& { return b[prefix + j]; };
    if ((n + 1) * (m + 1) > max_table) {
        for (size_t i = 0; i < n; ++i) edits.emplace_back(Change::removed, word_a(i));
        for (size_t j = 0; j < m; ++j) edits.emplace_back(Change::added, word_b(j));
    } else {
        // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
        std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
        auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
        for (size_t i = n; i-- > 0;)
            for (size_t j = m; j-- > 0;)
                at(i, j) = word_a(i) == word_b(j) ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        size_t i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && word_a(i) == word_b(j)) {
                edits.emplace_back(Change::same, word_a(i));
                ++i, ++j;
            } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
                edits.emplace_back(Change::removed, word_a(i++));
            } else {
                edits.emplace_back(Change::added, word_b(j++));
            }
        }
    }
    for (size_t i = a.size() - suffix; i < a.size(); ++i) edits.emplace_back(Change::same, a[i]);
    return normalise(edits);
}

std::vector<Hunk> hunks(const std::vector<DiffPart>& diff, size_t context) {
    std::vector<Hunk> result;
    bool open = false;
    auto first_words = [](const DiffPart& part, size_t count) {
        return DiffPart{Change::same, {part.words.begin(), part.words.begin() + static_cast<long>(count)}};
    };
    for (size_t k = 0; k < diff.size(); ++k) {
        const DiffPart& part = diff[k];
        if (part.change != Change::same) {
            if (!open) {
                Hunk hunk;
                if (k > 0) {  // the tail of the same run before it, as leading context
                    const auto& words = diff[k - 1].words;
                    size_t keep = std::min(context, words.size());
                    hunk.cut_before = keep < words.size();
                    hunk.parts.push_back({Change::same, {words.end() - static_cast<long>(keep), words.end()}});
                }
                result.push_back(std::move(hunk));
                open = true;
            }
            result.back().parts.push_back(part);
        } else if (open) {
            bool last = k + 1 == diff.size();
            if (!last && part.words.size() <= 2 * context) {
                result.back().parts.push_back(part);  // a short run of same words joins two changes
                continue;
            }
            size_t keep = std::min(context, part.words.size());
            result.back().parts.push_back(first_words(part, keep));
            result.back().cut_after = keep < part.words.size();
            open = false;
        }
    }
    return result;
}

std::string format_hunk(const Hunk& hunk) {
    std::string text = hunk.cut_before ? "… " : "";
    const DiffPart* previous = nullptr;
    for (const DiffPart& part : hunk.parts) {
        if (part.words.empty()) continue;
        std::string words;
        for (const auto& word : part.words) words += (words.empty() ? "" : " ") + word;
        // "[-lake-]{+castle+}": a replacement reads as one change.
        if (previous && !(previous->change == Change::removed && part.change == Change::added)) text += ' ';
        previous = &part;
        if (part.change == Change::removed)
            text += "[-" + words + "-]";
        else if (part.change == Change::added)
            text += "{+" + words + "+}";
        else
            text += words;
    }
    if (hunk.cut_after) text += " …";
    return text;
}

}  // namespace sg::review
