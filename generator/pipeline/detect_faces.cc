#include "pipeline/detect_faces.h"

namespace sg::pipeline {

namespace fs = std::filesystem;

media::FaceSettings face_settings(const config::Images& images) {
    media::FaceSettings settings;
    settings.max_megapixels = images.max_megapixels;
    return settings;
}

Detections detect_all(const std::set<fs::path>& files, const media::FaceSettings& settings, int jobs,
                      media::Cache& cache) {
    return through_cache<fs::path, media::FaceResult>(
        "looking for faces", by_file(files), jobs, cache,
        [&](const fs::path&, const std::string& hash) { return cache.find_faces(hash); },
        [&](const fs::path&, const fs::path& file) { return media::detect_faces(file, settings); },
        [&](const fs::path&, const std::string& hash, const fs::path& file, const media::FaceResult& result) {
            cache.store_faces(hash, file, result);
        });
}

}  // namespace sg::pipeline
