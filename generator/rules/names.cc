#include "rules/names.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "util/unicode.h"

namespace sg::rules {
namespace {

using Words = std::vector<std::string>;

Words folded_words(std::string_view name) {
    Words words;
    for (util::Token& token : util::fold_words(name)) words.push_back(std::move(token.folded));
    return words;
}

// The ways a name is written: its words, and for a name of several words ("Al-Rashid",
// "O'Donnell-Pryce") every way of joining neighbouring words up ("Alrashid", "ODonnell-Pryce",
// "ODonnellPryce"...). Names of more than five words are only split or joined whole.
std::vector<Words> spellings(std::string_view name) {
    Words words = folded_words(name);
    if (words.empty()) return {};
    size_t gaps = words.size() - 1;
    std::vector<Words> all;
    if (gaps > 4) {
        all.push_back(words);
        std::string joined;
        for (const std::string& word : words) joined += word;
        all.push_back({joined});
        return all;
    }
    for (unsigned joins = 0; joins < (1u << gaps); ++joins) {  // bit k set: word k+1 joins word k
        Words way{words.front()};
        for (size_t k = 0; k < gaps; ++k) {
            if (joins & (1u << k))
                way.back() += words[k + 1];
            else
                way.push_back(words[k + 1]);
        }
        all.push_back(std::move(way));
    }
    return all;
}

Words concat(std::initializer_list<const Words*> parts) {
    Words words;
    for (const Words* part : parts) words.insert(words.end(), part->begin(), part->end());
    return words;
}

// A match in token positions, before it is turned into bytes.
struct Hit {
    size_t first_token, end_token;
    const consent::Person* person;
    NameForm kind;
};

}  // namespace

void NameMatcher::add_form(Words words, const consent::Person& person, NameForm kind) {
    if (words.empty()) return;
    std::string first = words.front();
    forms_.push_back({std::move(words), &person, kind});
    by_first_word_.emplace(std::move(first), forms_.size() - 1);
}

// Each person's forms: first names (legal and known-as), both orders with the last name, each
// other name between a first name and the last name, every other name in order between them, and
// each other name (an alias) before the last name.
NameMatcher::NameMatcher(const consent::Register& people) {
    for (const consent::Person& person : people.people()) {
        std::vector<Words> lasts = spellings(person.last_name);
        std::set<Words> firsts;
        for (const std::string* name : {&person.first_name, &person.known_as})
            for (Words& words : spellings(*name)) firsts.insert(std::move(words));
        std::vector<Words> others;
        Words all_others;
        size_t other_names = 0;
        for (const std::string& name : person.other_names) {
            std::vector<Words> ways = spellings(name);
            if (ways.empty()) continue;
            ++other_names;
            all_others.insert(all_others.end(), ways.front().begin(), ways.front().end());
            others.insert(others.end(), ways.begin(), ways.end());
        }
        std::set<Words> full;
        for (const Words& last : lasts) {
            for (const Words& first : firsts) {
                full.insert(concat({&first, &last}));
                full.insert(concat({&last, &first}));
                for (const Words& other : others) full.insert(concat({&first, &other, &last}));
                if (other_names > 1) full.insert(concat({&first, &all_others, &last}));
            }
            for (const Words& other : others) full.insert(concat({&other, &last}));
        }
        for (const Words& words : full) add_form(words, person, NameForm::full);
        for (const Words& words : firsts) add_form(words, person, NameForm::first);
    }
}

std::vector<NameMatch> NameMatcher::find(std::string_view text, FirstNames first_names) const {
    std::vector<util::Token> tokens = util::fold_words(text);
    std::vector<Hit> hits;
    for (size_t i = 0; i < tokens.size(); ++i) {
        auto [from, to] = by_first_word_.equal_range(tokens[i].folded);
        for (auto it = from; it != to; ++it) {
            const Form& form = forms_[it->second];
            size_t n = form.words.size();
            if (i + n > tokens.size()) continue;
            bool same = true;
            for (size_t k = 1; k < n && same; ++k) same = tokens[i + k].folded == form.words[k];
            if (same) hits.push_back({i, i + n, form.person, form.kind});
        }
    }

    // Tokens inside some full match: a first name there is part of that name, not on its own.
    std::vector<bool> in_full(tokens.size(), false);
    std::vector<Hit> full;
    for (const Hit& hit : hits) {
        if (hit.kind != NameForm::full) continue;
        full.push_back(hit);
        std::fill(in_full.begin() + hit.first_token, in_full.begin() + hit.end_token, true);
    }
    // A full match inside a longer one of the same person ("Rose Thornbury" in "Amelia Rose
    // Thornbury") is the same mention: sorted by person, start, longest first, it lies within the
    // furthest end seen so far.
    std::sort(full.begin(), full.end(), [](const Hit& a, const Hit& b) {
        return std::tuple(a.person, a.first_token, b.end_token) <
               std::tuple(b.person, b.first_token, a.end_token);
    });
    std::vector<NameMatch> matches;
    for (size_t i = 0, furthest = 0; i < full.size(); ++i) {
        const Hit& hit = full[i];
        if (i == 0 || hit.person != full[i - 1].person) furthest = 0;
        if (hit.end_token <= furthest) continue;
        furthest = hit.end_token;
        matches.push_back({hit.person, NameForm::full, tokens[hit.first_token].begin, tokens[hit.end_token - 1].end});
    }
    for (const Hit& hit : hits) {
        if (hit.kind != NameForm::first) continue;
        if (first_names == FirstNames::outside_full &&
            std::all_of(in_full.begin() + hit.first_token, in_full.begin() + hit.end_token, [](bool b) { return b; }))
            continue;
        matches.push_back({hit.person, NameForm::first, tokens[hit.first_token].begin, tokens[hit.end_token - 1].end});
    }
    std::sort(matches.begin(), matches.end(), [](const NameMatch& a, const NameMatch& b) {
        return std::tuple(a.begin, a.end, a.form, a.person) <
               std::tuple(b.begin, b.end, b.form, b.person);
    });
    return matches;
}

}  // namespace sg::rules
