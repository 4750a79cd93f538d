// End to end: the editorial cycle with the real binary, as the editorial team would run it:
// build; edit a page and add a photo; review shows exactly that; approve; build with
// --require-approval publishes; an unapproved edit is withheld; a tampered log is caught.
#include <doctest/doctest.h>

#include <filesystem>

#include "process.h"
#include "temp_site.h"

namespace fs = std::filesystem;
using sg::testing::Run;
using sg::testing::schoolgate_command;
using sg::testing::sh_quote;
using sg::testing::TempSite;

namespace {

// Runs `schoolgate --source SITE ARGS` through sh, capturing its exit status, stdout and stderr.
Run schoolgate(const TempSite& site, const std::string& args) {
    return sg::testing::shell(site.root(), schoolgate_command() + " --source " + sh_quote(site.root().string()) + " " + args);
}

const std::string date = std::string(" --date ") + sg::testing::test_date;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The lines of `text` between the line starting with `heading` and the next blank line.
std::string section(const std::string& text, const std::string& heading) {
    size_t start = text.find("\n" + heading);
    if (start == std::string::npos) return "(no section " + heading + ")";
    size_t end = text.find("\n\n", start + 1);
    return text.substr(start + 1, end == std::string::npos ? std::string::npos : end - start);
}

const char* const lake_v1 = R"(---
title: Lake visit
date: 2026-10-14
photos:
  - src: lake.jpg
    alt: Pupils beside the lake
    people: [P0001, S0001]
---
Year 3 had a lovely day at the lake and saw two herons.
)";

const char* const lake_v2 = R"(---
title: Lake visit
date: 2026-10-14
photos:
  - src: lake.jpg
    alt: Pupils beside the lake
    people: [P0001, S0001]
  - src: jetty.jpg
    alt: Two pupils on the jetty
    people: [P0002, P0010]
---
Year 3 had a wonderful day at the lake and saw three herons.
)";

}  // namespace

