#include "site_build.h"

#include <algorithm>
#include <sstream>

#include "diag/printer.h"
#include "util/date.h"

namespace sg::testing {

pipeline::Result build(const TempSite& site, const char* date) {
    pipeline::Options options;
    options.source = site.root();
    options.date = util::parse_iso_date(date);
    options.jobs = 2;
    return pipeline::run_build(options);
}

bool published(const pipeline::Result& result, const std::string& url) {
    return std::find(result.published.begin(), result.published.end(), url) != result.published.end();
}

std::vector<std::string> rules_withholding(const pipeline::Result& result, const std::string& page) {
    return result.diagnostics.rules_withholding(page);
}

std::string printed(const TempSite& site, const pipeline::Result& result) {
    std::ostringstream out;
    diag::Printer(site.root()).print_all(out, result.diagnostics);
    return out.str();
}

}  // namespace sg::testing
