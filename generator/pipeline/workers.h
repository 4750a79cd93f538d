// The bounded pool that inspection, face detection and media processing share: whole images in
// parallel, one per worker; and the walk through the image cache that all three share.
#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "media/cache.h"
#include "util/error.h"

namespace sg::pipeline {

// Calls `work(i)` for every i in [0, count) on at most `jobs` threads (0: one per core), with
// libvips' own threading off (it would only contend with the other workers). The first exception
// stops the other workers after their current item and is rethrown here.
void for_each_image(size_t count, int jobs, const std::function<void(size_t)>& work);

struct CacheWalk {
    size_t computed = 0;    // by this build
    size_t from_cache = 0;  // taken from the cache
};

// Two passes of `count` items on the pool: `lookup(i)` for every item, true when it found the
// item's result in the cache; then `compute(i)` for the others. The progress line, named by `doing`
// ("looking for faces"), counts the second pass's pace only, so its estimate of the time left is
// not thrown by the images the cache had.
CacheWalk walk_cache(const char* doing, size_t count, int jobs, const std::function<bool(size_t)>& lookup,
                     const std::function<void(size_t)>& compute);

// What a walk through the cache found for each file, and how many it computed and took.
template <typename Result>
struct CachedResults : CacheWalk {
    std::map<std::filesystem::path, Result> results;  // one per file
};

// What `compute(file)` says of every file, on the pool: taken from the cache by the file's content
// hash when `find(hash)` has it, else computed and kept with `store(hash, file, result)`. A file
// that cannot be hashed is computed (and then says why it cannot be read); a cache that cannot be
// written only costs time. `doing` is as for walk_cache.
template <typename Result, typename Find, typename Compute, typename Store>
CachedResults<Result> through_cache(const char* doing, const std::set<std::filesystem::path>& files, int jobs,
                                    media::Cache& cache, Find find, Compute compute, Store store) {
    std::vector<std::filesystem::path> queue(files.begin(), files.end());
    std::vector<Result> results(queue.size());
    std::vector<std::optional<std::string>> hashes(queue.size());
    CacheWalk walk = walk_cache(
        doing, queue.size(), jobs,
        [&](size_t i) {
            try {
                hashes[i] = cache.content_hash(queue[i]);
            } catch (const util::Error&) {
                return false;
            }
            std::optional<Result> cached = find(*hashes[i]);
            if (cached) results[i] = std::move(*cached);
            return cached.has_value();
        },
        [&](size_t i) {
            results[i] = compute(queue[i]);
            try {
                if (hashes[i]) store(*hashes[i], queue[i], results[i]);
            } catch (const util::Error&) {
            }
        });
    CachedResults<Result> out{walk};
    for (size_t i = 0; i < queue.size(); ++i) out.results.emplace(queue[i], std::move(results[i]));
    return out;
}

}  // namespace sg::pipeline
