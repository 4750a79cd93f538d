// End to end: the files around the pages (feed.xml, sitemap.xml, robots.txt, tag pages), Open
// Graph images, and `schoolgate new post`, through the real pipeline and the real binary.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "diag/printer.h"
#include "pipeline/pipeline.h"
#include "pipeline/verify_rendered.h"
#include "render/site_files.h"
#include "site_build.h"
#include "temp_site.h"

namespace fs = std::filesystem;
using sg::pipeline::Status;
using sg::testing::TempSite;
using sg::testing::build;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

size_t count_of(const std::string& text, const std::string& part) {
    size_t count = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
    return count;
}

struct Ran {
    int status = -1;
    std::string output;  // stdout and stderr
};

// Runs the real binary with `arguments` (already shell-quoted) and collects what it printed.
Ran run(const std::string& arguments) {
    std::string command = std::string(SG_BINARY) + " " + arguments + " 2>&1";
    Ran ran;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) ran.output.append(buffer, n);
    int status = pclose(pipe);
    ran.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return ran;
}

const char* const three_posts = R"(
-- content/news/lake.md --
---
title: Lake visit
date: 2026-10-14
summary: Year 3 spent a day by the lake.
tags: [Outdoor learning, trips]
photos:
  - src: lake.jpg
    alt: Pupils beside the lake
    people: [P0001]
---
A lovely day.
-- content/news/fair.md --
---
title: Autumn fair & raffle
date: 2026-10-20
summary: The fair raised <lots> of money.
tags: [events]
---
Thank you to everyone who came.
-- content/news/trip.md --
---
title: Trip
date: 2026-10-01
tags: [trips]
---
Well done to Amelia Thornbury for her reading award.
-- content/news/plans.md --
---
title: Secret plans
date: 2026-10-02
draft: true
---
Not yet.
)";

}  // namespace

