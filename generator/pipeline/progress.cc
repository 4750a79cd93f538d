#include "pipeline/progress.h"

#include <unistd.h>

#include <cstdio>

namespace sg::pipeline {

Progress::Progress(std::string label, size_t total)
    : label_(std::move(label)), total_(total), terminal_(total > 0 && ::isatty(STDERR_FILENO)) {}

Progress::~Progress() {
    if (drawn_) std::fputc('\n', stderr);
}

void Progress::one_done(bool computed) {
    size_t done = ++done_;
    if (computed) any_computed_ = true;
    if (!terminal_ || !any_computed_) return;
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (done < total_ && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    std::fprintf(stderr, "\r%s %zu/%zu", label_.c_str(), done, total_);
    std::fflush(stderr);
}

}  // namespace sg::pipeline
