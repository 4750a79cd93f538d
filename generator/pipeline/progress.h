// "looking for faces 37/120" on stderr, redrawn in place at most ten times a second, while a stage
// of the build works through its images. Drawn only when stderr is a terminal (logs and CI stay
// clean) and only once the stage has had real work to do: a stage that takes everything from the
// image cache finishes at once and says nothing.
#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace sg::pipeline {

class Progress {
public:
    Progress(std::string label, size_t total);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // One more image done: `computed` by this build, or taken from the cache.
    void one_done(bool computed);

private:
    std::string label_;
    size_t total_;
    bool terminal_;
    std::atomic<size_t> done_{0};
    std::atomic<bool> any_computed_{false};
    std::mutex mutex_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_;
};

}  // namespace sg::pipeline
