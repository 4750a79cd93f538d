#include "pipeline/process_media.h"

#include <vips/vips.h>

#include <optional>
#include <vector>

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

ProcessedMedia process_media(const std::map<fs::path, MediaJob>& jobs, const media::Settings& settings, int workers_asked,
                             media::Cache& cache) {
    std::vector<const MediaJob*> queue;
    std::vector<fs::path> keys;
    for (const auto& [key, job] : jobs) {
        keys.push_back(key);
        queue.push_back(&job);
    }
    std::vector<media::ProcessResult> results(queue.size());
    // Each source is decoded exactly once and every rendition is made from that one decode held
    // in memory, so libvips' operation cache would never be hit again; by default it keeps up to
    // 100 operations and 100 MB of their pixels alive, which across a pool of workers is memory
    // spent on nothing. Turned off.
    vips_cache_set_max(0);

    std::vector<std::optional<std::string>> hashes(queue.size());
    CacheWalk walk = walk_cache(
        "processing images", queue.size(), workers_asked,
        [&](size_t i) {
            try {
                hashes[i] = cache.content_hash(queue[i]->file);
            } catch (const util::Error&) {
                return false;  // unreadable: process() says why, as a media.unreadable problem
            }
            std::optional<media::ProcessResult> cached = cache.find(*hashes[i], queue[i]->obscure);
            if (cached) results[i] = std::move(*cached);
            return cached.has_value();
        },
        [&](size_t i) {
            const MediaJob& job = *queue[i];
            results[i] = media::process(job.file, settings, job.obscure);
            try {
                if (hashes[i]) cache.store(*hashes[i], job.file, results[i], job.obscure);
            } catch (const util::Error&) {
                // The cache only saves time: the result is still here, in memory.
            }
        });
    try {
        cache.finish();
    } catch (const util::Error&) {
        // A cache that cannot be written makes the next build slower, never this one wrong.
    }

    ProcessedMedia out;
    out.processed = walk.computed;
    out.from_cache = walk.from_cache;
    for (size_t i = 0; i < queue.size(); ++i) out.results.emplace(keys[i], std::move(results[i]));
    return out;
}

}  // namespace sg::pipeline
