// The photo and work rules: declarations, the register, consent on the build date, what the
// images themselves say about who is in them, and whether they can be read at all.
#pragma once
#include "rules/check.h"

namespace sg::rules {

void check_photos(const content::Page& page, const Context& context, diag::Diagnostics& diagnostics);
void check_work(const content::Page& page, const Context& context, diag::Diagnostics& diagnostics);

// The register people an image's embedded tags name, and the tags that name nobody known.
struct TaggedPeople {
    std::vector<const consent::Person*> people;
    std::vector<std::string> unknown;
};
TaggedPeople tagged_people(const media::SourceInfo& info, const Context& context);

}  // namespace sg::rules
