#include "rules/photos.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

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

// The register people a whole tag names ("Amelia Thornbury", or just "Amelia", which may name
// several people: all count).
std::vector<const consent::Person*> named_by(const std::string& tag, const Context& context) {
    std::vector<const consent::Person*> people;
    std::string_view trimmed = util::trim(tag);
    size_t begin = trimmed.data() - tag.data(), end = begin + trimmed.size();
    for (const auto& match : context.names.find(tag))
        if (match.begin == begin && match.end == end && std::find(people.begin(), people.end(), match.person) == people.end())
            people.push_back(match.person);
    return people;
}

// The face regions the image's metadata gives `person`.
std::vector<media::Box> regions_of(const consent::Person& person, const media::SourceInfo& info, const Context& context) {
    std::vector<media::Box> boxes;
    for (const auto& region : info.face_regions) {
        auto named = named_by(region.name, context);
        if (std::find(named.begin(), named.end(), &person) != named.end()) boxes.push_back(region.box);
    }
    return boxes;
}

media::Box box_of(const content::NotPerson& mark) {
    return {mark.rect[0], mark.rect[1], mark.rect[2], mark.rect[3]};
}

bool obscures(const content::Image& photo, const std::string& id) {
    return std::any_of(photo.obscure.begin(), photo.obscure.end(), [&](const auto& part) { return part.person == id; });
}

// The obscure list: who is obscured must be someone the register knows and not protected (a
// blurred face does not make a protected child publishable: clothes, hair and context remain),
// not also declared, and have a face region in the image; otherwise the photo is withheld.
void check_obscured(const content::Image& photo, const media::SourceInfo* info, const std::string& source,
                    const Context& context, diag::Diagnostics& diagnostics) {
    for (const auto& part : photo.obscure) {
        if (part.person.empty()) continue;
        const consent::Person* person = context.people.find(part.person);
        if (!person) {
            diagnostics.error(diag::rule::photo_unknown_person, part.at,
                              "'" + part.person + "' is not in the consent register",
                              "use the id from consent/register.csv", source);
        } else if (person->is_protected) {
            diagnostics.error(diag::rule::photo_protected, part.at,
                              person->redacted() + " is protected and must never appear on the site, even obscured",
                              "remove this photo", source);
        } else if (std::find(photo.people.begin(), photo.people.end(), part.person) != photo.people.end()) {
            diagnostics.error(diag::rule::content_invalid, part.at,
                              person->redacted() + " is both declared in people and obscured",
                              "keep them in people (their consent is checked) or obscure them, not both", source);
        } else if (info && regions_of(*person, *info, context).empty()) {
            diagnostics.error(diag::rule::content_invalid, part.at,
                              "photo '" + photo.src + "' has no face region for " + person->redacted() +
                                  " in its metadata, so they cannot be found to be obscured",
                              "obscure them with rect: [x, y, width, height] instead, or tag their face in the photo",
                              source);
        }
    }
}

// `face` as an obscure rect a person can paste, rounded outward to hundredths so that it covers
// the whole box the detector found: "[0.41, 0.18, 0.11, 0.15]".
std::string as_rect(const media::Box& face) {
    auto down = [](double v) { return std::clamp(std::floor(v * 100) / 100, 0.0, 1.0); };
    auto up = [](double v) { return std::clamp(std::ceil(v * 100) / 100, 0.0, 1.0); };
    double left = down(face.x), top = down(face.y), right = up(face.x + face.width), bottom = up(face.y + face.height);
    char text[64];
    std::snprintf(text, sizeof text, "[%.2f, %.2f, %.2f, %.2f]", left, top, right - left, bottom - top);
    return text;
}

bool covers(const media::Box& box, const media::Box& other) {
    double cx = other.x + other.width / 2, cy = other.y + other.height / 2;
    return cx >= box.x && cx <= box.x + box.width && cy >= box.y && cy <= box.y + box.height;
}

// A not_people mark may not sit on a face the image itself says is a person: a named face region
// whose centre is inside the mark, or inside which the mark's centre lies.
void check_not_people(const content::Image& photo, const media::SourceInfo* info, const std::string& source,
                      diag::Diagnostics& diagnostics) {
    if (!info) return;
    for (const content::NotPerson& mark : photo.not_people) {
        media::Box box = box_of(mark);
        bool on_a_person = std::any_of(info->face_regions.begin(), info->face_regions.end(), [&](const auto& region) {
            return covers(box, region.box) || covers(region.box, box);
        });
        if (on_a_person)
            diagnostics.error(diag::rule::content_invalid, mark.at,
                              "this not_people mark covers a face that photo '" + photo.src +
                                  "' names as a person in its own metadata",
                              "a named face is a person: declare them in people, or obscure them", source);
    }
}