TEST_SUITE("e2e::site files") {

TEST_CASE("feed.xml lists the published posts, newest first, with absolute links; never a withheld post") {
    TempSite site(three_posts);
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    auto result = build(site);
    CHECK(result.status == Status::withheld);  // trip.md names a pupil in full
    std::string feed = site.read("site/feed.xml");
    CHECK(contains(feed, "<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    CHECK(contains(feed, "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://www.brookfield-test.example/feed.xml\"/>"));
    CHECK(contains(feed, "<updated>2026-10-20T00:00:00Z</updated>"));
    CHECK(count_of(feed, "<entry>") == 2);
    size_t fair = feed.find("<title>Autumn fair &amp; raffle</title>");
    size_t lake = feed.find("<title>Lake visit</title>");
    REQUIRE(fair != std::string::npos);
    REQUIRE(lake != std::string::npos);
    CHECK(fair < lake);
    CHECK(contains(feed, "<id>https://www.brookfield-test.example/news/lake/</id>"));
    CHECK(contains(feed, "<summary>The fair raised &lt;lots&gt; of money.</summary>"));
    CHECK(!contains(feed, "Trip"));
    CHECK(!contains(feed, "Thornbury"));
    CHECK(!contains(feed, "Secret plans"));
    CHECK(!contains(feed, "media/"));  // no photos in the feed
    // Every layout advertises the feed.
    CHECK(contains(site.read("site/index.html"), "type=\"application/atom+xml\""));
}

TEST_CASE("sitemap.xml holds absolute URLs of exactly the published pages; robots.txt names it") {
    TempSite site(three_posts);
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    auto result = build(site);
    std::string sitemap = site.read("site/sitemap.xml");
    for (const std::string& url : result.published) {
        if (!url.ends_with(".html") || url == "404.html") continue;
        INFO(url);
        CHECK(contains(sitemap, "<loc>" + sg::render::absolute_url({.base_url = "https://www.brookfield-test.example/"}, url) + "</loc>"));
    }
    CHECK(contains(sitemap, "<url><loc>https://www.brookfield-test.example/</loc></url>"));
    CHECK(contains(sitemap, "<url><loc>https://www.brookfield-test.example/news/lake/</loc><lastmod>2026-10-14</lastmod></url>"));
    CHECK(contains(sitemap, "<loc>https://www.brookfield-test.example/tags/trips/</loc>"));
    CHECK(!contains(sitemap, "news/trip/"));
    CHECK(!contains(sitemap, "news/plans/"));
    CHECK(!contains(sitemap, "404"));
    CHECK(!contains(sitemap, "feed.xml"));
    CHECK(site.read("site/robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://www.brookfield-test.example/sitemap.xml\n");
}

TEST_CASE("tag pages list the published posts of each tag, and posts link to them") {
    TempSite site(three_posts);
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    build(site);
    REQUIRE(site.exists("site/tags/outdoor-learning/index.html"));
    std::string trips = site.read("site/tags/trips/index.html");
    CHECK(contains(trips, "href=\"../../news/lake/index.html\""));
    CHECK(!contains(trips, "news/trip/"));  // withheld: not listed
    CHECK(contains(trips, "<h1"));
    CHECK(contains(site.read("site/news/lake/index.html"), "href=\"../../tags/outdoor-learning/index.html\""));
    CHECK(site.exists("site/tags/events/index.html"));
}

TEST_CASE("og:image only for a photo whose people all consent to social media") {
    struct Case {
        const char* people;
        bool shared;
    };
    const Case cases[] = {{"[P0001]", true}, {"[]", true}, {"[P0001, P0002]", false}, {"unidentifiable", false}};
    for (const Case& c : cases) {
        INFO("people: " << c.people);
        TempSite site;
        site.copy_fixture("gps_DSCN0012.jpg", "content/news/lake.jpg");
        site.write("content/news/lake.md", std::string("---\ntitle: Lake\ndate: 2026-10-14\nphotos:\n  - src: lake.jpg\n"
                                                       "    alt: The lake\n    people: ") + c.people + "\n---\nA day out.\n");
        auto result = build(site);
        REQUIRE(result.status == Status::published);
        std::string html = site.read("site/news/lake/index.html");
        CHECK(contains(html, "property=\"og:image\" content=\"https://www.brookfield-test.example/media/") == c.shared);
        CHECK(contains(html, "<link rel=\"canonical\" href=\"https://www.brookfield-test.example/news/lake/\">"));
    }
}

TEST_CASE("feed.xml goes through the same verification as a page: a full name in it is caught") {
    TempSite site(R"(
-- content/news/trip.md --
---
title: Amelia Thornbury wins the reading award
date: 2026-10-01
---
Well done.
)");
    sg::pipeline::Result result;
    sg::pipeline::Options options;
    options.source = site.root();
    options.date = sg::util::parse_iso_date(sg::testing::test_date);
    auto loaded = sg::pipeline::load(options, result);
    REQUIRE(loaded);
    const sg::content::Page* post = nullptr;
    for (const auto& page : loaded->pages)
        if (page.source == "content/news/trip.md") post = &page;
    REQUIRE(post);
    // The post itself would be withheld before any feed is made; the feed is checked regardless.
    sg::pipeline::RenderedPage feed{"feed.xml", sg::render::atom_feed(loaded->config, {post}, loaded->date), "feed.xml",
                                    nullptr, {}};
    sg::pipeline::verify_rendered(feed, sg::rules::published_text(feed.html), {}, loaded->rules_context(),
                                  result.diagnostics);
    CHECK(result.diagnostics.withholds("feed.xml"));
    bool named = false;
    for (const auto& d : result.diagnostics.all()) named |= d.page == "feed.xml" && d.rule == "name.full-name";
    CHECK(named);

    // And end to end: the post is withheld, so it never reaches the feed.
    auto built = build(site);
    CHECK(built.status == Status::withheld);
    CHECK(!contains(site.read("site/feed.xml"), "Thornbury"));
    CHECK(!contains(site.read("site/sitemap.xml"), "news/trip/"));
}

}  // TEST_SUITE

TEST_SUITE("e2e::new post") {

TEST_CASE("new post scaffolds a draft with a photos block; it passes check once the photo exists; drafts are not published") {
    TempSite site;
    std::string source = "--source " + site.root().string();
    Ran created = run(source + " new post \"Sports day: a great success\"");
    INFO(created.output);
    REQUIRE(created.status == 0);
    fs::path file;
    for (const auto& entry : fs::directory_iterator(site.root() / "content" / "news"))
        if (entry.path().extension() == ".md") file = entry.path();
    REQUIRE(!file.empty());
    CHECK(file.filename().string().ends_with("-sports-day-a-great-success.md"));
    std::string relative = fs::relative(file, site.root()).string();
    std::string scaffold = site.read(relative);
    CHECK(contains(scaffold, "title: \"Sports day: a great success\"\n"));
    CHECK(contains(scaffold, "draft: true\n"));
    CHECK(contains(scaffold, "photos:\n"));
    CHECK(contains(scaffold, "  - src: photo.jpg\n"));
    CHECK(contains(scaffold, "    alt: "));
    CHECK(contains(scaffold, "    people: []\n"));
    // A second time: never overwrites.
    CHECK(run(source + " new post \"Sports day: a great success\"").status == 2);

    // Made due, the scaffold fails check until its photo exists, and passes once it does.
    std::string due = scaffold;
    due.replace(due.find("draft: true"), 11, "draft: false");
    site.write(relative, due);
    Ran missing = run(source + " check --date " + sg::testing::test_date);
    INFO(missing.output);
    CHECK(missing.status == 1);
    site.copy_fixture("gps_DSCN0038.jpg", "content/news/photo.jpg");
    Ran checked = run(source + " check --date " + sg::testing::test_date);
    INFO(checked.output);
    CHECK(checked.status == 0);

    // As scaffolded (a draft), it is not published, nor listed anywhere.
    site.write(relative, scaffold);
    Ran built = run(source + " build --date " + sg::testing::test_date);
    INFO(built.output);
    CHECK(built.status == 0);
    CHECK(contains(built.output, "1 not due"));
    std::string slug = file.stem().string();
    CHECK(!site.exists("site/news/" + slug + "/index.html"));
    CHECK(!contains(site.read("site/news/index.html"), "Sports day"));
    CHECK(!contains(site.read("site/feed.xml"), "Sports day"));
    CHECK(!contains(site.read("site/sitemap.xml"), slug));
}

}  // TEST_SUITE
