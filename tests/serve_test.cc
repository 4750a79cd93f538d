// End to end: `schoolgate serve` as a user runs it. The real binary in a child process on a free
// loopback port; pages fetched over HTTP; a change to the content is rebuilt and served; withheld
// pages are reported on the console; SIGINT stops it. Every wait is bounded.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <regex>
#include <sys/file.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "temp_site.h"

namespace fs = std::filesystem;
using sg::testing::TempSite;
using Clock = std::chrono::steady_clock;

namespace {

// The binary running `serve` with stdout and stderr on one pipe; killed if the test ends early.
class Preview {
public:
    explicit Preview(const TempSite& site) {
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            dup2(fds[1], 1);
            dup2(fds[1], 2);
            close(fds[0]);
            close(fds[1]);
            std::string source = site.root().string();
            execl(SG_BINARY, SG_BINARY, "--source", source.c_str(), "serve", "--port", "0", "--date",
                  sg::testing::test_date, static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        out_ = fds[0];
    }
    ~Preview() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        close(out_);
    }

    // Reads the console until `pattern` matches what was printed since `from`, for at most `limit`.
    std::smatch wait_for(const std::regex& pattern, size_t from = 0, std::chrono::seconds limit = std::chrono::seconds(30)) {
        auto deadline = Clock::now() + limit;
        std::smatch match;
        while (true) {
            std::string tail = printed_.substr(std::min(from, printed_.size()));
            if (std::regex_search(tail, match, pattern)) {
                matched_ = tail;  // keeps the match's iterators valid
                std::regex_search(matched_, match, pattern);
                return match;
            }
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0) break;
            pollfd fd{out_, POLLIN, 0};
            if (poll(&fd, 1, static_cast<int>(left)) <= 0) continue;
            char buffer[4096];
            ssize_t n = read(out_, buffer, sizeof buffer);
            if (n <= 0) break;
            printed_.append(buffer, static_cast<size_t>(n));
        }
        FAIL("the preview did not print what was expected; it printed:\n" << printed_);
        return match;
    }

    // Sends SIGINT (Ctrl-C) and returns the exit status, or -1 if it did not stop within 10 s.
    int interrupt() {
        kill(pid_, SIGINT);
        auto deadline = Clock::now() + std::chrono::seconds(10);
        while (Clock::now() < deadline) {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return -1;
    }

    const std::string& printed() const { return printed_; }

private:
    pid_t pid_ = -1;
    int out_ = -1;
    std::string printed_, matched_;
};

}  // namespace

TEST_SUITE("e2e::serve") {

TEST_CASE("serve previews on loopback, rebuilds on change, reports withheld pages and stops on Ctrl-C") {
    TempSite site(R"(
-- content/news/fair.md --
---
title: Autumn fair
date: 2026-10-02
---
The fair raised a lot of money.
)");
    Preview preview(site);
    std::smatch serving = preview.wait_for(std::regex(R"(serving http://127\.0\.0\.1:(\d+)/)"));
    int port = std::stoi(serving[1].str());
    REQUIRE(port > 0);

    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    auto home = client.Get("/");
    REQUIRE(home);
    CHECK(home->status == 200);
    CHECK(home->body.find("Welcome to our school.") != std::string::npos);
    auto post = client.Get("/news/fair/index.html");
    REQUIRE(post);
    CHECK(post->status == 200);
    CHECK(post->body.find("The fair raised a lot of money.") != std::string::npos);
    auto missing = client.Get("/no/such/page.html");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(missing->body.find("<h1") != std::string::npos);  // the theme's 404 page

    // The preview is not the site: site/ is never written by serve.
    CHECK(!site.exists("site"));
    CHECK(site.exists(".schoolgate-preview/index.html"));

    // A change is picked up and served; a page that breaks a rule is reported and not served.
    size_t before = preview.printed().size();
    site.write("content/index.md", "---\ntitle: Welcome\n---\nSports day is on Friday.\n");
    site.write("content/news/trip.md", "---\ntitle: Trip\ndate: 2026-10-01\n---\nWell done to Amelia Thornbury.\n");
    preview.wait_for(std::regex(R"(built preview: .* 1 withheld)"), before);
    CHECK(preview.printed().find("[name.full-name]", before) != std::string::npos);
    CHECK(preview.printed().find("withheld: content/news/trip.md", before) != std::string::npos);
    CHECK(preview.printed().find("Thornbury", before) != std::string::npos);  // the source line, as build prints it
    auto changed = client.Get("/");
    REQUIRE(changed);
    CHECK(changed->body.find("Sports day is on Friday.") != std::string::npos);
    auto withheld = client.Get("/news/trip/index.html");
    REQUIRE(withheld);
    CHECK(withheld->status == 404);

    CHECK(preview.interrupt() == 0);
}

TEST_CASE("serve says so when it waits for another build of the same site") {
    TempSite site;
    fs::create_directories(site.root() / ".schoolgate");
    // As a running build holds it; O_CLOEXEC so the preview does not inherit (and share) the lock.
    int held = open((site.root() / ".schoolgate" / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    REQUIRE(held >= 0);
    REQUIRE(flock(held, LOCK_EX) == 0);
    Preview preview(site);
    preview.wait_for(std::regex("another build of this site is running; waiting for it to finish"));
    CHECK(preview.printed().find("serving") == std::string::npos);
    close(held);  // the other build ends
    preview.wait_for(std::regex(R"(serving http://127\.0\.0\.1:\d+/)"));
    CHECK(preview.interrupt() == 0);
}

TEST_CASE("serve listens on 127.0.0.1 only") {
    TempSite site;
    Preview preview(site);
    std::smatch serving = preview.wait_for(std::regex(R"(serving http://127\.0\.0\.1:(\d+)/)"));
    int port = std::stoi(serving[1].str());
    // Another local address of this machine (127.0.0.2 is loopback too, but not the bound one).
    httplib::Client other("127.0.0.2", port);
    other.set_connection_timeout(2);
    auto response = other.Get("/");
    CHECK(!response);
    CHECK(preview.interrupt() == 0);
}

}  // TEST_SUITE