TEST_SUITE("e2e::review") {

TEST_CASE("the editorial cycle: review, approve, build with --require-approval, tamper") {
    TempSite site;
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    site.copy_fixture("gps_DSCN0027.jpg", "content/news/jetty.jpg");
    site.write("content/news/lake.md", lake_v1);
    Run built = schoolgate(site, "build" + date);
    REQUIRE_MESSAGE(built.status == 0, built.err);

    // Nothing changed since that build.
    Run same = schoolgate(site, "review" + date);
    CHECK(same.status == 0);
    CHECK(has(same.out, "Summary: 0 added, 0 changed, 0 removed; 0 photos added, 0 removed; 0 withheld; 0 warnings\n"));

    // An edit, a new photo of two pupils, and a new post that breaks a rule.
    site.write("content/news/lake.md", lake_v2);
    site.write("content/news/prize.md", "---\ntitle: Prize\ndate: 2026-11-01\n---\nWell done to Amelia Thornbury.\n");
    Run review = schoolgate(site, "review" + date);
    INFO(review.out << review.err);
    CHECK(review.status == 1);  // a page would be withheld
    CHECK(has(section(review.out, "Pages changed"),
              "  ~ news/lake/index.html  (content/news/lake.md)\n"
              "      … 2026 Year 3 had a [-lovely-]{+wonderful+} day at the lake and saw [-two-]{+three+} herons. Back "
              "to all news …\n"));
    CHECK(section(review.out, "Pages added") == "Pages added (0)\n");
    CHECK(section(review.out, "Pages removed") == "Pages removed (0)\n");
    CHECK(section(review.out, "Photos added") ==
          "Photos added (1):\n"
          "  + news/lake/index.html: jetty.jpg \"Two pupils on the jetty\"\n"
          "      P0002 J.F.: website consent, granted 2026-09-01, expires 2027-08-31\n"
          "      P0010 Z.A.: website consent, granted 2026-09-01, expires 2027-08-31\n");
    CHECK(section(review.out, "Photos removed") == "Photos removed (0)\n");
    CHECK(section(review.out, "Would be withheld") ==
          "Would be withheld (1):\n"
          "  - content/news/prize.md\n"
          "    content/news/prize.md:5:14: error: a pupil's full name (P0001 A.T.) appears in the page [name.full-name]\n"
          "      hint: use the first name only, or refer to the class or year group\n");
    CHECK(!has(review.out, "Thornbury"));
    CHECK(!has(review.out, "Jonah"));
    // Reviewing wrote nothing: the public site is still the first build.
    CHECK(has(site.read("site/news/lake/index.html"), "lovely"));
    CHECK(!site.exists("site/news/prize/index.html"));

    // Sign it off (the prize post is fixed first), then build under the approval gate.
    site.write("content/news/prize.md", "---\ntitle: Prize\ndate: 2026-11-01\n---\nWell done to Amelia.\n");
    Run approved = schoolgate(site, "approve --by 'A. Head' --note 'lake trip checked'");
    CHECK(approved.status == 0);
    CHECK(has(approved.out, "as entry 1 by A. Head at "));
    Run gated = schoolgate(site, "build --require-approval" + date);
    CHECK_MESSAGE(gated.status == 0, gated.err);
    CHECK(has(site.read("site/news/lake/index.html"), "wonderful"));
    CHECK(site.exists("site/news/prize/index.html"));

    // An edit without approval is withheld, with a located diagnostic and a hint.
    std::string lake_v3 = lake_v2;
    lake_v3.replace(lake_v3.find("wonderful"), 9, "marvellous");
    site.write("content/news/lake.md", lake_v3);
    Run unapproved = schoolgate(site, "build --require-approval" + date);
    CHECK(unapproved.status == 1);
    CHECK(has(unapproved.err,
              "content/news/lake.md:2:8: error: this page, one of its images or documents, or the approved lists of "
              "schoolgate.yml changed since the last editorial approval (entry 1) [review.unapproved]\n"
              "    title: Lake visit\n"
              "           ^\n"
              "  hint: run schoolgate review, then schoolgate approve --by NAME\n"));
    CHECK(!site.exists("site/news/lake/index.html"));
    CHECK(site.exists("site/news/prize/index.html"));
    // Swapping a photo's pixels under the same name is a change too.
    site.write("content/news/lake.md", lake_v2);
    site.copy_fixture("gps_DSCN0029.jpg", "content/news/jetty.jpg");
    CHECK(schoolgate(site, "build --require-approval" + date).status == 1);
    site.copy_fixture("gps_DSCN0027.jpg", "content/news/jetty.jpg");
    CHECK(schoolgate(site, "build --require-approval" + date).status == 0);

    // The chain: a second approval, then a changed byte in the first entry.
    CHECK(schoolgate(site, "approve --by 'D. Deputy'").status == 0);
    Run verified = schoolgate(site, "approvals verify");
    CHECK(verified.status == 0);
    CHECK(has(verified.out, ".schoolgate/approvals.jsonl: 2 entries, chain intact; last: entry 2 by D. Deputy at "));
    std::string log = site.read(".schoolgate/approvals.jsonl");
    log.replace(log.find("lake trip checked"), 4, "LAKE");
    site.write(".schoolgate/approvals.jsonl", log);
    Run tampered = schoolgate(site, "approvals verify");
    CHECK(tampered.status == 1);
    CHECK(tampered.err == "schoolgate: .schoolgate/approvals.jsonl: entry 1 was altered: its contents do not match its hash\n");
    // A broken log approves nothing, and nothing is appended to it.
    CHECK(schoolgate(site, "build --require-approval" + date).status == 1);
    CHECK(!site.exists("site/news/lake/index.html"));
    CHECK(schoolgate(site, "approve --by 'A. Head'").status == 1);
    CHECK(site.read(".schoolgate/approvals.jsonl") == log);
}

TEST_CASE("review --html writes one self-contained page, never into site/") {
    TempSite site;
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    site.copy_fixture("gps_DSCN0027.jpg", "content/news/jetty.jpg");
    site.write("content/news/lake.md", lake_v1);
    REQUIRE(schoolgate(site, "build" + date).status == 0);
    site.write("content/news/lake.md", lake_v2);

    Run refused = schoolgate(site, "review --html '" + (site.site() / "review.html").string() + "'" + date);
    CHECK(refused.status == 2);
    CHECK(has(refused.err, "refusing to write the review"));
    CHECK(!site.exists("site/review.html"));

    fs::path page = site.root() / "review.html";
    Run ran = schoolgate(site, "review --html '" + page.string() + "'" + date);
    CHECK_MESSAGE(ran.status == 0, ran.err);
    std::string html = site.read("review.html");
    CHECK(has(html, "<del>lovely</del>"));
    CHECK(has(html, "<ins>wonderful</ins>"));
    CHECK(has(html, "P0002 J.F.: website consent, granted 2026-09-01, expires 2027-08-31"));
    CHECK(has(html, "<img src=\"data:image/jpeg;base64,/9j/"));
    // Self-contained: no other file or host is referenced.
    CHECK(!has(html, "http://"));
    CHECK(!has(html, "https://"));
    CHECK(!has(html, "href="));
    CHECK(!has(html, "url("));
    size_t sources = 0;
    for (size_t at = html.find("src=\""); at != std::string::npos; at = html.find("src=\"", at + 1)) {
        ++sources;
        CHECK(html.compare(at, 10, "src=\"data:") == 0);
    }
    CHECK(sources == 1);
    CHECK(!has(html, "Featherstone"));
}

TEST_CASE("review --html draws the faces found on a photo withheld for undeclared faces") {
    TempSite site;
    site.copy_fixture("xmp_no_exif.jpg", "content/news/poster.jpg");
    site.write("content/news/film.md",
               "---\ntitle: Film club\ndate: 2026-10-14\nphotos:\n  - src: poster.jpg\n    alt: The poster\n"
               "    people: []\n---\nOur film.\n");
    fs::path page = site.root() / "review.html";
    Run ran = schoolgate(site, "review --html '" + page.string() + "'" + date);
    CHECK(ran.status == 1);
    std::string html = site.read("review.html");
    CHECK(has(html, "<h2>Faces found (1 photos)</h2>"));
    CHECK(has(html, "<span class=\"face\" style=\"left:"));
    CHECK(has(html, "1 face found (red), 0 obscured (dashed blue), 0 people declared"));
    CHECK(has(html, "more faces than people declared"));
    CHECK(has(html, "[photo.undeclared-faces]"));
    CHECK(has(html, "<img src=\"data:image/jpeg;base64,/9j/"));  // the photo itself, for the editor only
}

}  // TEST_SUITE
