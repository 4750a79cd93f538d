// Step 7: the rendered bytes of a page are checked again before they are written. The name and
// contact rules run on everything the HTML publishes, and every image it can make a browser or a
// crawler fetch (src, srcset, poster, CSS url(), and any image URL in a link, a meta tag such as
// og:image, a data-* attribute or a script such as JSON-LD) must be a rendition this build made
// for the page, at the site's own address; every link to a PDF of the site's own must be the clean
// copy of one of the page's documents.
#pragma once
#include <vector>

#include "pipeline/publish.h"
#include "rules/check.h"
#include "rules/html_text.h"

namespace sg::pipeline {

// `pieces` are rules::published_text(page.html), read once by the caller.
void verify_rendered(const RenderedPage& page, const std::vector<rules::TextPiece>& pieces,
                     const std::vector<const consent::Person*>& pictured, const rules::Context& context,
                     diag::Diagnostics& diagnostics);

}  // namespace sg::pipeline
