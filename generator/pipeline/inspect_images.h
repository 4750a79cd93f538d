// Part of step 3: what every image of the due pages says about itself (media::inspect: header,
// pixel limit, GPS, the people its metadata names), by the bounded pool of workers, through the
// image cache: an unchanged image is never opened twice with the same limits and reader.
#pragma once
#include <filesystem>
#include <map>
#include <set>

#include "media/cache.h"
#include "media/image.h"
#include "pipeline/workers.h"

namespace sg::pipeline {

using Inspections = CachedResults<std::filesystem::path, media::InspectResult>;

Inspections inspect_all(const std::set<std::filesystem::path>& files, const media::Limits& limits, int jobs,
                        media::Cache& cache);

}  // namespace sg::pipeline
