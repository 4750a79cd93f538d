#include "pipeline/detect_faces.h"

#include <atomic>
#include <optional>
#include <vector>

#include "pipeline/workers.h"
#include "util/error.h"

namespace sg::pipeline {

namespace fs = std::filesystem;

media::FaceSettings face_settings(const config::Images& images) {
    media::FaceSettings settings;
    settings.max_megapixels = images.max_megapixels;
    return settings;
}

DetectedFaces detect_all(const std::set<fs::path>& files, const media::FaceSettings& settings, int jobs,
                         media::Cache& cache) {
    std::vector<fs::path> queue(files.begin(), files.end());
    std::vector<media::FaceResult> results(queue.size());
    std::atomic<size_t> detected{0}, from_cache{0};
    for_each_image(queue.size(), jobs, [&](size_t i) {
        std::optional<std::string> hash;
        try {
            hash = cache.content_hash(queue[i]);
        } catch (const util::Error&) {
            // Unreadable: detect_faces() says why, as a media.unreadable problem.
        }
        std::optional<media::FaceResult> cached = hash ? cache.find_faces(*hash) : std::nullopt;
        if (cached) {
            results[i] = std::move(*cached);
            ++from_cache;
            return;
        }
        results[i] = media::detect_faces(queue[i], settings);
        ++detected;
        try {
            if (hash) cache.store_faces(*hash, queue[i], results[i]);
        } catch (const util::Error&) {
            // The cache only saves time.
        }
    });

    DetectedFaces out;
    out.detected = detected;
    out.from_cache = from_cache;
    for (size_t i = 0; i < queue.size(); ++i) out.results.emplace(queue[i], std::move(results[i]));
    return out;
}

}  // namespace sg::pipeline
