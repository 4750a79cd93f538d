// The photo and work rules: declarations, the register, consent on the build date, what the
// images themselves say about who is in them, and whether they can be read at all.
#pragma once
#include <optional>
#include <vector>

#include "rules/check.h"

namespace sg::rules {

void check_photos(const content::Page& page, const Context& context, diag::Diagnostics& diagnostics);
void check_work(const content::Page& page, const Context& context, diag::Diagnostics& diagnostics);

// The people a photo or document declares (`ids`, written at `ids_at`): each must be in the
// register, not protected, and have website photo consent on the build date.
void check_declared_people(const std::vector<std::string>& ids, const std::vector<diag::Location>& ids_at,
                           const std::string& source, const Context& context, diag::Diagnostics& diagnostics);

// The register people an image's embedded tags name, and the tags that name nobody known.
struct TaggedPeople {
    std::vector<const consent::Person*> people;
    std::vector<std::string> unknown;
};
TaggedPeople tagged_people(const media::SourceInfo& info, const Context& context);

// The boxes a photo's `obscure` list covers: rects as written, people by the face regions the
// image's metadata gives them. nullopt when any entry cannot be resolved (check_photos reports
// why; the photo is withheld): what cannot be found cannot be obscured.
std::optional<std::vector<media::Box>> obscured_boxes(const content::Image& photo, const Context& context);

// The places of a photo its `not_people` list marks as reviewed: not a person.
std::vector<media::Box> not_people_boxes(const content::Image& photo);

// obscured_boxes of every image (photos and work) of `pages`, by media key, leaving out those that
// cannot be resolved: what Context::obscured holds, and processing and review read.
std::map<std::filesystem::path, std::vector<media::Box>> resolve_obscured(const std::vector<const content::Page*>& pages,
                                                                         const Context& context);

// The detected faces of a photo that lie outside everything it obscures (a face counts as
// obscured when its centre is inside an obscured box).
std::vector<media::Box> unobscured_faces(const std::vector<media::Box>& faces, const std::vector<media::Box>& obscured);

}  // namespace sg::rules
