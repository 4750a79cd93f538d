// Part of step 3: every photo of the due pages through the face detector (media/faces.h), by a
// bounded pool of workers, through the image cache: an unchanged photo is never looked at twice
// with the same detector setting.
#pragma once
#include <filesystem>
#include <map>
#include <set>

#include "config/config.h"
#include "media/cache.h"
#include "media/faces.h"
#include "pipeline/workers.h"

namespace sg::pipeline {

// The detector setting for the site's configuration (its pixel limit).
media::FaceSettings face_settings(const config::Images& images);

using Detections = CachedResults<std::filesystem::path, media::FaceResult>;

Detections detect_all(const std::set<std::filesystem::path>& files, const media::FaceSettings& settings, int jobs,
                      media::Cache& cache);

}  // namespace sg::pipeline
