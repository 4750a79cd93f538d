#include "deploy/sync.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>
#include <random>

#include "deploy/file_target.h"
#include "util/fs.h"
#include "util/hash.h"

using namespace sg::deploy;
namespace fs = std::filesystem;

namespace {

// A server in memory that notes every change, and can break off after a number of writes.
class MemoryTarget : public Target {
public:
    std::map<std::string, std::string> files;
    std::set<std::string> folders;
    std::vector<std::string> log;  // "write x", "rename x", "remove x", "mkdir x", "rmdir x"
    int operations_left = -1;      // >= 0: the connection drops after that many writes and renames
    bool corrupt = false;          // stores a different byte than sent

    std::string describe() const override { return "memory"; }
    Listing list() override {
        Listing listing;
        for (const auto& folder : folders) listing[folder] = {Entry::Type::directory, 0, 0};
        for (const auto& [path, bytes] : files) listing[path] = {Entry::Type::file, bytes.size(), 1};
        return listing;
    }
    std::optional<std::string> read(const std::string& path) override {
        auto found = files.find(path);
        if (found == files.end()) return std::nullopt;
        return found->second;
    }
    void write(const std::string& path, std::string_view bytes) override {
        operation();
        need_folder(path);
        files[path] = std::string(bytes);
        if (corrupt && !bytes.empty() && path.find("manifest") == std::string::npos) files[path][0] ^= 1;
        log.push_back("write " + path);
    }
    void rename(const std::string& from, const std::string& to) override {
        operation();
        REQUIRE(files.count(from));
        need_folder(to);
        files[to] = files[from];
        files.erase(from);
        log.push_back("rename " + to);
    }
    void make_directory(const std::string& path) override {
        need_folder(path);
        folders.insert(path);
        log.push_back("mkdir " + path);
    }
    void remove(const std::string& path) override {
        files.erase(path);
        log.push_back("remove " + path);
    }
    void remove_directory(const std::string& path) override {
        for (const auto& [file, bytes] : files) REQUIRE_FALSE(file.starts_with(path + "/"));
        folders.erase(path);
        log.push_back("rmdir " + path);
    }

    size_t position(const std::string& entry) const {
        auto found = std::find(log.begin(), log.end(), entry);
        REQUIRE_MESSAGE(found != log.end(), entry);
        return static_cast<size_t>(found - log.begin());
    }

private:
    void operation() {
        if (operations_left == 0) throw Error(Error::Kind::failed, "connection lost");
        if (operations_left > 0) --operations_left;
    }
    void need_folder(const std::string& path) const {
        size_t slash = path.rfind('/');
        if (slash != std::string::npos) REQUIRE_MESSAGE(folders.count(path.substr(0, slash)), path);
    }
};

// A site folder as a build writes it, with its build record.
class Site {
public:
    Site() {
        std::random_device random;
        root = fs::temp_directory_path() / ("sg-deploy-test-" + std::to_string(random()));
        fs::create_directories(root);
        record.has_files = true;
    }
    ~Site() {
        std::error_code ignored;
        fs::remove_all(root, ignored);
    }
    void put(const std::string& path, const std::string& bytes) {
        fs::create_directories((root / path).parent_path());
        std::ofstream(root / path, std::ios::binary) << bytes;
        record.files[path] = {bytes.size(), sg::util::sha256_hex(bytes)};
    }
    // A rendition as the cache links it: named by its hash, no sha256 in the record.
    std::string put_media(const std::string& bytes, const std::string& suffix = "-480.jpg") {
        std::string path = "media/" + sg::util::sha256_hex(bytes).substr(0, 16) + suffix;
        put(path, bytes);
        record.files[path].sha256.clear();
        return path;
    }
    void drop(const std::string& path) {
        fs::remove(root / path);
        record.files.erase(path);
    }
    LocalSite local() const {
        SiteCheck check = read_site(root, record);
        for (const auto& problem : check.problems) FAIL(problem);
        return check.files;
    }

    fs::path root;
    sg::output::BuildRecord record;
};

Outcome publish(MemoryTarget& server, const Site& site, bool delete_unknown = false) {
    std::optional<Manifest> manifest = read_manifest(server);
    Plan plan = make_plan(site.local(), manifest, server.list(), delete_unknown);
    REQUIRE(plan.conflicts.empty());
    return execute(server, site.local(), plan, manifest);
}

std::map<std::string, std::string> public_files(const MemoryTarget& server) {
    std::map<std::string, std::string> out;
    for (const auto& [path, bytes] : server.files)
        if (path != manifest_name) out.emplace(path, bytes);
    return out;
}

std::map<std::string, std::string> site_files(const Site& site) {
    std::map<std::string, std::string> out;
    for (const auto& [path, file] : site.local()) out.emplace(path, *sg::util::read_regular_file(file.file));
    return out;
}

}  // namespace

