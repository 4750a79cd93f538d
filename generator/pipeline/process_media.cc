#include "pipeline/process_media.h"

#include <atomic>

#include "media/cache.h"
#include "pipeline/workers.h"
#include "util/error.h"

namespace sg::pipeline {

namespace fs = std::filesystem;

media::Settings media_settings(const config::Images& images) {
    media::Settings settings;
    settings.widths = images.widths;
    settings.max_width = images.max_width;
    settings.quality = images.quality;
    settings.formats = images.formats;
    settings.max_megapixels = images.max_megapixels;
    return settings;
}

ProcessedMedia process_media(const std::map<fs::path, MediaJob>& jobs, const media::Settings& settings, int workers,
                             media::Cache& cache, const FreshRenditions& fresh) {
    std::map<fs::path, fs::path> sources;
    for (const auto& [key, job] : jobs) sources.emplace(key, job.file);
    std::atomic<size_t> from_detection{0};
    auto make = [&](const fs::path& key, const fs::path& file, const std::optional<std::string>& hash) {
        const MediaJob& job = jobs.at(key);
        if (hash && job.obscure.empty())
            if (auto made = fresh.find(*hash); made != fresh.end()) {
                ++from_detection;
                return made->second;  // a copy: two files with the same bytes may both take it
            }
        return media::process(file, settings, job.obscure);
    };
    ProcessedMedia processed{through_cache<fs::path, media::ProcessResult>(
        "processing images", sources, workers, cache,
        [&](const fs::path& key, const std::string& hash) { return cache.find(hash, jobs.at(key).obscure); }, make,
        [&](const fs::path& key, const std::string& hash, const fs::path& file, media::ProcessResult& result) {
            cache.store(hash, file, result, jobs.at(key).obscure);
        })};
    processed.from_detection = from_detection;
    try {
        cache.finish();
    } catch (const util::Error&) {
        // A cache that cannot be written makes the next build slower, never this one wrong.
    }
    return processed;
}

}  // namespace sg::pipeline