// photo.undeclared-faces: more faces than people declared, not counting obscured faces and the
// places reviewed as not a person.
void check_faces(const content::Image& photo, const std::string& source, const Context& context,
                 diag::Diagnostics& diagnostics) {
    if (photo.declaration == content::PeopleDeclaration::missing) return;
    auto found = context.faces.find(photo.file);
    if (found == context.faces.end()) return;  // not inspectable: check_readable reports why
    if (found->second.problem) {  // fail closed: faces that could not be looked for may be there
        diagnostics.error(found->second.problem->rule, photo.at,
                          photo.src + ": faces could not be looked for: " + found->second.problem->message,
                          "re-export the photo as a JPEG from the camera or phone", source);
        return;
    }
    if (!found->second.faces) return;
    auto obscured = context.obscured.find(photo.media_key());
    if (obscured == context.obscured.end()) return;  // withheld already: an obscure entry cannot be resolved
    std::vector<media::Box> unobscured = unobscured_faces(*found->second.faces, obscured->second);
    std::vector<media::Box> counted = unobscured_faces(unobscured, not_people_boxes(photo));
    size_t faces = counted.size();
    size_t declared = photo.declaration == content::PeopleDeclaration::listed ? photo.people.size() : 0;
    if (faces <= declared) return;
    std::string shows = std::to_string(faces) + (faces == 1 ? " face" : " faces");
    std::string message =
        photo.declaration == content::PeopleDeclaration::unidentifiable
            ? "photo '" + photo.src + "' is declared unidentifiable but " + shows + (faces == 1 ? " was" : " were") +
                  " found in it"
            : "photo '" + photo.src + "' shows " + shows + " but declares " + std::to_string(declared) +
                  (declared == 1 ? " person" : " people");
    std::string found_at;
    for (const media::Box& face : counted) found_at += (found_at.empty() ? "" : ", ") + as_rect(face);
    diagnostics.error(diag::rule::photo_undeclared_faces, photo.at, message,
                      "declare everyone pictured in people, obscure them (obscure: - person: ID, or - rect: with the " +
                          std::string(faces == 1 ? "place" : "places") + " found: " + found_at +
                          "), or, where the editor sees no person there, mark the place as reviewed (not_people: [" +
                          found_at + "]); schoolgate review --html shows the faces",
                      source);
}

}  // namespace

std::optional<std::vector<media::Box>> obscured_boxes(const content::Image& photo, const Context& context) {
    std::vector<media::Box> boxes;
    if (photo.obscure.empty()) return boxes;
    const media::SourceInfo* info = info_of(photo, context);
    for (const auto& part : photo.obscure) {
        if (part.rect) {
            const auto& r = *part.rect;
            boxes.push_back({r[0], r[1], r[2], r[3]});
            continue;
        }
        const consent::Person* person = context.people.find(part.person);
        if (!person || person->is_protected || !info) return std::nullopt;
        std::vector<media::Box> regions = regions_of(*person, *info, context);
        if (regions.empty()) return std::nullopt;
        boxes.insert(boxes.end(), regions.begin(), regions.end());
    }
    return boxes;
}

std::vector<media::Box> not_people_boxes(const content::Image& photo) {
    std::vector<media::Box> boxes;
    for (const content::NotPerson& mark : photo.not_people) boxes.push_back(box_of(mark));
    return boxes;
}

std::map<std::filesystem::path, std::vector<media::Box>> resolve_obscured(const std::vector<const content::Page*>& pages,
                                                                         const Context& context) {
    std::map<std::filesystem::path, std::vector<media::Box>> resolved;
    for (const content::Page* page : pages)
        for (const auto* images : {&page->photos, &page->work})
            for (const auto& image : *images)
                if (auto boxes = obscured_boxes(image, context)) resolved.emplace(image.media_key(), std::move(*boxes));
    return resolved;
}

std::vector<media::Box> unobscured_faces(const std::vector<media::Box>& faces, const std::vector<media::Box>& obscured) {
    std::vector<media::Box> left;
    for (const media::Box& face : faces) {
        double cx = face.x + face.width / 2, cy = face.y + face.height / 2;
        bool covered = std::any_of(obscured.begin(), obscured.end(), [&](const media::Box& box) {
            return cx >= box.x && cx <= box.x + box.width && cy >= box.y && cy <= box.y + box.height;
        });
        if (!covered) left.push_back(face);
    }
    return left;
}

TaggedPeople tagged_people(const media::SourceInfo& info, const Context& context) {
    TaggedPeople tagged;
    auto add = [&](const consent::Person* person) {
        if (std::find(tagged.people.begin(), tagged.people.end(), person) == tagged.people.end())
            tagged.people.push_back(person);
    };
    // A people tag names a register person when one of their name forms is the whole tag
    // ("Amelia Thornbury", or just "Amelia", which may name several people: all count).
    for (const auto& tag : info.people_tags) {
        auto named = named_by(tag, context);
        for (const consent::Person* person : named) add(person);
        if (named.empty()) tagged.unknown.push_back(tag);
    }
    // Keywords are free text: only those that name a register person in full count as evidence.
    for (const auto& keyword : info.keywords)
        for (const auto& match : context.names.find(keyword))
            if (match.form == NameForm::full) add(match.person);
    return tagged;
}

void check_declared_people(const std::vector<std::string>& ids, const std::vector<diag::Location>& ids_at,
                           const std::string& source, const Context& context, diag::Diagnostics& diagnostics) {
    for (size_t i = 0; i < ids.size(); ++i) {
        const std::string& id = ids[i];
        const diag::Location& where = ids_at[i];
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
        check_declared_people(photo.people, photo.people_at, source, context, diagnostics);
        const media::SourceInfo* info = info_of(photo, context);
        check_obscured(photo, info, source, context, diagnostics);
        check_not_people(photo, info, source, diagnostics);
        check_faces(photo, source, context, diagnostics);
        if (!info) continue;
        TaggedPeople tagged = tagged_people(*info, context);
        if (!tagged.unknown.empty())  // the tags themselves are names: never printed
            diagnostics.error(diag::rule::photo_unknown_person, photo.at,
                              "photo '" + photo.src + "' is tagged with " + std::to_string(tagged.unknown.size()) +
                                  (tagged.unknown.size() == 1 ? " person" : " people") + " not in the register",
                              "remove the people tag from the image, or add the person to the register", source);
        for (const consent::Person* person : tagged.people) {
            // Obscured by their face region: not pictured recognisably, so no consent is needed.
            bool declared = std::find(photo.people.begin(), photo.people.end(), person->id) != photo.people.end() ||
                            (obscures(photo, person->id) && !person->is_protected);
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
