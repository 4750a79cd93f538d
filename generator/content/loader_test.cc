#include "content/loader.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "util/fs.h"

namespace sg::content {
namespace {

namespace fs = std::filesystem;

// A snapshot's content/ beside a work tree's content/ (as check --staged makes them), and a folder
// outside both.
struct Folders {
    fs::path root = fs::temp_directory_path() / ("sg-loader-test-" + std::to_string(std::rand()));
    fs::path snapshot = root / "snapshot" / "content", work_tree = root / "work" / "content", elsewhere = root / "other";

    Folders() {
        for (const fs::path& folder : {snapshot / "news", work_tree / "news", elsewhere}) fs::create_directories(folder);
        for (const fs::path& file : {work_tree / "news/lake.jpg", elsewhere / "secret.jpg"}) util::write_file_atomic(file, "x");
        fs::create_symlink(work_tree / "news/lake.jpg", snapshot / "news/lake.jpg");
        fs::create_symlink(elsewhere / "secret.jpg", snapshot / "news/secret.jpg");
    }
    ~Folders() { fs::remove_all(root); }
};

TEST_SUITE("content::loader") {

TEST_CASE("a snapshot's link into the work tree's content/ resolves, no other way out does") {
    Folders folders;
    fs::path page = folders.snapshot / "news/trip.md";
    SUBCASE("without a linked folder, a link out of content/ is refused") {
        CHECK(resolve_reference("lake.jpg", page, folders.snapshot).rule == "media.outside-content");
    }
    SUBCASE("with it, the link resolves to the file in the snapshot") {
        Resolved resolved = resolve_reference("lake.jpg", page, folders.snapshot, folders.work_tree);
        CHECK(resolved.rule.empty());
        CHECK(resolved.file == folders.snapshot / "news/lake.jpg");
    }
    SUBCASE("a link anywhere else stays refused") {
        CHECK(resolve_reference("secret.jpg", page, folders.snapshot, folders.work_tree).rule == "media.outside-content");
    }
    SUBCASE("a path that walks out of the snapshot into the work tree is refused") {
        CHECK(resolve_reference("../../../work/content/news/lake.jpg", page, folders.snapshot, folders.work_tree).rule ==
              "media.outside-content");
    }
}

}  // TEST_SUITE

}  // namespace
}  // namespace sg::content
