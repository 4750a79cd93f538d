// The real binary, run as the ICT assistant runs it: exit status, what is printed, what is written.
#include <doctest/doctest.h>

#include <filesystem>

#include "process.h"
#include "temp_site.h"

namespace fs = std::filesystem;
using sg::testing::run;
using sg::testing::run_in_terminal;
using sg::testing::schoolgate;
using sg::testing::TempSite;
using sg::testing::test_date;

TEST_SUITE("e2e::cli") {

TEST_CASE("the example school builds with exit status 0") {
    TempSite site;
    fs::path out = site.root() / "example-site";
    auto result = run({schoolgate(), "--source", SG_SOURCE_DIR, "build", "--date", "2026-11-23", "--out", out.string(),
                       "--no-record"});
    INFO(result.err);
    CHECK(result.status == 0);
    CHECK(result.out.find("published ") == 0);
    CHECK(result.out.find("0 withheld; 0 errors") != std::string::npos);
    CHECK(fs::exists(out / "index.html"));
    CHECK(fs::exists(out / "news" / "index.html"));
    CHECK(fs::exists(out / "assets" / "style.css"));
}

TEST_CASE("a withheld page: exit status 1, a located diagnostic, the rest written") {
    TempSite site(R"(
-- content/about.md --
---
title: About us
---
Our head girl Amelia Thornbury welcomes you.
)");
    auto result = run({schoolgate(), "build", "--date", "2026-11-23"}, site.root());
    CHECK(result.status == 1);
    CHECK(result.err ==
          "content/about.md:4:15: error: a pupil's full name (P0001 A.T.) appears in the page [name.full-name]\n"
          "    Our head girl Amelia Thornbury welcomes you.\n"
          "                  ^\n"
          "  hint: use the first name only, or refer to the class or year group\n");
    CHECK(result.out.find("withheld: content/about.md\n") == 0);
    CHECK(site.exists("site/index.html"));
    CHECK(!site.exists("site/about/index.html"));
    // The full name is nowhere in what was written.
    for (const auto& entry : fs::recursive_directory_iterator(site.site()))
        if (entry.is_regular_file()) CHECK(site.read(fs::relative(entry.path(), site.root()).string()).find("Thornbury") == std::string::npos);
}

TEST_CASE("every build writes the build record for review, except a trial build with --no-record") {
    TempSite site;
    CHECK(run({schoolgate(), "build", "--date", "2026-11-23", "--no-record"}, site.root()).status == 0);
    CHECK(site.exists("site/index.html"));
    CHECK(!site.exists(".schoolgate/build-record.json"));
    CHECK(run({schoolgate(), "build", "--date", "2026-11-23"}, site.root()).status == 0);
    std::string record = site.read(".schoolgate/build-record.json");
    CHECK(record.find("\"index.html\"") != std::string::npos);
    site.write("content/about.md", "---\ntitle: About us\n---\nHello.\n");
    CHECK(run({schoolgate(), "build", "--date", "2026-11-23", "--no-record"}, site.root()).status == 0);
    CHECK(site.exists("site/about/index.html"));
    CHECK(site.read(".schoolgate/build-record.json") == record);
}

TEST_CASE("on a terminal every stage that works on images shows its progress, from the cache or in a log, none") {
    TempSite site(R"(
-- content/news/lake.md --
---
title: Lake visit
date: 2026-10-14
photos:
  - src: lake.jpg
    alt: The lake in autumn
    people: []
---
A lovely day.
)");
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    const std::vector<std::string> build = {schoolgate(), "build", "--date", test_date, "--no-record"};
    constexpr auto npos = std::string::npos;

    auto cold = run_in_terminal(build, site.root());
    INFO(cold.out);
    CHECK(cold.status == 0);
    // Each line is drawn over itself ("\x1b[K" clears the rest of a longer one) and ends when done.
    size_t reading = cold.out.find("\rreading images 1/1\x1b[K\r\n"),
           faces = cold.out.find("\rlooking for faces 1/1\x1b[K\r\n"),
           processing = cold.out.find("\rprocessing images 1/1\x1b[K\r\n"), published = cold.out.find("published ");
    REQUIRE(reading != npos);
    REQUIRE(faces != npos);
    REQUIRE(processing != npos);
    CHECK(reading < faces);
    CHECK(faces < processing);
    CHECK(processing < published);

    // Everything from the image cache: nothing to wait for, so nothing shown.
    auto warm = run_in_terminal(build, site.root());
    CHECK(warm.status == 0);
    CHECK(warm.out.find("published ") == 0);

    // Not a terminal: a log or CI sees only the summary, even when the images are worked on again.
    fs::remove_all(site.root() / ".schoolgate" / "cache");
    auto logged = run(build, site.root());
    CHECK(logged.status == 0);
    CHECK(logged.err == "");
    CHECK(logged.out.find("published ") == 0);
}

TEST_CASE("configuration and register errors: exit status 2 and nothing written") {
    TempSite site;
    site.write("schoolgate.yml", site.read("schoolgate.yml") + "themes: default\n");
    auto result = run({schoolgate(), "build"}, site.root());
    CHECK(result.status == 2);
    CHECK(result.err.find("schoolgate.yml:20:1: error: unknown key 'themes'; did you mean 'theme'? [config.invalid]") == 0);
    CHECK(result.err.find("nothing was written") != std::string::npos);
    CHECK(!site.exists("site"));
}

TEST_CASE("usage errors are exit status 2 with a suggestion") {
    auto result = run({schoolgate(), "bild"});
    CHECK(result.status == 2);
    CHECK(result.err.find("unknown command 'bild'; did you mean 'build'?") != std::string::npos);
    CHECK(run({schoolgate(), "build", "--date", "14/10/2026"}).status == 2);
}

TEST_CASE("check writes nothing and reports the same findings") {
    TempSite site(R"(
-- content/about.md --
---
title: About us
---
Call Mrs Quillfeather on 07700 900123.
)");
    auto result = run({schoolgate(), "check", "--date", "2026-11-23"}, site.root());
    CHECK(result.status == 1);
    CHECK(result.err.find("content/about.md:4:26: error: a phone number that is not the school's appears in the page: "
                          "07700 900123 [contact.personal]") == 0);
    CHECK(!site.exists("site"));
}

}  // TEST_SUITE
