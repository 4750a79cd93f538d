#include "output/build_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "output/state_paths.h"
#include "util/error.h"

namespace sg::output {

namespace fs = std::filesystem;

BuildLock::BuildLock(const fs::path& site_root, const std::function<void()>& waiting) {
    fs::path file = state::lock(site_root);
    fs::create_directories(file.parent_path());
    fd_ = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw util::Error(file, std::string("cannot open the build lock: ") + strerror(errno));
    if (flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
    if (errno != EWOULDBLOCK) {
        close(fd_);
        throw util::Error(file, std::string("cannot take the build lock: ") + strerror(errno));
    }
    if (waiting) waiting();
    while (flock(fd_, LOCK_EX) != 0) {
        if (errno == EINTR) continue;
        close(fd_);
        throw util::Error(file, std::string("cannot take the build lock: ") + strerror(errno));
    }
}

BuildLock::~BuildLock() {
    if (fd_ >= 0) close(fd_);  // releases the lock
}

}  // namespace sg::output
