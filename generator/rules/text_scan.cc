#include "rules/text_scan.h"

#include <algorithm>

#include "diag/rule_ids.h"
#include "rules/contacts.h"

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

    for (const NameMatch& match : context.names.find(scope.text)) {
        const consent::Person& person = *match.person;
        std::string who = person.redacted();
        bool full = match.form == NameForm::full;
        if (person.is_protected && full) {
            report(diag::rule::photo_protected, match.begin,
                   "a protected person (" + who + ") is named in " + scope.what,
                   "this person must never appear on the site in any form: remove the name");
            continue;
        }
        if (!person.is_pupil()) continue;  // staff and other adults may be named with their role
        if (full && !full_name_allowed(person, policy)) {
            report(diag::rule::name_full_name, match.begin, "a pupil's full name (" + who + ") appears in " + scope.what,
                   "use the first name only, or refer to the class or year group");
            continue;
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
    }

    for (const ContactMatch& contact : find_contacts(scope.text)) {
        if (is_school_contact(contact, context.config.contact)) continue;
        std::string kind(contact_kind_name(contact.kind));
        report_waivable(diag::rule::contact_personal, contact.text, contact.begin,
               (kind.front() == 'e' ? "an " : "a ") + kind + " that is not the school's appears in " + scope.what +
                   ": " + contact.text,
               "publish only the school's own address, phone number and office email");
    }
}

}  // namespace sg::rules
