#include "output/build_record.h"

#include <doctest/doctest.h>

#include "util/error.h"

using namespace sg::output;

TEST_SUITE("output::build_record") {

TEST_CASE("a record reads back as it was written") {
    BuildRecord record;
    record.date = "2026-11-23";
    record.pages.push_back({"content/news/lake.md", "news/lake/index.html", "abc123", "Lake visit\nA lovely day.",
                            {{"lake.jpg", "Pupils beside the lake", {"0e25-320.jpg", "0e25-320.webp"}, {"P0001", "S0001"},
                              "listed", {{"P0001", "website", "2026-09-01", "2027-08-31"}, {"S0001", "website", "", ""}}}}});
    record.pages.push_back({"", "news/index.html", "def456", "News", {}});
    record.withheld.push_back({"content/news/trip.md", {"name.full-name", "photo.no-consent"}});

    BuildRecord read = BuildRecord::from_json(record.to_json(), "build-record.json");
    CHECK(read.date == "2026-11-23");
    REQUIRE(read.pages.size() == 2);
    CHECK(read.pages[0].text == "Lake visit\nA lovely day.");
    REQUIRE(read.pages[0].photos.size() == 1);
    CHECK(read.pages[0].photos[0] == record.pages[0].photos[0]);
    CHECK(read.find("news/index.html")->hash == "def456");
    CHECK(read.find("missing.html") == nullptr);
    REQUIRE(read.withheld.size() == 1);
    CHECK(read.withheld[0].rules == std::vector<std::string>{"name.full-name", "photo.no-consent"});
}

TEST_CASE("a record from before text and consents were kept still reads; anything else is an error") {
    BuildRecord old = BuildRecord::from_json(
        R"({"version":1,"date":"2026-11-01","pages":[{"source":"","url":"404.html","hash":"h","photos":[]}],"withheld":[]})",
        "old.json");
    REQUIRE(old.pages.size() == 1);
    CHECK(old.pages[0].text.empty());
    CHECK_THROWS_WITH_AS(BuildRecord::from_json("{\"pages\": 3}", "x.json"),
                         "x.json: not a schoolgate build record (version 1)", sg::util::Error);
    CHECK_THROWS_AS(BuildRecord::from_json("{\"version\":1,\"pages\":3}", "x.json"), sg::util::Error);
    CHECK_THROWS_AS(BuildRecord::from_json("not json", "x.json"), sg::util::Error);
}

TEST_CASE("the files written and the options the site was built with read back, and older records have none") {
    BuildRecord record;
    record.date = "2026-11-23";
    record.has_files = true;
    record.out = "site";
    record.require_approval = true;
    record.files["index.html"] = {120, "ab12"};
    record.files["media/0e25a1b2c3d4e5f6-320.jpg"] = {5000, ""};
    BuildRecord read = BuildRecord::from_json(record.to_json(), "build-record.json");
    CHECK(read.has_files);
    CHECK(read.files == record.files);
    CHECK(read.out == "site");
    CHECK(read.require_approval);

    BuildRecord old = BuildRecord::from_json(R"({"version":1,"date":"2026-11-01","pages":[],"withheld":[]})", "old.json");
    CHECK_FALSE(old.has_files);
    CHECK_FALSE(old.require_approval);
}

TEST_CASE("the visible text is kept compact: spacing collapsed, blank lines dropped") {
    CHECK(compact_text("\n\n  Skip to  main\tcontent \n\n\n   Oakfield  \n") == "Skip to main content\nOakfield");
    CHECK(compact_text("   \n \n") == "");
}

}  // TEST_SUITE
