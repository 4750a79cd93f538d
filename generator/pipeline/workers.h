// The bounded pool that media processing and face detection share: whole images in parallel,
// one per worker, libvips' own threading off (it would only contend with the other workers).
#pragma once
#include <cstddef>
#include <functional>

namespace sg::pipeline {

// Calls `work(i)` for every i in [0, count) on at most `jobs` threads (0: one per core). The first
// exception stops the other workers after their current item and is rethrown here.
void for_each_image(size_t count, int jobs, const std::function<void(size_t)>& work);

}  // namespace sg::pipeline
