// Step 5: every image file the passing pages use, decoded once and re-encoded by a bounded pool of
// workers (one per core unless told otherwise), through the persistent image cache
// (media/cache.h): an unchanged photo is taken from the cache, verified, and never processed again.
#pragma once
#include <filesystem>
#include <map>
#include <set>

#include "media/image.h"

namespace sg::pipeline {

struct ProcessedMedia {
    std::map<std::filesystem::path, media::ProcessResult> results;  // one per file
    size_t processed = 0;   // decoded and re-encoded by this build
    size_t from_cache = 0;  // taken, verified, from the cache
};

// Processes `files` with `settings`, keeping results in `cache_dir` (which must not be inside the
// site) and pruning what this build did not use. Shows "processing images 37/120" on stderr when
// it is a terminal.
ProcessedMedia process_media(const std::set<std::filesystem::path>& files, const media::Settings& settings,
                             int jobs, const std::filesystem::path& cache_dir);

}  // namespace sg::pipeline
