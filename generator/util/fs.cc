#include "util/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <fstream>
#include <sstream>

#include "util/error.h"

namespace sg::util {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path, "cannot open for reading");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) throw Error(path, "read failed");
    return std::move(bytes).str();
}

std::optional<std::string> read_regular_file(const fs::path& path) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
    int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat s {};
    std::optional<std::string> bytes;
    if (::fstat(fd, &s) == 0 && S_ISREG(s.st_mode)) {
        bytes.emplace();
        bytes->reserve(static_cast<size_t>(s.st_size));
        char buffer[16384];
        ssize_t got;
        while ((got = ::read(fd, buffer, sizeof buffer)) > 0) bytes->append(buffer, static_cast<size_t>(got));
        if (got < 0) bytes.reset();
    }
    ::close(fd);
    return bytes;
}

void write_file_atomic(const fs::path& path, std::string_view bytes) {
    static std::atomic<unsigned> counter{0};
    fs::path tmp = path;
    tmp += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(tmp, "cannot open for writing");
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            std::error_code ignored;
            fs::remove(tmp, ignored);
            throw Error(path, "write failed (disk full?)");
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw Error(path, "cannot rename into place: " + ec.message());
    }
}

bool is_within(const fs::path& path, const fs::path& root) { return Within(root).holds(path); }

Within::Within(const fs::path& root) {
    std::error_code ec;
    fs::path real_root = fs::weakly_canonical(root, ec);
    if (!ec) real_root_ = std::move(real_root);
}

bool Within::holds(const fs::path& path) const {
    if (!real_root_) return false;
    std::error_code ec;
    fs::path real = fs::weakly_canonical(path, ec);
    if (ec) return false;
    auto [root_end, ignored] = std::mismatch(real_root_->begin(), real_root_->end(), real.begin(), real.end());
    return root_end == real_root_->end();
}

bool is_lexically_within(const fs::path& path, const fs::path& root) {
    fs::path normal = path.lexically_normal(), normal_root = root.lexically_normal();
    if (!normal_root.empty() && normal_root.filename().empty()) normal_root = normal_root.parent_path();
    auto [root_end, ignored] = std::mismatch(normal_root.begin(), normal_root.end(), normal.begin(), normal.end());
    return root_end == normal_root.end();
}

namespace {

constexpr int folder_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

// One folder of walk_tree: `fd` is owned (closed here), `beside_fd` is the caller's (-1: none).
bool walk_folder(int fd, int beside_fd, const std::string& prefix, const TreeVisit& visit) {
    DIR* dir = ::fdopendir(fd);
    if (!dir) {
        ::close(fd);
        return false;
    }
    bool complete = true;
    for (;;) {
        errno = 0;
        dirent* item = ::readdir(dir);
        if (!item) {
            if (errno != 0) complete = false;
            break;
        }
        std::string_view name = item->d_name;
        if (name == "." || name == "..") continue;
        struct stat own {}, other {};
        bool has_own = ::fstatat(::dirfd(dir), item->d_name, &own, AT_SYMLINK_NOFOLLOW) == 0;
        bool has_other = beside_fd >= 0 && ::fstatat(beside_fd, item->d_name, &other, AT_SYMLINK_NOFOLLOW) == 0;
        std::string relative = prefix + item->d_name;
        if (!visit(relative, has_own ? &own : nullptr, has_other ? &other : nullptr) || !has_own ||
            !S_ISDIR(own.st_mode))
            continue;
        int child = ::openat(::dirfd(dir), item->d_name, folder_flags);
        if (child < 0) {
            complete = false;
            continue;
        }
        int beside_child = has_other && S_ISDIR(other.st_mode) ? ::openat(beside_fd, item->d_name, folder_flags) : -1;
        complete = walk_folder(child, beside_child, relative + "/", visit) && complete;
        if (beside_child >= 0) ::close(beside_child);
    }
    ::closedir(dir);
    return complete;
}

}  // namespace

bool walk_tree(const fs::path& root, const fs::path& beside, const TreeVisit& visit) {
    int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    int beside_fd = beside.empty() ? -1 : ::open(beside.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    bool complete = walk_folder(fd, beside_fd, "", visit);
    if (beside_fd >= 0) ::close(beside_fd);
    return complete;
}

}  // namespace sg::util
