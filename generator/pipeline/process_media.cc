#include "pipeline/process_media.h"

#include <atomic>
#include <thread>
#include <vector>
#include <vips/vips.h>

namespace sg::pipeline {

namespace fs = std::filesystem;

std::map<fs::path, media::ProcessResult> process_media(const std::set<fs::path>& files,
                                                       const media::Settings& settings, int jobs) {
    std::vector<fs::path> queue(files.begin(), files.end());
    std::vector<media::ProcessResult> results(queue.size());
    int workers = jobs > 0 ? jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    workers = std::min<int>(workers, static_cast<int>(std::max<size_t>(1, queue.size())));
    // Parallelism comes from whole images, one per worker: libvips' own threads would only
    // contend with the other workers.
    vips_concurrency_set(1);

    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i; (i = next++) < queue.size();) results[i] = media::process(queue[i], settings);
        vips_thread_shutdown();
    };
    std::vector<std::thread> threads;
    for (int i = 1; i < workers; ++i) threads.emplace_back(work);
    work();
    for (auto& thread : threads) thread.join();

    std::map<fs::path, media::ProcessResult> processed;
    for (size_t i = 0; i < queue.size(); ++i) processed.emplace(queue[i], std::move(results[i]));
    return processed;
}

}  // namespace sg::pipeline
