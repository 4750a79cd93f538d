// Part of step 3: what every image of the due pages says about itself (media::inspect: header,
// pixel limit, GPS, the people its metadata names), by the bounded pool of workers, through the
// image cache: an unchanged image is never opened twice with the same limits and reader.
#pragma once
#include <filesystem>
#include <map>
#include <set>

#include "media/cache.h"
#include "media/image.h"

namespace sg::pipeline {

struct InspectedImages {
    std::map<std::filesystem::path, media::InspectResult> results;  // one per file
    size_t inspected = 0;   // opened by this build
    size_t from_cache = 0;  // taken from the cache
};

InspectedImages inspect_all(const std::set<std::filesystem::path>& files, const media::Limits& limits, int jobs,
                            media::Cache& cache);

}  // namespace sg::pipeline
