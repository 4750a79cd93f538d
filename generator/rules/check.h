// The privacy gate: every rule of DESIGN.md, run on a page's sources (check_page) and again on
// the bytes rendered for it (check_rendered). Findings are diagnostics; an error withholds the page.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"
#include "consent/consent.h"
#include "consent/register.h"
#include "content/page.h"
#include "diag/diagnostic.h"
#include "document/pdf.h"
#include "media/faces.h"
#include "media/image.h"
#include "rules/html_text.h"
#include "rules/names.h"
#include "util/date.h"

namespace sg::rules {

// Everything the rules consult besides the page itself.
struct Context {
    const config::Config& config;
    const consent::Register& people;
    const NameMatcher& names;
    util::Date date;  // the build date consent is judged on
    // What the media stage read from each image file the pages use (header and metadata).
    const std::map<std::filesystem::path, media::InspectResult>& images;
    // The faces detected in each photo file the pages use (photos only; absent when not run).
    const std::map<std::filesystem::path, media::FaceResult>& faces;
    // What each photo obscures, by content::Image::media_key(), resolved once before the rules run
    // (resolve_obscured in rules/photos.h); absent when an entry cannot be resolved, which
    // withholds the page.
    const std::map<std::filesystem::path, std::vector<media::Box>>& obscured;
    // What was read from each PDF document the pages declare (document/pdf.h).
    const std::map<std::filesystem::path, document::Inspection>& documents;

    consent::LawfulBasis basis() const;
};

// Runs every rule on the page's front matter, body, images and documents.
void check_page(const content::Page& page, const Context& context, diag::Diagnostics& diagnostics);

// The register people a page pictures: declared in its photos, or named by the photos' embedded
// people tags. Unknown ids are left out (photo.unknown-person reports them).
std::vector<const consent::Person*> pictured_people(const content::Page& page, const Context& context);

// How many findings of each (rule, subject) the page's inline waivers excused in its sources
// (subject: a register id, or a contact as written). The rendered check excuses no more than
// these, so a name or number that only appears once rendered (an entity, the theme) is not waived.
using WaiverBudget = std::map<std::pair<std::string, std::string>, int>;
WaiverBudget waived_in_source(const content::Page& page, const Context& context);

// Runs the name and contact rules on rendered HTML, read once into `pieces` (published_text):
// every text node, attribute and comment that is published. `page` is the source the diagnostics
// withhold (for generated pages, their URL); `raw` the source text used to locate a finding, if
// any; `pictured` whom the HTML shows; `waived` what the source's waivers excused
// (waived_in_source), used up as findings are excused.
void check_rendered(std::string_view page, std::string_view raw, const std::vector<TextPiece>& pieces,
                    const std::vector<const consent::Person*>& pictured, const Context& context,
                    diag::Diagnostics& diagnostics, WaiverBudget waived = {});

}  // namespace sg::rules
