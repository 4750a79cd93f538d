#include "rules/photos.h"

#include <algorithm>

#include "diag/rule_ids.h"
#include "util/text.h"

namespace sg::rules {

namespace {

const media::SourceInfo* info_of(const content::Image& image, const Context& context) {
    auto found = context.images.find(image.file);
    if (found == context.images.end() || !found->second.info) return nullptr;
    return &*found->second.info;
}

// media.* problems of the file behind an image, if any.
void check_readable(const content::Image& image, std::string_view page, const Context& context,
                    diag::Diagnostics& diagnostics) {
    if (image.file.empty()) return;  // unresolved: already reported by the loader
    auto found = context.images.find(image.file);
    if (found == context.images.end()) {
        diagnostics.error(diag::rule::media_unreadable, image.at, "image '" + image.src + "' was not inspected", {},
                          std::string(page));
    } else if (found->second.problem) {
        diagnostics.error(found->second.problem->rule, image.at, image.src + ": " + found->second.problem->message,
                          "re-export the photo from the camera or phone as a JPEG", std::string(page));
    }
}

}  // namespace

TaggedPeople tagged_people(const media::SourceInfo& info, const Context& context) {
    TaggedPeople tagged;
    auto add = [&](const consent::Person* person) {
        if (std::find(tagged.people.begin(), tagged.people.end(), person) == tagged.people.end())
            tagged.people.push_back(person);
    };
    // A people tag names a register person when one of their name forms is the whole tag
    // ("Amelia Thornbury", or just "Amelia", which may name several people: all count).
    for (const auto& tag : info.people_tags) {
        std::string_view trimmed = util::trim(tag);
        size_t begin = trimmed.data() - tag.data(), end = begin + trimmed.size();
        bool named = false;
        for (const auto& match : context.names.find(tag))
            if (match.begin == begin && match.end == end) {
                add(match.person);
                named = true;
            }
        if (!named) tagged.unknown.push_back(tag);
    }
    // Keywords are free text: only those that name a register person in full count as evidence.
    for (const auto& keyword : info.keywords)
        for (const auto& match : context.names.find(keyword))
            if (match.form == NameForm::full) add(match.person);
    return tagged;
}

void check_photos(const content::Page& page, const Context& context, diag::Diagnostics& diagnostics) {
    const std::string& source = page.source;
    for (const auto& photo : page.photos) {
        check_readable(photo, source, context, diagnostics);
        switch (photo.declaration) {
            case content::PeopleDeclaration::missing:
                diagnostics.error(diag::rule::photo_undeclared, photo.at,
                                  "photo '" + photo.src + "' does not say who is in it",
                                  "add people: [register ids], people: [] for nobody, or people: unidentifiable",
                                  source);
                break;
            case content::PeopleDeclaration::unidentifiable:
                diagnostics.warning(diag::rule::photo_unidentifiable, photo.at,
                                    "photo '" + photo.src + "' is declared to show nobody identifiable",
                                    "the editorial team confirms this in schoolgate review", source);
                break;
            case content::PeopleDeclaration::listed: break;
        }
        for (size_t i = 0; i < photo.people.size(); ++i) {
            const std::string& id = photo.people[i];
            const diag::Location& where = photo.people_at[i];
            const consent::Person* person = context.people.find(id);
            if (!person) {
                diagnostics.error(diag::rule::photo_unknown_person, where, "'" + id + "' is not in the consent register",
                                  "use the id from consent/register.csv", source);
                continue;
            }
            if (person->is_protected) {
                diagnostics.error(diag::rule::photo_protected, where,
                                  person->redacted() + " is protected and must never appear on the site",
                                  "remove this photo", source);
                continue;
            }
            consent::Verdict verdict =
                consent::photo_consent(*person, consent::Channel::website, context.date, context.basis());
            if (!verdict.allowed)
                diagnostics.error(diag::rule::photo_no_consent, where,
                                  person->redacted() + " has no website photo consent on " + context.date.iso() +
                                      ": " + verdict.reason,
                                  "remove the photo, or record the parents' written consent in the register", source);
        }
        const media::SourceInfo* info = info_of(photo, context);
        if (!info) continue;
        TaggedPeople tagged = tagged_people(*info, context);
        if (!tagged.unknown.empty())  // the tags themselves are names: never printed
            diagnostics.error(diag::rule::photo_unknown_person, photo.at,
                              "photo '" + photo.src + "' is tagged with " + std::to_string(tagged.unknown.size()) +
                                  (tagged.unknown.size() == 1 ? " person" : " people") + " not in the register",
                              "remove the people tag from the image, or add the person to the register", source);
        for (const consent::Person* person : tagged.people) {
            bool declared = std::find(photo.people.begin(), photo.people.end(), person->id) != photo.people.end();
            if (person->is_protected && !declared)  // declared: already reported above
                diagnostics.error(diag::rule::photo_protected, photo.at,
                                  "photo '" + photo.src + "' is tagged in its metadata with " + person->redacted() +
                                      ", who is protected and must never appear on the site",
                                  "remove this photo", source);
            else if (!declared)
                diagnostics.error(diag::rule::photo_tag_mismatch, photo.at,
                                  "photo '" + photo.src + "' is tagged in its metadata with " + person->redacted() +
                                      ", who is not declared",
                                  "add " + person->id + " to people (their consent is then checked) or use another photo",
                                  source);
        }
    }
}

void check_work(const content::Page& page, const Context& context, diag::Diagnostics& diagnostics) {
    const std::string& source = page.source;
    for (const auto& work : page.work) {
        check_readable(work, source, context, diagnostics);
        if (work.by.empty()) continue;
        const consent::Person* person = context.people.find(work.by);
        if (!person) {
            diagnostics.error(diag::rule::photo_unknown_person, work.by_at,
                              "'" + work.by + "' is not in the consent register", "use the id from consent/register.csv",
                              source);
            continue;
        }
        if (person->is_protected) {
            diagnostics.error(diag::rule::photo_protected, work.by_at,
                              person->redacted() + " is protected and must not be credited on the site",
                              "remove this work", source);
            continue;
        }
        consent::Verdict verdict = consent::work_consent(*person, context.date, context.basis());
        if (!verdict.allowed)
            diagnostics.error(diag::rule::work_no_consent, work.by_at,
                              person->redacted() + " has no consent to publish their work on " + context.date.iso() +
                                  ": " + verdict.reason,
                              "ask the pupil and parents for permission, recorded as work_website: yes", source);
    }
}

}  // namespace sg::rules
