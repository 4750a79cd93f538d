#include "pipeline/detect_faces.h"

#include <algorithm>
#include <mutex>

#include "media/new_photo.h"

namespace sg::pipeline {

namespace fs = std::filesystem;

namespace {

size_t bytes_of(const media::ProcessResult& result) {
    size_t bytes = 0;
    if (result.processed)
        for (const media::Rendition& rendition : result.processed->renditions) bytes += rendition.bytes.size();
    return bytes;
}

}  // namespace

media::FaceSettings face_settings(const config::Images& images) {
    media::FaceSettings settings;
    settings.max_megapixels = images.max_megapixels;
    settings.decode_width = images.max_width;
    if (!images.widths.empty())
        settings.decode_width = std::min(settings.decode_width, *std::max_element(images.widths.begin(), images.widths.end()));
    return settings;
}

Detections detect_all(const std::set<fs::path>& files, const media::FaceSettings& settings, int jobs,
                      media::Cache& cache, const RenditionsToo* renditions_too) {
    Detections detections;
    std::mutex mutex;
    size_t held = 0;
    auto with_renditions = [&](const fs::path& file, const std::optional<std::string>& hash) {
        if (!renditions_too || !hash || !renditions_too->plain.count(file) || cache.holds(*hash)) return false;
        std::lock_guard lock(mutex);
        return held < renditions_too->budget;
    };
    auto detect = [&](const fs::path&, const fs::path& file, const std::optional<std::string>& hash) {
        if (!with_renditions(file, hash)) return media::detect_faces(file, settings);
        media::NewPhoto photo = media::detect_faces_and_process(file, settings, renditions_too->settings);
        // Kept only when they are renditions of the bytes hashed, as far as stat can tell.
        if (photo.renditions && cache.unchanged_since_hashed(*hash, file)) {
            std::lock_guard lock(mutex);
            held += bytes_of(*photo.renditions);
            detections.fresh.emplace(*hash, std::move(*photo.renditions));
        }
        return std::move(photo.faces);
    };
    static_cast<CachedResults<fs::path, media::FaceResult>&>(detections) = through_cache<fs::path, media::FaceResult>(
        "looking for faces", by_file(files), jobs, cache,
        [&](const fs::path&, const std::string& hash) { return cache.find_faces(hash); }, detect,
        [&](const fs::path&, const std::string& hash, const fs::path& file, const media::FaceResult& result) {
            cache.store_faces(hash, file, result);
        });
    media::release_detector();
    return detections;
}

}  // namespace sg::pipeline
