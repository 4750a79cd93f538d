#include "util/fs.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>
#include <map>

namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("sg-util-fs-" + std::to_string(::getpid()));
    TempDir() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

void put(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

// What walk_tree reports of an entry: "dir", "file <size>", "link", "-" for nothing.
std::string kind(const struct stat* stat) {
    if (!stat) return "-";
    if (S_ISDIR(stat->st_mode)) return "dir";
    if (S_ISLNK(stat->st_mode)) return "link";
    if (S_ISREG(stat->st_mode)) return "file " + std::to_string(stat->st_size);
    return "other";
}

}  // namespace

TEST_SUITE("util::fs") {

TEST_CASE("walk_tree: every entry below the root, beside its counterpart, links never followed") {
    TempDir dir;
    fs::path root = dir.path / "root", beside = dir.path / "beside";
    put(root / "a.txt", "abc");
    put(root / "media" / "x.jpg", "12345");
    put(root / "media" / "y.jpg", "1");
    put(root / "gone" / "z.txt", "z");
    put(beside / "a.txt", "abcd");
    put(beside / "media" / "x.jpg", "12345");
    put(beside / "gone", "a file where the root has a folder");
    fs::create_directory_symlink(dir.path / "beside", root / "link");

    std::map<std::string, std::string> seen;
    bool complete = sg::util::walk_tree(root, beside, [&](const std::string& relative, const struct stat* entry,
                                                          const struct stat* other) {
        seen[relative] = kind(entry) + " | " + kind(other);
        return true;
    });
    CHECK(complete);
    CHECK(seen == std::map<std::string, std::string>{
                      {"a.txt", "file 3 | file 4"},
                      {"gone", "dir | file 34"},
                      {"gone/z.txt", "file 1 | -"},  // nothing beside: its folder there is a file
                      {"link", "link | -"},          // not followed, so nothing below it is visited
                      {"media", "dir | dir"},
                      {"media/x.jpg", "file 5 | file 5"},
                      {"media/y.jpg", "file 1 | -"},
                  });
}

TEST_CASE("walk_tree: a folder the visit declines is not entered, no counterpart without a beside") {
    TempDir dir;
    put(dir.path / "keep" / "a.txt", "a");
    put(dir.path / "skip" / "b.txt", "b");
    std::map<std::string, std::string> seen;
    CHECK(sg::util::walk_tree(dir.path, {}, [&](const std::string& relative, const struct stat* entry,
                                                const struct stat* other) {
        seen[relative] = kind(entry) + " | " + kind(other);
        return relative != "skip";
    }));
    CHECK(seen == std::map<std::string, std::string>{
                      {"keep", "dir | -"}, {"keep/a.txt", "file 1 | -"}, {"skip", "dir | -"}});
}

TEST_CASE("walk_tree: a root that is not there is not readable") {
    TempDir dir;
    bool visited = false;
    CHECK_FALSE(sg::util::walk_tree(dir.path / "missing", {}, [&](const std::string&, const struct stat*,
                                                                   const struct stat*) { return visited = true; }));
    CHECK_FALSE(visited);
}

TEST_CASE("Within: is_within against one root resolved once") {
    TempDir dir;
    put(dir.path / "content" / "a.jpg", "a");
    put(dir.path / "secret.txt", "s");
    fs::create_symlink(dir.path / "secret.txt", dir.path / "content" / "escape.jpg");
    sg::util::Within within(dir.path / "content");
    CHECK(within.holds(dir.path / "content" / "a.jpg"));
    CHECK(within.holds(dir.path / "content" / "missing.jpg"));
    CHECK_FALSE(within.holds(dir.path / "content" / "escape.jpg"));
    CHECK_FALSE(within.holds(dir.path / "content" / ".." / "secret.txt"));
    CHECK(within.holds(dir.path / "content" / "a.jpg") == sg::util::is_within(dir.path / "content" / "a.jpg", dir.path / "content"));
}

}  // TEST_SUITE
