#include "pipeline/process_media.h"

#include <vips/vips.h>

#include <atomic>
#include <optional>
#include <vector>

#include "media/cache.h"
#include "pipeline/progress.h"
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

    Progress progress("processing images", queue.size());
    std::atomic<size_t> processed{0}, from_cache{0};
    for_each_image(queue.size(), workers_asked, [&](size_t i) {
        const MediaJob& job = *queue[i];
        std::optional<std::string> hash;
        try {
            hash = cache.content_hash(job.file);
        } catch (const util::Error&) {
            // Unreadable: process() says why, as a media.unreadable problem.
        }
        std::optional<media::ProcessResult> cached = hash ? cache.find(*hash, job.obscure) : std::nullopt;
        if (cached) {
            results[i] = std::move(*cached);
            ++from_cache;
            progress.one_done(false);
        } else {
            results[i] = media::process(job.file, settings, job.obscure);
            ++processed;
            try {
                if (hash) cache.store(*hash, job.file, results[i], job.obscure);
            } catch (const util::Error&) {
                // The cache only saves time: the result is still here, in memory.
            }
            progress.one_done(true);
        }
    });
    try {
        cache.finish();
    } catch (const util::Error&) {
        // A cache that cannot be written makes the next build slower, never this one wrong.
    }

    ProcessedMedia out;
    out.processed = processed;
    out.from_cache = from_cache;
    for (size_t i = 0; i < queue.size(); ++i) out.results.emplace(keys[i], std::move(results[i]));
    return out;
}

}  // namespace sg::pipeline
