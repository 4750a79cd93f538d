#include "pipeline/detect_faces.h"

#include <vips/vips.h>

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

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
    int workers = jobs > 0 ? jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    workers = std::min<int>(workers, static_cast<int>(std::max<size_t>(1, queue.size())));
    vips_concurrency_set(1);  // one image per worker, as process_media does

    std::atomic<size_t> next{0}, detected{0}, from_cache{0};
    std::mutex failure_mutex;
    std::exception_ptr failure;
    auto work = [&] {
        try {
            for (size_t i; (i = next++) < queue.size();) {
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
                    continue;
                }
                results[i] = media::detect_faces(queue[i], settings);
                ++detected;
                try {
                    if (hash) cache.store_faces(*hash, queue[i], results[i]);
                } catch (const util::Error&) {
                    // The cache only saves time.
                }
            }
        } catch (...) {
            std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            next = queue.size();
        }
        vips_thread_shutdown();
    };
    std::vector<std::thread> threads;
    for (int i = 1; i < workers; ++i) threads.emplace_back(work);
    work();
    for (auto& thread : threads) thread.join();
    if (failure) std::rethrow_exception(failure);

    DetectedFaces out;
    out.detected = detected;
    out.from_cache = from_cache;
    for (size_t i = 0; i < queue.size(); ++i) out.results.emplace(queue[i], std::move(results[i]));
    return out;
}

}  // namespace sg::pipeline
