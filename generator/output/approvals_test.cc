#include "output/approvals.h"

#include <doctest/doctest.h>

#include <fstream>
#include <random>

#include "util/error.h"
#include "util/fs.h"

namespace fs = std::filesystem;
using namespace sg::output;

namespace {

// A log of three approvals.
ApprovalLog three_entries() {
    ApprovalLog log;
    log.append("2026-11-20T09:00:00Z", "A. Head", "first", {{"content/index.md", "h1"}});
    log.append("2026-11-21T09:00:00Z", "D. Deputy", "", {{"content/index.md", "h2"}, {"content/news/lake.md", "h3"}});
    log.append("2026-11-22T09:00:00Z", "A. Head", "after the trip", {{"content/index.md", "h2"}});
    return log;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
        lines.push_back(text.substr(start, end - start));
    return lines;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return text;
}

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("schoolgate-approvals-" + std::to_string(std::random_device()()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_SUITE("output::approvals") {

TEST_CASE("entries chain: each names the hash of the one before, and the chain verifies") {
    ApprovalLog log = three_entries();
    REQUIRE(log.entries().size() == 3);
    CHECK(log.entries()[0].previous == std::string(64, '0'));
    CHECK(log.entries()[1].previous == log.entries()[0].hash);
    CHECK(log.entries()[2].previous == log.entries()[1].hash);
    CHECK(log.entries()[2].sequence == 3);
    CHECK(!log.verify());
    ApprovalLog reread = ApprovalLog::parse(log.text());
    CHECK(!reread.verify());
    CHECK(reread.entries()[1].pages.at("content/news/lake.md") == "h3");
    CHECK(reread.entries()[2].note == "after the trip");
}

TEST_CASE("a tampered, removed, reordered or unreadable entry is found, by number") {
    std::vector<std::string> lines = lines_of(three_entries().text());
    struct Case {
        const char* name;
        std::vector<std::string> lines;
        int entry;
        std::string reason;
    };
    std::vector<std::string> changed_byte = lines;
    changed_byte[0].replace(changed_byte[0].find("A. Head"), 1, "B");
    std::vector<std::string> changed_hash = lines;  // the pages of entry 2 changed and its hash recomputed by hand
    {
        ApprovalLog log = ApprovalLog::parse(joined({lines[0], lines[1]}));
        Approval forged = log.entries()[1];
        forged.pages["content/news/lake.md"] = "forged";
        forged.hash = forged.computed_hash();
        changed_hash[1] = forged.line();
    }
    std::vector<std::string> spaced = lines;
    spaced[1].insert(1, " ");
    const Case cases[] = {
        {"a byte of an old entry changed", changed_byte, 1, "entry 1 was altered: its contents do not match its hash"},
        {"an entry forged with a fresh hash", changed_hash, 3,
         "entry 3 does not follow the entry before it: entries were removed, reordered or altered"},
        {"a byte of whitespace added", spaced, 2, "entry 2 was altered: its contents do not match its hash"},
        {"an entry removed from the middle", {lines[0], lines[2]}, 2,
         "entry 2 has sequence 3: entries were removed or reordered"},
        {"entries swapped", {lines[1], lines[0], lines[2]}, 1, "entry 1 has sequence 2: entries were removed or reordered"},
        {"a line that is not JSON", {lines[0], "{\"sequence\":2,", lines[2]}, 2, "entry 2 is not a readable approval"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        auto broken = ApprovalLog::parse(joined(c.lines)).verify();
        REQUIRE(broken);
        CHECK(broken->entry == c.entry);
        CHECK(broken->reason == c.reason);
    }
}

TEST_CASE("nothing is appended to a broken chain") {
    std::vector<std::string> lines = lines_of(three_entries().text());
    ApprovalLog log = ApprovalLog::parse(joined({lines[0], lines[2]}));
    CHECK_THROWS_AS(log.append("2026-11-23T09:00:00Z", "A. Head", "", {}), sg::util::Error);
    CHECK(log.entries().size() == 2);
}

TEST_CASE("append_approval writes the log and chains onto what is there") {
    TempDir dir;
    fs::path path = dir.path / ".schoolgate" / "approvals.jsonl";
    Approval first = append_approval(path, "A. Head", "", {{"content/index.md", "h1"}});
    Approval second = append_approval(path, "D. Deputy", "looked at the photos", {{"content/index.md", "h2"}});
    CHECK(first.sequence == 1);
    CHECK(second.sequence == 2);
    CHECK(second.previous == first.hash);
    CHECK(first.time.size() == 20);  // 2026-11-23T19:30:00Z
    ApprovalLog log = ApprovalLog::read(path);
    CHECK(!log.verify());
    CHECK(log.entries().size() == 2);
    CHECK(ApprovalLog::read(dir.path / "missing.jsonl").entries().empty());
}

TEST_CASE("a page's content hash covers its source and the bytes of every image, not their order") {
    TempDir dir;
    auto put = [&](const char* name, const char* bytes) {
        std::ofstream(dir.path / name, std::ios::binary) << bytes;
        return dir.path / name;
    };
    PageContent page{"content/news/lake.md", put("lake.md", "---\ntitle: Lake\n---\nHi"),
                     {{"a.jpg", put("a.jpg", "AAAA")}, {"b.jpg", put("b.jpg", "BBBB")}}};
    std::string original = content_hash(page);
    CHECK(original.size() == 64);
    PageContent reordered = page;
    std::swap(reordered.images[0], reordered.images[1]);
    CHECK(content_hash(reordered) == original);

    put("b.jpg", "BBBC");  // the same name, other pixels
    CHECK(content_hash(page) != original);
    put("b.jpg", "BBBB");
    CHECK(content_hash(page) == original);
    put("lake.md", "---\ntitle: Lake\n---\nHi!");
    CHECK(content_hash(page) != original);
    put("lake.md", "---\ntitle: Lake\n---\nHi");
    fs::remove(dir.path / "a.jpg");
    CHECK(content_hash(page) != original);  // a missing image is a change, never a match
}

}  // TEST_SUITE
