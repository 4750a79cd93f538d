// Crash safety of `schoolgate build`, with the real binary: killed with SIGKILL at random points it
// leaves site/ as the previous complete site or the new complete one, never a mixture, and never
// touches the sources; two builds of one site run one after the other (the build lock); a write
// that fails for lack of space (RLIMIT_FSIZE, as a full disk) leaves the previous site.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "process.h"
#include "temp_site.h"
#include "util/fs.h"
#include "util/hash.h"

namespace fs = std::filesystem;
using sg::testing::schoolgate;
using sg::testing::TempSite;
using Clock = std::chrono::steady_clock;

namespace {

// Every regular file below `dir` (relative path -> SHA-256), or nullopt when `dir` does not exist.
using Tree = std::map<std::string, std::string>;
std::optional<Tree> tree(const fs::path& dir) {
    if (!fs::exists(dir)) return std::nullopt;
    Tree files;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it)
        if (it->is_regular_file()) files[fs::relative(it->path(), dir).generic_string()] = sg::util::sha256_hex(sg::util::read_file(it->path()));
    return files;
}

// The sources a build reads: content/, consent/, themes/, schoolgate.yml.
Tree sources(const TempSite& site) {
    Tree all;
    for (const char* folder : {"content", "consent", "themes"}) {
        Tree files = tree(site.root() / folder).value_or(Tree{});
        for (const auto& [path, hash] : files) all[std::string(folder) + "/" + path] = hash;
    }
    all["schoolgate.yml"] = sg::util::sha256_hex(site.read("schoolgate.yml"));
    return all;
}

bool staging_left(const TempSite& site) {
    for (const auto& entry : fs::directory_iterator(site.root()))
        if (entry.path().filename().string().find(".staging-") != std::string::npos) return true;
    return false;
}

struct Limits {
    std::optional<rlim_t> file_size;  // RLIMIT_FSIZE in bytes, with SIGXFSZ ignored
};

// Starts `schoolgate build` in `cwd` with stdout and stderr to `log`; returns its pid.
pid_t start_build(const fs::path& cwd, const fs::path& log, const Limits& limits = {}) {
    pid_t pid = fork();
    if (pid == 0) {
        if (chdir(cwd.c_str()) != 0) _exit(127);
        int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(out, 1);
        dup2(out, 2);
        if (limits.file_size) {
            signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG, as on a full disk
            rlimit limit{*limits.file_size, *limits.file_size};
            setrlimit(RLIMIT_FSIZE, &limit);
        }
        std::string binary = schoolgate();
        execl(binary.c_str(), binary.c_str(), "build", "--date", sg::testing::test_date, static_cast<char*>(nullptr));
        _exit(127);
    }
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int build(const TempSite& site) { return wait_for(start_build(site.root(), site.root() / "build.log")); }

// Two versions of the site's news: different text, different photos.
void write_version(const TempSite& site, int version) {
    if (version == 0)
        site.write("content/news/trip.md",
                   "---\ntitle: Trip\ndate: 2026-10-14\nphotos:\n  - src: lake.jpg\n    alt: The lake\n    people: []\n"
                   "  - src: hills.jpg\n    alt: The hills\n    people: [S0001]\n---\nA lovely day by the lake.\n");
    else
        site.write("content/news/trip.md",
                   "---\ntitle: Trip\ndate: 2026-10-14\nphotos:\n  - src: field.jpg\n    alt: A field\n    people: []\n"
                   "---\nA windy day in the field.\n");
}

void add_photos(const TempSite& site) {
    site.write("content/about.md", "---\ntitle: About us\n---\nWe are a small school.\n");
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    site.copy_fixture("gps_DSCN0012.jpg", "content/news/hills.jpg");
    site.copy_fixture("Canon_40D.jpg", "content/news/field.jpg");
}

}  // namespace

