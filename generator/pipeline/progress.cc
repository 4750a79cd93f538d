#include "pipeline/progress.h"

#include <unistd.h>

#include <cstdio>

namespace sg::pipeline {

std::string time_left(double seconds) {
    if (seconds < 60) return "about " + std::to_string((int(seconds) / 5 + 1) * 5) + " s left";
    return "about " + std::to_string(int(seconds / 60 + 0.5)) + " min left";
}

Progress::Progress(std::string label, size_t total)
    : label_(std::move(label)), total_(total), terminal_(total > 0 && ::isatty(STDERR_FILENO)) {}

Progress::~Progress() {
    if (drawn_) std::fputc('\n', stderr);
}

void Progress::start_work() {
    work_started_ = Clock::now();
    done_before_work_ = done_;
}

void Progress::one_done(bool computed) {
    size_t done = ++done_;
    if (computed) any_computed_ = true;
    if (!terminal_ || !any_computed_) return;
    std::lock_guard lock(mutex_);
    auto now = Clock::now();
    if (done < total_ && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    std::string line = label_ + " " + std::to_string(done) + "/" + std::to_string(total_);
    // An estimate once a few images and a few seconds have gone by, not from the first one alone.
    double elapsed = std::chrono::duration<double>(now - work_started_).count();
    size_t worked = done - done_before_work_;
    if (done < total_ && worked >= 3 && elapsed >= 3)
        line += ", " + time_left(elapsed / double(worked) * double(total_ - done));
    // "\x1b[K" clears what a longer line drawn before left to the right.
    std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
    std::fflush(stderr);
}

}  // namespace sg::pipeline
