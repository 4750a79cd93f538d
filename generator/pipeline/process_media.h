// Step 5: every image file the passing pages use, decoded once and re-encoded by a bounded pool of
// workers (one per core unless told otherwise), through the persistent image cache
// (media/cache.h, the same walk as inspection and face detection): an unchanged photo is taken
// from the cache, verified, and never processed again. A new photo shown plainly whose renditions
// detection already made from its decode (FreshRenditions) is not decoded again: those renditions
// are kept in the cache now, since the check passed a page showing it.
#pragma once
#include <filesystem>
#include <map>
#include <set>

#include "config/config.h"
#include "media/cache.h"
#include "media/image.h"
#include "pipeline/detect_faces.h"
#include "pipeline/workers.h"

namespace sg::pipeline {

// The media settings of the site's configuration.
media::Settings media_settings(const config::Images& images);

// One source file to process, with the regions to obscure in it.
struct MediaJob {
    std::filesystem::path file;
    std::vector<media::Box> obscure;
};

// By content::Image::media_key(); `computed`: made by this build, `from_detection` of them from
// the decode face detection used.
struct ProcessedMedia : CachedResults<std::filesystem::path, media::ProcessResult> {
    size_t from_detection = 0;
};

// Processes every job (by media key) with `settings`, keeping results in `cache` (whose folder must
// not be inside the site) and pruning what this build did not use. Shows "processing images
// 37/120" on a terminal (pipeline/progress.h).
ProcessedMedia process_media(const std::map<std::filesystem::path, MediaJob>& jobs, const media::Settings& settings,
                             int workers, media::Cache& cache, const FreshRenditions& fresh = {});

}  // namespace sg::pipeline