TEST_SUITE("e2e::crash-safety") {

TEST_CASE("a build killed at random points leaves the previous or the new complete site, sources untouched") {
    TempSite site;
    add_photos(site);
    std::map<int, Tree> complete;  // the complete site of each version, built without interruption
    double slowest = 0;
    for (int version : {0, 1}) {
        write_version(site, version);
        fs::remove_all(site.root() / ".schoolgate" / "cache");
        auto started = Clock::now();
        REQUIRE(build(site) == 0);
        slowest = std::max(slowest, std::chrono::duration<double>(Clock::now() - started).count());
        complete[version] = *tree(site.site());
    }
    REQUIRE(complete[0] != complete[1]);

    std::mt19937 random(20261123);
    int current = 1, killed = 0, finished = 0, swapped = 0;
    const int attempts = 30;
    double window = slowest;  // kills land at a random point in [0, window) seconds
    for (int attempt = 0; attempt < attempts; ++attempt) {
        int next = 1 - current;
        write_version(site, next);
        if (attempt % 2 == 0) fs::remove_all(site.root() / ".schoolgate" / "cache");  // kill mid-processing too
        Tree before = sources(site);
        pid_t pid = start_build(site.root(), site.root() / "build.log");
        std::this_thread::sleep_for(std::chrono::duration<double>(
            std::uniform_real_distribution<double>(0.0, window)(random)));
        kill(pid, SIGKILL);
        int status = wait_for(pid);
        // The machine's load changes how long a build takes: the window follows it, so that
        // most kills land inside a build and some after it.
        if (status == 128 + SIGKILL) {
            ++killed;
            window *= 1.15;
        } else {
            ++finished;
            window *= 0.7;
        }

        CAPTURE(attempt);
        CAPTURE(status);
        std::optional<Tree> now = tree(site.site());
        REQUIRE(now);
        bool previous = *now == complete[current], next_complete = *now == complete[next];
        CHECK((previous || next_complete));
        if (next_complete) {
            current = next;
            ++swapped;
        }
        CHECK(sources(site) == before);
    }
    MESSAGE(killed << " builds killed mid-way, " << finished << " finished before the kill; the new site was in place "
                   << swapped << " times, the previous one " << attempts - swapped << " times");
    CHECK(killed >= attempts / 3);  // the window adapts until most kills land mid-build

    // The next build completes, clears what killed builds left, and writes the current version.
    CHECK(build(site) == 0);
    CHECK(!staging_left(site));
    int written = site.read("content/news/trip.md").find("field.jpg") != std::string::npos ? 1 : 0;
    CHECK(*tree(site.site()) == complete[written]);
}

TEST_CASE("a second build of the same site waits for the first (the build lock)") {
    TempSite site;
    fs::create_directories(site.root() / ".schoolgate");
    // O_CLOEXEC: the build started below must not inherit (and so share) this lock.
    int held = open((site.root() / ".schoolgate" / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    REQUIRE(held >= 0);
    REQUIRE(flock(held, LOCK_EX) == 0);  // as a running build holds it

    fs::path log = site.root() / "second.log";
    pid_t pid = start_build(site.root(), log);
    bool told = false;
    for (auto until = Clock::now() + std::chrono::seconds(60); !told && Clock::now() < until;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        told = sg::util::read_file(log).find("another build of this site is running; waiting for it to finish") !=
               std::string::npos;
    }
    CHECK(told);
    CHECK(waitpid(pid, nullptr, WNOHANG) == 0);  // still waiting
    CHECK(!site.exists("site"));

    close(held);  // the first build ends
    CHECK(wait_for(pid) == 0);
    CHECK(site.exists("site/index.html"));
}

TEST_CASE("a full disk while writing leaves the previous site and no staging directory") {
    TempSite site;
    add_photos(site);
    write_version(site, 0);
    REQUIRE(build(site) == 0);
    Tree previous = *tree(site.site());

    // The photos are in the image cache already, so the first file to outgrow the limit is a page
    // of the site being staged.
    site.write("content/about.md", "---\ntitle: About us\n---\n" + std::string(8000, 'a') + "\n");
    Tree before = sources(site);
    fs::path log = site.root() / "full.log";
    int status = wait_for(start_build(site.root(), log, {.file_size = 4096}));
    std::string printed = sg::util::read_file(log);
    INFO(printed);
    CHECK(status == 3);
    CHECK(printed.find("write failed (disk full?)") != std::string::npos);
    CHECK(printed.find("nothing was written") != std::string::npos);
    CHECK(*tree(site.site()) == previous);
    CHECK(sources(site) == before);
    CHECK(!staging_left(site));

    // With space again, the build goes through.
    CHECK(build(site) == 0);
    CHECK(site.read("site/about/index.html").find(std::string(8000, 'a')) != std::string::npos);
}

}  // TEST_SUITE
