#include "pipeline/workers.h"

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>

namespace sg::pipeline {
namespace {

TEST_CASE("the cache walk computes only what the cache lacks, each once") {
    std::mutex mutex;
    std::multiset<size_t> looked_up, computed;
    CacheWalk walk = walk_cache(
        "testing", 10, 2,
        [&](size_t i) {
            std::lock_guard lock(mutex);
            looked_up.insert(i);
            return i % 3 == 0;  // 0, 3, 6 and 9 are in the cache
        },
        [&](size_t i) {
            std::lock_guard lock(mutex);
            computed.insert(i);
        });
    CHECK(looked_up == std::multiset<size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    CHECK(computed == std::multiset<size_t>{1, 2, 4, 5, 7, 8});
    CHECK(walk.computed == 6);
    CHECK(walk.from_cache == 4);
}

TEST_CASE("the first failure stops the pool and reaches the caller") {
    std::atomic<size_t> done{0};
    CHECK_THROWS_WITH_AS(parallel_for(100, 2,
                                      [&](size_t i) {
                                          if (i == 3) throw std::runtime_error("image 3 failed");
                                          ++done;
                                      }),
                         "image 3 failed", std::runtime_error);
    CHECK(done < 100);
}

}  // namespace
}  // namespace sg::pipeline
