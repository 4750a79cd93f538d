// One build of a site at a time: an exclusive flock(2) on `.schoolgate/lock` in the site folder,
// held from loading to the swap of site/. A second `schoolgate build` (or `serve` rebuild) waits
// for the first, saying so on stderr, rather than failing: both then finish, one after the other.
// The kernel releases the lock when its holder exits, however it exits (SIGKILL included), so a
// killed build never leaves a lock behind. Stale staging directories of killed builds are removed
// by the next build, which may do so safely because it holds this lock.
#pragma once
#include <filesystem>
#include <functional>

namespace sg::output {

class BuildLock {
public:
    // Blocks until the lock is held; calls `waiting` once first if another process holds it.
    BuildLock(const std::filesystem::path& site_root, const std::function<void()>& waiting);
    ~BuildLock();
    BuildLock(const BuildLock&) = delete;
    BuildLock& operator=(const BuildLock&) = delete;

private:
    int fd_ = -1;
};

}  // namespace sg::output
