#include "pipeline/workers.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "media/libraries.h"
#include "pipeline/progress.h"

namespace sg::pipeline {

void parallel_for(size_t count, int jobs, const std::function<void(size_t)>& work) {
    if (count == 0) return;
    size_t cores = jobs > 0 ? size_t(jobs) : std::max(1u, std::thread::hardware_concurrency());
    size_t workers = std::min(cores, count);
    media::prepare_for_workers(int(cores));

    std::atomic<size_t> next{0};
    std::mutex failure_mutex;
    std::exception_ptr failure;
    auto worker = [&] {
        try {
            for (size_t i; (i = next++) < count;) work(i);
        } catch (...) {
            std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            next = count;  // the others stop after their current item
        }
        media::end_worker_thread();
    };
    std::vector<std::thread> threads;
    for (size_t i = 1; i < workers; ++i) threads.emplace_back(worker);
    worker();
    for (auto& thread : threads) thread.join();
    if (failure) std::rethrow_exception(failure);
}

CacheWalk walk_cache(const char* doing, size_t count, int jobs, const std::function<bool(size_t)>& lookup,
                     const std::function<void(size_t)>& compute) {
    Progress progress(doing, count);
    std::vector<char> found(count, 0);  // not vector<bool>: written from several threads
    parallel_for(count, jobs, [&](size_t i) {
        found[i] = lookup(i);
        if (found[i]) progress.one_done(false);
    });
    std::vector<size_t> missing;
    for (size_t i = 0; i < count; ++i)
        if (!found[i]) missing.push_back(i);
    progress.start_work();
    parallel_for(missing.size(), jobs, [&](size_t k) {
        compute(missing[k]);
        progress.one_done(true);
    });
    return {.computed = missing.size(), .from_cache = count - missing.size()};
}

std::map<std::filesystem::path, std::filesystem::path> by_file(const std::set<std::filesystem::path>& files) {
    std::map<std::filesystem::path, std::filesystem::path> sources;
    for (const auto& file : files) sources.emplace(file, file);
    return sources;
}

}  // namespace sg::pipeline
