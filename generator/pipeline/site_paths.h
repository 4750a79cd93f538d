// Site paths that cannot all be written: two pages whose paths differ only in case (one would
// hide the other on a case-insensitive web server or laptop), and pages at paths the build
// generates itself (the news list, tag pages, media/, assets/).
#pragma once
#include <string>
#include <vector>

#include "content/page.h"
#include "diag/diagnostic.h"

namespace sg::pipeline {

// Reports each page (in the given order) whose URL folds to one already taken: a
// content.invalid error withholding the later page.
void check_site_paths(const std::vector<const content::Page*>& pages, diag::Diagnostics& diagnostics);

}  // namespace sg::pipeline
