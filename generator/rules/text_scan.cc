#include "rules/text_scan.h"

#include <algorithm>
#include <set>

#include "diag/rule_ids.h"
#include "rules/contacts.h"
#include "util/unicode.h"

namespace sg::rules {

LineIndex::LineIndex(std::string_view text) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') starts_.push_back(i + 1);
}

std::pair<int, int> LineIndex::position(size_t offset) const {
    auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
    size_t line = static_cast<size_t>(after - starts_.begin());
    return {static_cast<int>(line), static_cast<int>(offset - starts_[line - 1] + 1)};
}

namespace {

bool contains(const std::vector<const consent::Person*>& people, const consent::Person* person) {
    return std::find(people.begin(), people.end(), person) != people.end();
}

bool full_name_allowed(const consent::Person& person, const config::Policy& policy) {
    return policy.full_name == config::FullNamePolicy::with_written_permission &&
           person.full_name_with_photo == consent::Permission::yes;
}

// Whether the pupil's known-as name (when it differs from the first name) is written anywhere in
// the text: then words that are also the pupil's full name point at the pupil, phrase or not.
bool named_by_known_as(const consent::Person& person, const std::vector<NameMatch>& matches, std::string_view text) {
    std::string known_as = util::fold(person.known_as);
    if (known_as.empty() || known_as == util::fold(person.first_name)) return false;
    return std::any_of(matches.begin(), matches.end(), [&](const NameMatch& m) {
        return m.person == &person && m.form == NameForm::first &&
               util::fold(text.substr(m.begin, m.end - m.begin)) == known_as;
    });
}

constexpr const char* full_name_hint = "use the first name only, or refer to the class or year group";
constexpr const char* phrase_hint =
    "use the first name only, or refer to the class or year group; if these lower-case words are an everyday "
    "phrase here and not the pupil, list them once in schoolgate.yml under policy.names.phrases with a reason "
    "(accepted in lower-case running text mid-sentence only)";
constexpr const char* listed_phrase_hint =
    "these words are listed in policy.names.phrases, but a phrase is accepted only in lower case, mid-sentence in "
    "the page's running text, on a page that neither shows this pupil nor names them by their known-as name; "
    "reword it here";

constexpr const char* contact_hint =
    "an organisation's contact the site gives on purpose (the council, a helpline, a charity): list it once in "
    "schoolgate.yml under contact.organisations with a reason (a domain of the school's own: email_domains); a "
    "one-off on this page only: waive the paragraph with <!-- schoolgate: allow contact.personal \"reason\" -->; "
    "a pupil's, parent's or staff member's own details: remove them";

}  // namespace

void scan_text(const TextScope& scope, std::string_view page, const std::vector<const consent::Person*>& pictured,
               const Context& context, diag::Diagnostics& diagnostics) {
    const config::Policy& policy = context.config.policy;
    auto report = [&](std::string_view rule, size_t offset, std::string message, std::string hint) {
        diagnostics.error(rule, scope.locate(offset), std::move(message), std::move(hint), std::string(page));
    };
    // A finding the page's waivers may excuse: reported as an error unless a waiver covers it.
    auto report_waivable = [&](std::string_view rule, std::string_view subject, size_t offset, std::string message,
                               std::string hint) {
        diag::Location at = scope.locate(offset);
        std::optional<std::string> reason = scope.waived ? scope.waived(rule, subject, at) : std::nullopt;
        if (!reason)
            diagnostics.error(rule, std::move(at), std::move(message), std::move(hint), std::string(page));
        else if (scope.report_waived)
            diagnostics.warning(rule, std::move(at), message + " (waived: \"" + *reason + "\")",
                                "waived by the comment above the paragraph; remove the waiver if the text changes",
                                std::string(page));
    };

    std::vector<NameMatch> matches = context.names.find(scope.text);
    // Words excused as a phrase are still someone's first name: the first names find() hid inside
    // the phrase (anyone's) are judged on their own, as they would be without that pupil.
    std::vector<NameMatch> inside_phrases;
    std::optional<std::vector<NameMatch>> all_first_names;  // found once, when a phrase is first excused
    std::set<std::pair<size_t, size_t>> excused;            // the ranges of the phrases excused
    auto judge = [&](const NameMatch& match) {
        const consent::Person& person = *match.person;
        std::string who = person.redacted();
        bool full = match.form == NameForm::full;
        if (person.is_protected && full) {
            report(diag::rule::photo_protected, match.begin,
                   "a protected person (" + who + ") is named in " + scope.what,
                   "this person must never appear on the site in any form: remove the name");
            return;
        }
        if (!person.is_pupil()) return;  // staff and other adults may be named with their role
        if (full && !full_name_allowed(person, policy)) {
            const config::Phrase* phrase = listed_phrase(scope.text, match.begin, match.end, policy.phrases);
            bool lower_case = is_lower_case(scope.text.substr(match.begin, match.end - match.begin));
            if (phrase && !scope.describes_photo && !contains(pictured, &person) &&
                !named_by_known_as(person, matches, scope.text) &&
                reads_as_running_text(scope.text, match.begin, match.end, scope.running_text)) {
                if (!all_first_names) all_first_names = context.names.find(scope.text, NameMatcher::FirstNames::all);
                if (excused.emplace(match.begin, match.end).second)
                    for (const NameMatch& first : *all_first_names)
                        if (first.form == NameForm::first && first.begin >= match.begin && first.end <= match.end)
                            inside_phrases.push_back(first);
                return;  // an everyday phrase, not the pupil
            }
            report(diag::rule::name_full_name, match.begin, "a pupil's full name (" + who + ") appears in " + scope.what,
                   phrase ? listed_phrase_hint : lower_case ? phrase_hint : full_name_hint);
            return;
        }
        if (scope.describes_photo) {
            report(diag::rule::name_with_photo, match.begin,
                   "a pupil's name (" + who + ") appears in " + scope.what,
                   "describe the picture without names, e.g. 'Year 3 pupils at the castle'");
        } else if (contains(pictured, &person) &&
                   policy.first_name_with_photo == config::FirstNameWithPhoto::never) {
            std::string message = "the name of a pupil pictured on this page (" + who + ") appears in " + scope.what;
            std::string hint = "a pupil named on a page must not be shown in its photos: remove the name or the photo";
            if (person.is_protected || full)  // waivers never cover a protected person or a full name
                report(diag::rule::name_with_photo, match.begin, std::move(message), std::move(hint));
            else
                report_waivable(diag::rule::name_with_photo, person.id, match.begin, std::move(message), std::move(hint));
        }
    };
    for (const NameMatch& match : matches) judge(match);
    for (size_t i = 0; i < inside_phrases.size(); ++i) judge(inside_phrases[i]);

    for (const ContactMatch& contact : find_contacts(scope.text)) {
        if (is_school_contact(contact, context.config.contact) || is_listed_organisation(contact, context.config.contact))
            continue;
        std::string kind(contact_kind_name(contact.kind));
        report_waivable(diag::rule::contact_personal, contact.text, contact.begin,
                        (kind.front() == 'e' ? "an " : "a ") + kind + " that is not the school's appears in " +
                            scope.what + ": " + contact.text,
                        contact_hint);
    }
}

}  // namespace sg::rules
