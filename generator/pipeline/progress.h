// "looking for faces 37/1000, about 9 min left" on stderr, redrawn in place at most ten times a
// second, while a stage of the build works through its images. Drawn only when stderr is a terminal
// (logs and CI stay clean) and only once the stage has had real work to do: a stage that takes
// everything from the image cache finishes at once and says nothing.
#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace sg::pipeline {

// "about 40 s left", "about 9 min left": no more precise than photos of different sizes allow.
std::string time_left(double seconds);

class Progress {
public:
    Progress(std::string label, size_t total);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // From now on the images not yet done are worked on, not taken from the cache: the time left
    // is estimated from the pace since this call. Not while images are being counted.
    void start_work();

    // One more image done: `computed` by this build, or taken from the cache.
    void one_done(bool computed);

private:
    using Clock = std::chrono::steady_clock;

    std::string label_;
    size_t total_;
    bool terminal_;
    std::atomic<size_t> done_{0};
    std::atomic<bool> any_computed_{false};
    std::mutex mutex_;
    bool drawn_ = false;
    Clock::time_point last_;
    Clock::time_point work_started_ = Clock::now();
    size_t done_before_work_ = 0;
};

}  // namespace sg::pipeline
