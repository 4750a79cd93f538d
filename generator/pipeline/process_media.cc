#include "pipeline/process_media.h"

#include <unistd.h>
#include <vips/vips.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <optional>
#include <vector>

#include "media/cache.h"
#include "pipeline/workers.h"
#include "util/error.h"

namespace sg::pipeline {

namespace fs = std::filesystem;

namespace {

// "processing images 37/120" on stderr, redrawn in place at most ten times a second, when stderr
// is a terminal; nothing at all otherwise (logs and CI stay clean).
class Progress {
public:
    explicit Progress(size_t total) : total_(total), shown_(total > 0 && ::isatty(STDERR_FILENO)) {}
    ~Progress() {
        if (shown_ && drawn_) std::fputc('\n', stderr);
    }

    void one_done() {
        size_t done = ++done_;
        if (!shown_) return;
        std::lock_guard lock(mutex_);
        auto now = std::chrono::steady_clock::now();
        if (done < total_ && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        drawn_ = true;
        std::fprintf(stderr, "\rprocessing images %zu/%zu", done, total_);
        std::fflush(stderr);
    }

private:
    size_t total_;
    bool shown_;
    std::atomic<size_t> done_{0};
    std::mutex mutex_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_;
};

}  // namespace

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

    Progress progress(queue.size());
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
        } else {
            results[i] = media::process(job.file, settings, job.obscure);
            ++processed;
            try {
                if (hash) cache.store(*hash, job.file, results[i], job.obscure);
            } catch (const util::Error&) {
                // The cache only saves time: the result is still here, in memory.
            }
        }
        progress.one_done();
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
