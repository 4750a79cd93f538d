// Step 7: the rendered bytes of a page are checked again before they are written. The name and
// contact rules run on everything the HTML publishes, and every image it references (src, srcset,
// poster, CSS url()) must be a rendition this build made for the page.
#pragma once
#include <vector>

#include "pipeline/publish.h"
#include "rules/check.h"

namespace sg::pipeline {

void verify_rendered(const RenderedPage& page, const std::vector<const consent::Person*>& pictured,
                     const rules::Context& context, diag::Diagnostics& diagnostics);

}  // namespace sg::pipeline
