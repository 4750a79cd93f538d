// The bounded pool that inspection, face detection and media processing share: whole images in
// parallel, one per worker; and the one walk through the image cache that all three take.
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

// Calls `work(i)` for every i in [0, count) on at most `jobs` threads (0: one per core): images,
// and pages to render. The media libraries' own threading is off (media::prepare_for_workers: it
// would only contend with the other workers), except the face detector's, which one image at a
// time uses on every core. The first exception stops the other workers after their current item
// and is rethrown here.
void parallel_for(size_t count, int jobs, const std::function<void(size_t)>& work);

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

// What a walk through the cache found for each key, and how many it computed and took.
template <typename Key, typename Result>
struct CachedResults : CacheWalk {
    std::map<Key, Result> results;  // one per key
};

// The result for every key of `sources` (a key, and the source file its result is made from: for
// inspection and faces the file itself, for processing the media key of a file and what it
// obscures), on the pool: taken from the cache by the file's content hash when `find(key, hash)`
// has it, else `compute(key, file, hash)` and kept with `store(key, hash, file, result)`. A file
// that cannot be hashed is computed (its hash unset: it then says why it cannot be read); a cache
// that cannot be written only costs time. `doing` is as for walk_cache.
template <typename Key, typename Result, typename Find, typename Compute, typename Store>
CachedResults<Key, Result> through_cache(const char* doing, const std::map<Key, std::filesystem::path>& sources,
                                         int jobs, media::Cache& cache, Find find, Compute compute, Store store) {
    std::vector<std::pair<Key, std::filesystem::path>> queue(sources.begin(), sources.end());
    std::vector<Result> results(queue.size());
    std::vector<std::optional<std::string>> hashes(queue.size());
    CacheWalk walk = walk_cache(
        doing, queue.size(), jobs,
        [&](size_t i) {
            try {
                hashes[i] = cache.content_hash(queue[i].second);
            } catch (const util::Error&) {
                return false;
            }
            std::optional<Result> cached = find(queue[i].first, *hashes[i]);
            if (cached) results[i] = std::move(*cached);
            return cached.has_value();
        },
        [&](size_t i) {
            const auto& [key, file] = queue[i];
            results[i] = compute(key, file, hashes[i]);
            try {
                if (hashes[i]) store(key, *hashes[i], file, results[i]);
            } catch (const util::Error&) {
            }
        });
    CachedResults<Key, Result> out{walk};
    for (size_t i = 0; i < queue.size(); ++i) out.results.emplace(std::move(queue[i].first), std::move(results[i]));
    return out;
}

// `files` as the sources of a walk keyed by the file itself.
std::map<std::filesystem::path, std::filesystem::path> by_file(const std::set<std::filesystem::path>& files);

}  // namespace sg::pipeline
