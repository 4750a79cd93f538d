// Part of step 3: every photo of the due pages through the face detector (media/faces.h), by a
// bounded pool of workers, through the image cache: an unchanged photo is never looked at twice
// with the same detector setting. In a build, a new photo's decode also gives its renditions
// (media/new_photo.h), held in memory for step 5.
#pragma once
#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "config/config.h"
#include "media/cache.h"
#include "media/faces.h"
#include "pipeline/workers.h"

namespace sg::pipeline {

// The detector setting for the site's configuration (its pixel limit, and the width processing
// decodes at, so that one decode serves both).
media::FaceSettings face_settings(const config::Images& images);

// Renditions made from the decode detection used, by the photo's content hash: in memory only,
// read back clean, written nowhere by detection. Step 5 takes those of photos that pages the check
// passed show plainly; the rest are dropped with the site.
using FreshRenditions = std::map<std::string, media::ProcessResult>;

// What detection makes besides faces in a build: the renditions, as shown without obscuring, of
// each new photo in `plain` (shown plainly by some due page) whose renditions the cache lacks,
// while those made so far hold less than `budget` bytes (beyond it, processing decodes the photo
// again rather than the build holding every new photo's renditions in memory).
struct RenditionsToo {
    media::Settings settings;
    std::set<std::filesystem::path> plain;
    size_t budget = 0;
};

// About 150 new 12 MP photos' renditions at the default widths and formats.
inline constexpr size_t fresh_renditions_budget = size_t(128) << 20;

struct Detections : CachedResults<std::filesystem::path, media::FaceResult> {
    FreshRenditions fresh;
};

Detections detect_all(const std::set<std::filesystem::path>& files, const media::FaceSettings& settings, int jobs,
                      media::Cache& cache, const RenditionsToo* renditions_too = nullptr);

}  // namespace sg::pipeline
