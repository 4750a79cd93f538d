#include "pipeline/workers.h"

#include <doctest/doctest.h>
#include <vips/vips.h>

#include <atomic>
#include <mutex>
#include <opencv2/core.hpp>
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

TEST_CASE("an image alone gets every core asked for; a full pool gives each image one") {
    auto threads_seen = [](size_t count, int jobs) {
        std::mutex mutex;
        std::set<std::pair<int, int>> seen;  // libvips', OpenCV's
        for_each_image(count, jobs, [&](size_t) {
            std::lock_guard lock(mutex);
            seen.insert({vips_concurrency_get(), cv::getNumThreads()});
        });
        return seen;
    };
    using Seen = std::set<std::pair<int, int>>;
    CHECK(threads_seen(1, 2) == Seen{{2, 2}});  // one new photo on a two-core machine
    CHECK(threads_seen(2, 4) == Seen{{2, 2}});
    CHECK(threads_seen(8, 2) == Seen{{1, 1}});  // a cold build
    CHECK(threads_seen(1, 1) == Seen{{1, 1}});  // --jobs 1 is kept to
}

TEST_CASE("the first failure stops the pool and reaches the caller") {
    std::atomic<size_t> done{0};
    CHECK_THROWS_WITH_AS(for_each_image(100, 2,
                                        [&](size_t i) {
                                            if (i == 3) throw std::runtime_error("image 3 failed");
                                            ++done;
                                        }),
                         "image 3 failed", std::runtime_error);
    CHECK(done < 100);
}

}  // namespace
}  // namespace sg::pipeline
