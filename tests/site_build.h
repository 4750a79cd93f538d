// Building a TempSite with the real pipeline, and reading the result as a user would.
#pragma once
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "temp_site.h"

namespace sg::testing {

// `schoolgate build` of `site` on `date`, in process.
pipeline::Result build(const TempSite& site, const char* date = test_date);

bool published(const pipeline::Result& result, const std::string& url);

// The rule ids of the errors that withhold `page`, sorted, each once.
std::vector<std::string> rules_withholding(const pipeline::Result& result, const std::string& page);

// The diagnostics as the command line prints them.
std::string printed(const TempSite& site, const pipeline::Result& result);

}  // namespace sg::testing