TEST_SUITE("deploy::sync") {

TEST_CASE("first publish: media and assets, then pages, feeds, the sitemap last, the manifest first and last") {
    Site site;
    std::string photo = site.put_media("photo bytes");
    site.put("assets/site.css", "body{}");
    site.put("index.html", "<img src=media/x>");
    site.put("news/trip/index.html", "trip");
    site.put("feed.xml", "<feed/>");
    site.put("sitemap.xml", "<urlset/>");
    site.put("robots.txt", "User-agent: *");
    MemoryTarget server;

    Outcome outcome = publish(server, site);
    CHECK(outcome.uploaded == 7);
    CHECK(outcome.read_back == 7);
    CHECK(public_files(server) == site_files(site));
    CHECK(server.position("write .schoolgate-tmp-manifest") == 0);  // pending first
    CHECK(server.position("rename " + photo) < server.position("rename index.html"));
    CHECK(server.position("rename assets/site.css") < server.position("rename news/trip/index.html"));
    CHECK(server.position("rename news/trip/index.html") < server.position("rename feed.xml"));
    CHECK(server.position("rename robots.txt") < server.position("rename sitemap.xml"));
    CHECK(server.log.back() == "rename .schoolgate-manifest.json");
    // Every file is written under a temporary name in its own folder, then renamed into place.
    CHECK(server.position("write news/trip/.schoolgate-tmp-index.html") < server.position("rename news/trip/index.html"));

    Manifest manifest = Manifest::from_json(server.files.at(manifest_name));
    CHECK(manifest.pending.empty());
    CHECK(manifest.files.at("index.html").sha256 == sg::util::sha256_hex("<img src=media/x>"));
    CHECK(manifest.directories == std::set<std::string>{"assets", "media", "news", "news/trip"});

    SUBCASE("nothing changed: nothing is sent, nothing is rewritten") {
        server.log.clear();
        Plan plan = make_plan(site.local(), read_manifest(server), server.list(), false);
        CHECK_FALSE(plan.changes_anything());
        CHECK(plan.unchanged == 7);
        Outcome again = execute(server, site.local(), plan, read_manifest(server));
        CHECK(again.uploaded == 0);
        CHECK(server.log.empty());
    }
    SUBCASE("one page changed: only it is sent") {
        site.put("news/trip/index.html", "trip, updated");
        server.log.clear();
        Outcome again = publish(server, site);
        CHECK(again.uploaded == 1);
        CHECK(again.bytes == 13);
        CHECK(public_files(server) == site_files(site));
    }
    SUBCASE("a photo withdrawn: the page that showed it is replaced before the photo goes") {
        site.drop(photo);
        site.put("index.html", "<p>no photo</p>");
        site.drop("news/trip/index.html");
        server.log.clear();
        Outcome again = publish(server, site);
        CHECK(again.removed == std::vector<std::string>{photo, "news/trip/index.html"});
        CHECK(server.position("rename index.html") < server.position("remove " + photo));
        CHECK(server.position("remove news/trip/index.html") < server.position("rmdir news/trip"));
        CHECK(server.position("rmdir news/trip") < server.position("rmdir news"));
        CHECK(public_files(server) == site_files(site));
        CHECK(server.folders == std::set<std::string>{"assets"});
    }
    SUBCASE("a file changed on the server by hand is sent again") {
        server.files["assets/site.css"] = "body{color:red}";
        Plan plan = make_plan(site.local(), read_manifest(server), server.list(), false);
        CHECK(plan.uploads == std::vector<std::string>{"assets/site.css"});
    }
}

TEST_CASE("files schoolgate did not write are reported and kept, or removed with delete_unknown") {
    Site site;
    site.put("index.html", "home");
    MemoryTarget server;
    server.folders = {"old", "empty"};
    server.files = {{"old/photo.jpg", "x"}, {"index.html", "hand-made home"}, {"about.html", "hand-made"}};

    std::optional<Manifest> none;
    Plan plan = make_plan(site.local(), none, server.list(), false);
    CHECK(plan.unknown == std::vector<std::string>{"about.html", "empty/", "old/photo.jpg"});
    CHECK(plan.removals.empty());
    CHECK(plan.uploads == std::vector<std::string>{"index.html"});
    execute(server, site.local(), plan, none);
    CHECK(server.files.at("index.html") == "home");
    CHECK(server.files.count("old/photo.jpg"));
    CHECK(server.files.count("about.html"));

    plan = make_plan(site.local(), read_manifest(server), server.list(), false);
    CHECK_FALSE(plan.changes_anything());
    CHECK(plan.unknown.size() == 3);

    plan = make_plan(site.local(), read_manifest(server), server.list(), true);
    CHECK(plan.removals == std::vector<std::string>{"about.html", "old/photo.jpg"});
    CHECK(plan.remove_directories == std::vector<std::string>{"empty", "old"});
    execute(server, site.local(), plan, read_manifest(server));
    CHECK(public_files(server) == site_files(site));
    CHECK(server.folders.empty());
}

TEST_CASE("a publish broken off converges on the next run, and what it wrote stays its own") {
    Site site;
    for (int i = 0; i < 10; ++i) site.put_media("photo " + std::to_string(i));
    site.put("index.html", "home");
    site.put("gallery/index.html", "gallery");
    MemoryTarget server;
    server.operations_left = 9;  // the manifest; three files written and renamed; one written, not renamed
    CHECK_THROWS_AS(publish(server, site), Error);
    Manifest pending = Manifest::from_json(server.files.at(manifest_name));
    CHECK(pending.pending.size() == 12);
    CHECK(server.files.size() == 5);

    // Meanwhile a consent was withdrawn: one of the photos already on the server leaves the site.
    std::string uploaded;
    for (const auto& [path, bytes] : server.files)
        if (path.starts_with("media/") && path.find(".schoolgate-tmp-") == std::string::npos) uploaded = path;
    REQUIRE_FALSE(uploaded.empty());
    site.drop(uploaded);

    server.operations_left = -1;
    Plan plan = make_plan(site.local(), read_manifest(server), server.list(), false);
    CHECK(plan.unknown.empty());
    CHECK(std::find(plan.removals.begin(), plan.removals.end(), uploaded) != plan.removals.end());
    CHECK(plan.temporaries.size() == 1);
    execute(server, site.local(), plan, read_manifest(server));
    CHECK(public_files(server) == site_files(site));
    CHECK(Manifest::from_json(server.files.at(manifest_name)).pending.empty());
}

TEST_CASE("the server is checked afterwards: what reads back differently fails the publish") {
    Site site;
    site.put("index.html", "home");
    MemoryTarget server;
    server.corrupt = true;
    try {
        publish(server, site);
        FAIL("expected a failure");
    } catch (const Error& e) {
        CHECK(e.kind() == Error::Kind::failed);
        CHECK(std::string(e.what()).find("index.html: reads back differently") != std::string::npos);
    }
}

TEST_CASE("a folder on the server where the site has a file is a conflict, and nothing is sent") {
    Site site;
    site.put("news", "a file named news");
    MemoryTarget server;
    server.folders = {"news"};
    Plan plan = make_plan(site.local(), std::nullopt, server.list(), false);
    REQUIRE(plan.conflicts.size() == 1);
    CHECK(plan.conflicts[0].starts_with("news: the server has a folder"));
}

TEST_CASE("read_site: only what the last build wrote, as it wrote it") {
    Site site;
    site.put("index.html", "home");
    std::string photo = site.put_media("photo");
    site.put("about/index.html", "about");
    CHECK(read_site(site.root, site.record).problems.empty());

    std::ofstream(site.root / "index.html") << "home, edited";
    std::ofstream(site.root / "extra.html") << "added";
    std::ofstream(site.root / photo) << "another photo";  // its name no longer matches its bytes
    fs::remove(site.root / "about/index.html");
    fs::create_symlink("/etc/passwd", site.root / "passwd");
    std::ofstream(site.root / manifest_name) << "{}";
    std::vector<std::string> problems = read_site(site.root, site.record).problems;
    std::sort(problems.begin(), problems.end());
    REQUIRE(problems.size() == 6);
    CHECK(problems[0] == manifest_name + std::string(": a name publish keeps for itself, which no build writes"));
    CHECK(problems[1] == "about/index.html: written by the last build, missing from " + site.root.filename().string() +
                             "/ (removed by hand?)");
    CHECK(problems[2] == "extra.html: not written by the last build (added by hand?)");
    CHECK(problems[3] == "index.html: changed since the last build wrote it (edited by hand?)");
    CHECK(problems[4] == photo + ": changed since the last build wrote it (edited by hand?)");
    CHECK(problems[5] == "passwd: a link or special file, which no build writes");
}

TEST_CASE("the file target: the same sync on a real folder") {
    Site site;
    site.put("index.html", "home");
    std::string photo = site.put_media("photo");
    fs::path web = site.root.parent_path() / (site.root.filename().string() + "-web");
    fs::create_directories(web);
    FileTarget target(web);
    auto run = [&] {
        std::optional<Manifest> manifest = read_manifest(target);
        Plan plan = make_plan(site.local(), manifest, target.list(), false);
        return execute(target, site.local(), plan, manifest);
    };
    CHECK(run().uploaded == 2);
    CHECK(*sg::util::read_regular_file(web / photo) == "photo");
    site.drop(photo);
    CHECK(run().removed == std::vector<std::string>{photo});
    CHECK_FALSE(fs::exists(web / "media"));
    CHECK(fs::exists(web / manifest_name));
    fs::remove_all(web);
    CHECK_THROWS_AS(FileTarget{web}, Error);
}

TEST_CASE("public URLs: a folder's index.html is the folder") {
    CHECK(public_url("https://s.example/", "index.html") == "https://s.example/");
    CHECK(public_url("https://s.example/", "news/trip/index.html") == "https://s.example/news/trip/");
    CHECK(public_url("https://s.example/school", "media/a.jpg") == "https://s.example/school/media/a.jpg");
    CHECK(is_page("feed.xml"));
    CHECK_FALSE(is_page("assets/site.css"));
}

}  // TEST_SUITE
