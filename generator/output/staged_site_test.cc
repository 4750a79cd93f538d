#include "output/staged_site.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "util/error.h"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> entries_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// Every file below `dir`, relative, sorted.
std::vector<std::string> files_below(const fs::path& dir) {
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it)
        if (!it->is_directory()) files.push_back(it->path().lexically_relative(dir).generic_string());
    std::sort(files.begin(), files.end());
    return files;
}

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("sg-staged-" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_SUITE("output::staged_site") {

TEST_CASE("the new site replaces the old one whole, nothing stale survives") {
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
    // No staging directory is left behind; the spare kept nothing of the old site, as nothing in it
    // is still published.
    CHECK(entries_in(dir.path) == std::vector<std::string>{".site.spare", "site"});
    CHECK(files_below(dir.path / ".site.spare").empty());
}

TEST_CASE("an unchanged file is kept, not rewritten, the spare holds only what the site holds") {
    TempDir dir;
    fs::path out = dir.path / "site", cached = dir.path / "cached.jpg";
    { std::ofstream(cached) << "jpeg bytes"; }
    auto publish = [&](const std::string& news) {
        sg::output::StagedSite staged(out);
        staged.write("index.html", "home");
        staged.write("news/index.html", news);
        staged.link("media/a.jpg", cached);
        staged.commit();
    };
    publish("first");
    publish("second");  // staged from the spare the first build left (empty: it had no previous site)
    // The spare holds the first site's files that the second still publishes, byte for byte.
    CHECK(files_below(dir.path / ".site.spare") == std::vector<std::string>{"index.html", "media/a.jpg"});
    CHECK(read(dir.path / ".site.spare" / "index.html") == "home");

    auto inode = [](const fs::path& file) {
        struct stat s {};
        REQUIRE(::stat(file.c_str(), &s) == 0);
        return s.st_ino;
    };
    auto spare_home = inode(dir.path / ".site.spare" / "index.html");
    publish("third");
    // The third site was staged from that spare: its unchanged page is the spare's file, kept.
    CHECK(inode(out / "index.html") == spare_home);
    CHECK(inode(out / "media" / "a.jpg") == inode(cached));
    CHECK(read(out / "news" / "index.html") == "third");
    CHECK(files_below(out) == std::vector<std::string>{"index.html", "media/a.jpg", "news/index.html"});
}

TEST_CASE("whatever the spare holds, the new site is exactly what this build put there") {
    TempDir dir;
    fs::path out = dir.path / "site", spare = dir.path / ".site.spare", outside = dir.path / "outside.txt";
    { std::ofstream(outside) << "not the site's"; }
    {
        sg::output::StagedSite staged(out);
        staged.write("index.html", "old home");
        staged.commit();
    }
    fs::create_directories(spare / "news" / "index.html");  // a folder where a page goes
    { std::ofstream(spare / "about") << "a file where a folder goes"; }
    { std::ofstream(spare / "stale.html") << "withdrawn"; }
    fs::create_directories(spare / "old" / "deep");
    { std::ofstream(spare / "old" / "deep" / "photo.jpg") << "withdrawn"; }
    fs::create_symlink(outside, spare / "robots.txt");           // a symlink where a file goes
    fs::create_hard_link(outside, spare / "feed.xml");           // another file's inode where a file goes
    fs::create_directory_symlink(dir.path, spare / "assets");    // a symlink where a folder goes
    {
        sg::output::StagedSite staged(out);
        staged.write("index.html", "new home");
        staged.write("news/index.html", "news");
        staged.write("about/index.html", "about");
        staged.write("robots.txt", "robots");
        staged.write("feed.xml", "feed");
        staged.write("assets/site.css", "css");
        staged.commit();
    }
    CHECK(files_below(out) == std::vector<std::string>{"about/index.html", "assets/site.css", "feed.xml",
                                                      "index.html", "news/index.html", "robots.txt"});
    for (const auto& [file, bytes] : std::map<std::string, std::string>{{"index.html", "new home"},
                                                                      {"news/index.html", "news"},
                                                                      {"about/index.html", "about"},
                                                                      {"robots.txt", "robots"},
                                                                      {"feed.xml", "feed"},
                                                                      {"assets/site.css", "css"}})
        CHECK(read(out / file) == bytes);
    for (auto it = fs::recursive_directory_iterator(out); it != fs::recursive_directory_iterator(); ++it)
        CHECK_MESSAGE(!it->is_symlink(), it->path());
    // Nothing was written through a link; nothing was written outside the site.
    CHECK(read(outside) == "not the site's");
    CHECK(entries_in(dir.path) == std::vector<std::string>{".site.spare", "outside.txt", "site"});
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
    CHECK(entries_in(dir.path) == std::vector<std::string>{"site"});
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
        fs::path file = staged.link("media/a.jpg", cached).path;
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
