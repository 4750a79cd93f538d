// Finds register people's names in text. One matcher is built over the whole register at once
// (a map from each name form's first folded word to the forms that start with it), so a page is
// scanned once whatever the size of the register.
#pragma once
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "consent/register.h"

namespace sg::rules {

enum class NameForm {
    full,   // two or more names that together identify the person: first + last, known-as + last,
            // "last, first", first + middle + last, other names + last
    first,  // the first name or known-as on its own
};

struct NameMatch {
    const consent::Person* person = nullptr;
    NameForm form = NameForm::first;
    size_t begin = 0, end = 0;  // byte range in the text searched
};

// Matches folded words (util::fold_words), so case, accents, punctuation, hyphens, apostrophes,
// line breaks and invisible format characters between or inside names make no difference, and a
// name never matches inside a longer word ("Ameliasburg" is not "Amelia"). A name of several words
// also matches joined up ("Al-Rashid" as "Alrashid", "O'Brien" as "OBrien"). A last name alone is
// never a match. The matcher points into the register it was built from, which must outlive it.
class NameMatcher {
public:
    explicit NameMatcher(const consent::Register& people);
    // Which first-name matches find() reports: only those outside every full match, or all.
    enum class FirstNames { outside_full, all };
    // Every occurrence of every person's name forms in `text`, ordered by position. Where a full
    // name matches, no first name inside its range (anyone's) is reported as a `first` match
    // unless `first_names` is `all`, and a full match inside a longer full match of the same
    // person is not reported again.
    std::vector<NameMatch> find(std::string_view text, FirstNames first_names = FirstNames::outside_full) const;

private:
    struct Form {
        std::vector<std::string> words;  // folded
        const consent::Person* person;
        NameForm kind;
    };
    void add_form(std::vector<std::string> words, const consent::Person& person, NameForm kind);

    std::vector<Form> forms_;
    std::unordered_multimap<std::string, size_t> by_first_word_;
};

}  // namespace sg::rules
