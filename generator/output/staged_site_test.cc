#include "output/staged_site.h"

#include <doctest/doctest.h>
#include <fstream>
#include <unistd.h>
#include <sstream>

#include "util/error.h"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("sg-staged-" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_SUITE("output::staged_site") {

TEST_CASE("the new site replaces the old one whole; nothing stale survives") {
    TempDir dir;
    fs::path out = dir.path / "site";
    {
        sg::output::StagedSite staged(out);
        staged.write("index.html", "one");
        staged.write("news/old/index.html", "old");
        staged.commit();
    }
    {
        sg::output::StagedSite staged(out);
        staged.write("index.html", "two");
        staged.commit();
    }
    CHECK(read(out / "index.html") == "two");
    CHECK(!fs::exists(out / "news"));
    // No staging directory is left behind.
    size_t entries = std::distance(fs::directory_iterator(dir.path), fs::directory_iterator());
    CHECK(entries == 1);
}

TEST_CASE("a build that does not commit leaves the previous site untouched") {
    TempDir dir;
    fs::path out = dir.path / "site";
    {
        sg::output::StagedSite staged(out);
        staged.write("index.html", "good");
        staged.commit();
    }
    {
        sg::output::StagedSite staged(out);
        staged.write("index.html", "half-written");
        // destroyed without commit(), as when a later step throws
    }
    CHECK(read(out / "index.html") == "good");
    size_t entries = std::distance(fs::directory_iterator(dir.path), fs::directory_iterator());
    CHECK(entries == 1);
}

TEST_CASE("writes may not leave the site or collide when case is ignored") {
    TempDir dir;
    sg::output::StagedSite staged(dir.path / "site");
    CHECK_THROWS_AS(staged.write("../escape.html", "x"), sg::util::Error);
    CHECK_THROWS_AS(staged.write("/etc/passwd", "x"), sg::util::Error);
    staged.write("News/index.html", "x");
    CHECK_THROWS_AS(staged.write("news/index.html", "y"), sg::util::Error);
    CHECK(staged.contains("news/index.html"));
}

TEST_CASE("link puts a file in the site as a hard link, survives the source's removal, and refuses like write") {
    TempDir dir;
    fs::path out = dir.path / "site", cached = dir.path / "cached.jpg";
    { std::ofstream(cached) << "jpeg bytes"; }
    {
        sg::output::StagedSite staged(out);
        fs::path file = staged.link("media/a.jpg", cached);
        CHECK(fs::equivalent(file, cached));
        CHECK(fs::hard_link_count(cached) == 2);
        CHECK_THROWS_AS(staged.link("../escape.jpg", cached), sg::util::Error);
        CHECK_THROWS_AS(staged.link("media/A.JPG", cached), sg::util::Error);
        CHECK_THROWS(staged.link("media/missing.jpg", dir.path / "missing.jpg"));
        staged.commit();
    }
    fs::remove(cached);  // the cache pruning an entry never touches the published site
    CHECK(read(out / "media" / "a.jpg") == "jpeg bytes");
}

}  // TEST_SUITE
