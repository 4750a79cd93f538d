// File helpers that throw util::Error naming the file.
#pragma once
#include <sys/stat.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sg::util {

std::string read_file(const std::filesystem::path& path);

// The bytes of the regular file at `path`, never read through a symlink; nullopt when there is no
// such file or it cannot be read. Plain read(2): cheap enough for the thousands of small files a
// warm build looks at.
std::optional<std::string> read_regular_file(const std::filesystem::path& path);

// Writes through a temporary file in the same directory and renames it into place, so a reader
// never sees half a file. The temporary name is unique across processes and threads, so workers
// may write the same path at once: one of them wins, whole.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

// True when `path`, after resolving symlinks, lies inside `root` (also resolved).
bool is_within(const std::filesystem::path& path, const std::filesystem::path& root);
// is_within for many paths against one root, whose symlinks are resolved once, when it is made
// (a site's content/ folder, checked for every page and every image reference).
class Within {
public:
    explicit Within(const std::filesystem::path& root);
    // As is_within(path, root).
    bool holds(const std::filesystem::path& path) const;

private:
    std::optional<std::filesystem::path> real_root_;  // nullopt when it could not be resolved
};
// True when `path` lies inside `root` as written (".." resolved, symlinks not followed).
bool is_lexically_within(const std::filesystem::path& path, const std::filesystem::path& root);

// Visits every entry below `root` (not `root` itself), a folder before what it holds, with its
// lstat (nullptr when it could not be stat'ed) and the lstat of the entry at the same relative path
// below `beside` (nullptr when there is none, or `beside` is empty). `relative` uses forward
// slashes. Returning true descends into a folder; links are never followed, not even to folders.
// Each entry is stat'ed through its folder's descriptor, not by its full path: a walk of thousands
// of files costs a few syscalls each, not a path lookup of every folder above it. Returns false
// when a folder below `root` could not be read (what was visited stays visited).
using TreeVisit = std::function<bool(const std::string& relative, const struct stat* entry, const struct stat* beside)>;
bool walk_tree(const std::filesystem::path& root, const std::filesystem::path& beside, const TreeVisit& visit);

}  // namespace sg::util
