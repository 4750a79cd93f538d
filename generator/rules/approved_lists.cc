#include "rules/approved_lists.h"

#include "diag/rule_ids.h"
#include "util/unicode.h"

namespace sg::rules {
namespace {

// Whose name in the register must never be accepted in an organisation's entry.
bool guarded(const consent::Person& person) { return person.is_pupil() || person.is_protected; }

// `text` with only its folded letters and digits ("Summer.Day@" -> "summerday").
std::string squeezed(std::string_view text) {
    std::string out;
    for (const util::Token& token : util::fold_words(text)) out += token.folded;
    return out;
}

// The first guarded person whose first (or known-as) and last names, run together in either
// order, stand in `address` (an email or url).
const consent::Person* run_together(std::string_view address, const consent::Register& people) {
    std::string letters = squeezed(address);
    for (const consent::Person& person : people.people()) {
        if (!guarded(person)) continue;
        std::string last = squeezed(person.last_name);
        for (const std::string* first : {&person.first_name, &person.known_as}) {
            std::string given = squeezed(*first);
            if (given.empty() || last.empty()) continue;
            if (letters.find(given + last) != std::string::npos || letters.find(last + given) != std::string::npos)
                return &person;
        }
    }
    return nullptr;
}

const consent::Person* named_in(std::string_view text, const NameMatcher& names) {
    for (const NameMatch& match : names.find(text))
        if (guarded(*match.person) && match.form == NameForm::full) return match.person;
    return nullptr;
}

}  // namespace

void check_approved_lists(const config::Config& config, const consent::Register& people, const NameMatcher& names,
                          diag::Diagnostics& diagnostics) {
    for (const config::Organisation& organisation : config.contact.organisations) {
        const consent::Person* person = nullptr;
        for (const std::string* text : {&organisation.name, &organisation.email, &organisation.url, &organisation.reason})
            if (!person) person = named_in(*text, names);
        for (const std::string* address : {&organisation.email, &organisation.url})
            if (!person && !address->empty()) person = run_together(*address, people);
        if (person)
            diagnostics.error(diag::rule::config_invalid, organisation.at,
                              "this organisation's entry holds the name of " +
                                  std::string(person->is_pupil() ? "a pupil" : "a protected person") +
                                  " in the consent register (" + person->redacted() + ")",
                              "contact.organisations is for organisations' contacts only: a pupil's, a parent's or "
                              "a staff member's own details are never published; remove the entry");
    }
}

}  // namespace sg::rules
