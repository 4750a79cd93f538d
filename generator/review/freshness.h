// Would a build now publish the site the last build wrote? `schoolgate publish` asks before it
// uploads site/: content, the register, the theme or simply the date (a consent that lapsed today,
// a post whose publish date came) may have changed what the gate lets through since then.
//
// Loads, checks and plans the site as a build would (with --require-approval when the last build
// used it; nothing is written), and compares the build record that build would write with the last
// one the way `review` does (review::compare), plus the pages withheld and the theme's assets.
#pragma once
#include <string>
#include <vector>

#include "output/build_record.h"
#include "pipeline/pipeline.h"

namespace sg::review {

struct Freshness {
    pipeline::Result result;               // of the check and plan; status usage when loading failed
    std::vector<std::string> differences;  // one line each, people never named; empty: the same site
};

Freshness compare_with_build(const pipeline::Options& options, const output::BuildRecord& built);

}  // namespace sg::review
