// The bounded pool that inspection, face detection and media processing share: whole images in
// parallel, one per worker, libvips' own threading off (it would only contend with the other
// workers); and the walk through the image cache that inspection and face detection share.
#pragma once
#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "media/cache.h"
#include "pipeline/progress.h"
#include "util/error.h"

namespace sg::pipeline {

// Calls `work(i)` for every i in [0, count) on at most `jobs` threads (0: one per core). The first
// exception stops the other workers after their current item and is rethrown here.
void for_each_image(size_t count, int jobs, const std::function<void(size_t)>& work);

template <typename Result>
struct CachedResults {
    std::map<std::filesystem::path, Result> results;  // one per file
    size_t computed = 0;    // by this build
    size_t from_cache = 0;  // taken from the cache
};

// What `compute(file)` says of every file, on the pool: taken from the cache by the file's content
// hash when `find(hash)` has it, else computed and kept with `store(hash, file, result)`. A file
// that cannot be hashed is computed (and then says why it cannot be read); a cache that cannot be
// written only costs time. `doing` names the work on the progress line ("looking for faces").
template <typename Result, typename Find, typename Compute, typename Store>
CachedResults<Result> through_cache(const char* doing, const std::set<std::filesystem::path>& files, int jobs,
                                    media::Cache& cache, Find find, Compute compute, Store store) {
    std::vector<std::filesystem::path> queue(files.begin(), files.end());
    std::vector<Result> results(queue.size());
    Progress progress(doing, queue.size());
    std::atomic<size_t> computed{0}, from_cache{0};
    for_each_image(queue.size(), jobs, [&](size_t i) {
        std::optional<std::string> hash;
        try {
            hash = cache.content_hash(queue[i]);
        } catch (const util::Error&) {
        }
        std::optional<Result> cached = hash ? find(*hash) : std::nullopt;
        if (cached) {
            results[i] = std::move(*cached);
            ++from_cache;
            progress.one_done(false);
            return;
        }
        results[i] = compute(queue[i]);
        ++computed;
        try {
            if (hash) store(*hash, queue[i], results[i]);
        } catch (const util::Error&) {
        }
        progress.one_done(true);
    });
    CachedResults<Result> out;
    out.computed = computed;
    out.from_cache = from_cache;
    for (size_t i = 0; i < queue.size(); ++i) out.results.emplace(queue[i], std::move(results[i]));
    return out;
}

}  // namespace sg::pipeline
