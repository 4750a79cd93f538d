#include "deploy/file_target.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/fs.h"

namespace sg::deploy {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void failed(const fs::path& path, const std::string& what) {
    throw Error(Error::Kind::failed, path.string() + ": cannot " + what + ": " + std::strerror(errno));
}

}  // namespace

FileTarget::FileTarget(fs::path root) : root_(std::move(root)) {
    struct stat s {};
    if (::stat(root_.c_str(), &s) != 0 || !S_ISDIR(s.st_mode))
        throw Error(Error::Kind::usage, "the target folder " + root_.string() + " does not exist",
                    "create it (or mount the share) first: publish never creates the folder it was given");
}

std::string FileTarget::describe() const { return "file://" + root_.string(); }

fs::path FileTarget::at(const std::string& path) const {
    fs::path relative = fs::path(path).lexically_normal();
    if (relative.empty() || relative.is_absolute() || *relative.begin() == "..")
        throw Error(Error::Kind::failed, "refusing a path outside the target: " + path);
    return root_ / relative;
}

Listing FileTarget::list() {
    Listing listing;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(root_, error); !error && it != fs::recursive_directory_iterator();
         it.increment(error)) {
        struct stat s {};
        if (::lstat(it->path().c_str(), &s) != 0) continue;
        Entry entry;
        entry.type = S_ISREG(s.st_mode) ? Entry::Type::file : S_ISDIR(s.st_mode) ? Entry::Type::directory : Entry::Type::other;
        entry.size = entry.type == Entry::Type::file ? static_cast<std::uint64_t>(s.st_size) : 0;
        entry.mtime = s.st_mtime;
        listing[it->path().lexically_relative(root_).generic_string()] = entry;
    }
    if (error) throw Error(Error::Kind::failed, root_.string() + ": cannot list the target folder: " + error.message());
    return listing;
}

std::optional<std::string> FileTarget::read(const std::string& path) { return util::read_regular_file(at(path)); }

void FileTarget::write(const std::string& path, std::string_view bytes) {
    fs::path file = at(path);
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) failed(file, "create");
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int saved = errno;
            ::close(fd);
            errno = saved;
            failed(file, "write (disk full?)");
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0 && errno != EINVAL) {
        int saved = errno;
        ::close(fd);
        errno = saved;
        failed(file, "write to disk");
    }
    if (::close(fd) != 0) failed(file, "write");
}

void FileTarget::rename(const std::string& from, const std::string& to) {
    if (::rename(at(from).c_str(), at(to).c_str()) != 0) failed(at(to), "rename into place");
}

void FileTarget::make_directory(const std::string& path) {
    if (::mkdir(at(path).c_str(), 0755) != 0 && errno != EEXIST) failed(at(path), "create the folder");
}

void FileTarget::remove(const std::string& path) {
    if (::unlink(at(path).c_str()) != 0 && errno != ENOENT) failed(at(path), "remove");
}

void FileTarget::remove_directory(const std::string& path) {
    if (::rmdir(at(path).c_str()) != 0 && errno != ENOENT) failed(at(path), "remove the folder");
}

}  // namespace sg::deploy
