// End to end: small sites built by the real pipeline; what is published, what is withheld and
// why, as a user running `schoolgate build` would see it.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "diag/printer.h"
#include "pipeline/pipeline.h"
#include "site_build.h"
#include "temp_site.h"
#include "util/fs.h"

namespace fs = std::filesystem;
using sg::pipeline::Status;
using sg::testing::TempSite;
using sg::testing::build;
using sg::testing::published;
using sg::testing::rules_withholding;
using sg::testing::printed;

namespace {

// A post with one photo of `people` (a YAML value), and `body`.
std::string post_with_photo(const std::string& people, const std::string& body = "A lovely day.",
                            const std::string& caption = "Year 3 at the lake") {
    return "---\ntitle: Lake visit\ndate: 2026-10-14\nphotos:\n  - src: lake.jpg\n    alt: Pupils beside the lake\n"
           "    caption: " + caption + "\n    people: " + people + "\n---\n" + body + "\n";
}

}  // namespace

TEST_SUITE("e2e::build") {

TEST_CASE("a clean site is published with exit status 0, and its photo only as processed renditions") {
    TempSite site;
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    site.write("content/news/lake.md", post_with_photo("[P0001, S0001]"));
    auto result = build(site);
    INFO(printed(site, result));
    CHECK(result.status == Status::published);
    CHECK(published(result, "index.html"));
    CHECK(published(result, "news/lake/index.html"));
    CHECK(published(result, "news/index.html"));
    std::string html = site.read("site/news/lake/index.html");
    CHECK(html.find("<picture>") != std::string::npos);
    CHECK(html.find("lake.jpg") == std::string::npos);  // the original's name never appears
    CHECK(!site.exists("site/news/lake.jpg"));
    CHECK(result.images_written == 4);  // 320 and 640, JPEG and WebP
}

TEST_CASE("a page naming a pupil in full is withheld with a located diagnostic, the rest is written") {
    TempSite site(R"(
-- content/news/trip.md --
---
title: Trip
date: 2026-10-01
---
Well done to Amelia Thornbury for her reading award.
-- content/news/fair.md --
---
title: Autumn fair
date: 2026-10-02
---
The fair raised a lot of money.
)");
    auto result = build(site);
    CHECK(result.status == Status::withheld);
    CHECK(rules_withholding(result, "content/news/trip.md") == std::vector<std::string>{"name.full-name"});
    CHECK(published(result, "news/fair/index.html"));
    CHECK(!published(result, "news/trip/index.html"));
    CHECK(!site.exists("site/news/trip/index.html"));
    CHECK(site.exists("site/news/fair/index.html"));
    CHECK(printed(site, result) ==
          "content/news/trip.md:5:14: error: a pupil's full name (P0001 A.T.) appears in the page [name.full-name]\n"
          "    Well done to Amelia Thornbury for her reading award.\n"
          "                 ^\n"
          "  hint: use the first name only, or refer to the class or year group\n");
    // The withheld post's title is not listed on the news index either.
    CHECK(site.read("site/news/index.html").find("Trip") == std::string::npos);
}

TEST_CASE("photo consent is judged per person on the build date") {
    struct Case {
        const char* id;
        const char* date;
        std::vector<std::string> rules;
    };
    const Case cases[] = {
        {"P0001", "2026-11-23", {}},                        // yes, valid
        {"S0001", "2026-11-23", {}},                        // staff with consent
        {"P0002", "2026-11-23", {}},                        // website yes (social no)
        {"P0003", "2026-11-23", {"photo.no-consent"}},      // no
        {"P0004", "2026-11-23", {"photo.no-consent"}},      // objected
        {"P0005", "2026-11-23", {"photo.no-consent"}},      // blank under lawful basis consent
        {"P0006", "2026-11-23", {"photo.no-consent"}},      // expired 2026-08-31
        {"P0006", "2026-08-31", {}},                        // ...but valid on its last day
        {"P0007", "2026-11-23", {"photo.no-consent"}},      // withdrawn 2026-10-20
        {"P0007", "2026-10-19", {}},                        // ...valid the day before
        {"P0008", "2026-11-23", {"photo.no-consent"}},      // left 2026-07-22
        {"P0009", "2026-11-23", {"photo.no-consent"}},      // not yet granted (from 2026-12-01)
        {"P0009", "2026-12-01", {}},
        {"S0002", "2026-11-23", {"photo.no-consent"}},      // staff need consent too
        {"P0011", "2026-11-23", {"photo.protected"}},       // protected overrides everything
        {"P9999", "2026-11-23", {"photo.unknown-person"}},  // not in the register
    };
    for (const Case& c : cases) {
        INFO("id: " << std::string(c.id));
        INFO("date: " << std::string(c.date));
        TempSite site;
        site.copy_fixture("gps_DSCN0012.jpg", "content/news/lake.jpg");
        site.write("content/news/lake.md", post_with_photo(std::string("[") + c.id + "]"));
        auto result = build(site, c.date);
        CHECK(rules_withholding(result, "content/news/lake.md") == c.rules);
        CHECK(published(result, "news/lake/index.html") == c.rules.empty());
        CHECK(site.exists("site/news/lake/index.html") == c.rules.empty());
    }
}

TEST_CASE("every image is declared, readable and inside content/") {
    struct Case {
        const char* name;
        const char* page;
        const char* rule;
    };
    const Case cases[] = {
        {"inline image not declared", "---\ntitle: T\n---\n![A lake](lake.jpg)\n", "photo.undeclared"},
        {"raw HTML image not declared", "---\ntitle: T\n---\n<p><img src=\"lake.jpg\" alt=\"x\"></p>\n",
         "photo.undeclared"},
        {"photo without people", "---\ntitle: T\nphotos:\n  - src: lake.jpg\n    alt: A lake\n---\nx\n",
         "photo.undeclared"},
        {"hot-linked image", "---\ntitle: T\n---\n![A lake](https://elsewhere.example/lake.jpg)\n", "media.remote"},
        {"reference out of content/",
         "---\ntitle: T\nphotos:\n  - src: ../../consent/register.csv\n    alt: x\n    people: []\n---\nx\n",
         "media.outside-content"},
        {"url-encoded escape",
         "---\ntitle: T\nphotos:\n  - src: '%2e%2e/%2e%2e/schoolgate.yml'\n    alt: x\n    people: []\n---\nx\n",
         "media.outside-content"},
        {"absolute path", "---\ntitle: T\nphotos:\n  - src: /etc/passwd\n    alt: x\n    people: []\n---\nx\n",
         "media.outside-content"},
        {"corrupt image", "---\ntitle: T\nphotos:\n  - src: broken.jpg\n    alt: x\n    people: []\n---\nx\n",
         "media.unreadable"},
        {"missing alt text", "---\ntitle: T\nphotos:\n  - src: lake.jpg\n    people: []\n---\nx\n",
         "content.invalid"},
        {"video embed", "---\ntitle: T\n---\n<video src=\"clip.mp4\"></video>\n", "media.unsupported"},
        {"typo in front matter", "---\ntitle: T\nphotoes: []\n---\nx\n", "content.invalid"},
    };
    for (const Case& c : cases) {
        INFO("case: " << std::string(c.name));
        TempSite site;
        site.copy_fixture("gps_DSCN0021.jpg", "content/pages/lake.jpg");
        site.copy_fixture("corrupted.jpg", "content/pages/broken.jpg");
        site.write("content/pages/p.md", c.page);
        auto result = build(site);
        auto rules = rules_withholding(result, "content/pages/p.md");
        CHECK(std::find(rules.begin(), rules.end(), c.rule) != rules.end());
        CHECK(!site.exists("site/pages/p/index.html"));
        CHECK(site.exists("site/index.html"));
    }
}

TEST_CASE("names are kept away from pictures") {
    struct Case {
        const char* name;
        std::string page;
        const char* rule;  // nullptr: published
    };
    const Case cases[] = {
        {"pictured pupil's first name in the text", post_with_photo("[P0001]", "Amelia loved it."),
         "name.with-photo"},
        {"pupil's name in a caption", post_with_photo("[]", "x", "Jonah by the water"), "name.with-photo"},
        {"pictured pupil's known-as name", post_with_photo("[P0010]", "Zee loved it."), "name.with-photo"},
        {"full name without its accent and hyphen", post_with_photo("[]", "Well done Zoe Al Rashid!"),
         "name.full-name"},
        {"another pupil's first name in the text is fine", post_with_photo("[P0001]", "Jonah read a poem."),
         nullptr},
        {"full name disguised as an HTML entity is caught in the rendered page",
         post_with_photo("[]", "Thanks to Amelia&#32;Thornbury."), "name.full-name"},
        {"full name split by emphasis", post_with_photo("[]", "Thanks to **Amelia** Thornbury."), "name.full-name"},
        {"surname first", post_with_photo("[]", "THORNBURY, Amelia"), "name.full-name"},
        {"protected pupil named", post_with_photo("[]", "Wilfred Ashdown joined us."), "photo.protected"},
        {"staff named with their role", post_with_photo("[S0001]", "Harriet Quillfeather, our Year 3 teacher."),
         nullptr},
        {"personal email", post_with_photo("[]", "Write to amelia.mum@gmail.com"), "contact.personal"},
        {"personal mobile", post_with_photo("[]", "Call 07700 900123"), "contact.personal"},
        {"the school's own number", post_with_photo("[]", "Call the office on +44 1632 960001"), nullptr},
    };
    for (const Case& c : cases) {
        INFO("case: " << std::string(c.name));
        TempSite site;
        site.copy_fixture("gps_DSCN0025.jpg", "content/news/lake.jpg");
        site.write("content/news/lake.md", c.page);
        auto result = build(site);
        INFO(printed(site, result));
        auto rules = rules_withholding(result, "content/news/lake.md");
        if (c.rule)
            CHECK(rules == std::vector<std::string>{c.rule});
        else
            CHECK(rules.empty());
        CHECK(site.exists("site/news/lake/index.html") == (c.rule == nullptr));
    }
}

TEST_CASE("pupils' work needs the pupil's work consent, the credit is a first name and class") {
    TempSite site;
    site.copy_fixture("Canon_40D.jpg", "content/news/painting.jpg");
    auto page = [](const char* by) {
        return std::string("---\ntitle: Art week\ndate: 2026-10-03\nwork:\n  - src: painting.jpg\n    by: ") + by +
               "\n    alt: A painting of a lake\n---\nOur art week.\n";
    };
    site.write("content/news/art.md", page("P0001"));
    auto result = build(site);
    CHECK(result.status == Status::published);
    CHECK(site.read("site/news/art/index.html").find("Amelia, Year 3") != std::string::npos);

    site.write("content/news/art.md", page("P0002"));  // work_website: no
    result = build(site);
    CHECK(rules_withholding(result, "content/news/art.md") == std::vector<std::string>{"work.no-consent"});
    site.write("content/news/art.md", page("P0011"));  // protected: not even credited
    result = build(site);
    CHECK(rules_withholding(result, "content/news/art.md") == std::vector<std::string>{"photo.protected"});
}

TEST_CASE("drafts, scheduled and expired pages are not published") {
    TempSite site(R"(
-- content/news/draft.md --
---
title: Draft
date: 2026-10-01
draft: true
---
x
-- content/news/later.md --
---
title: Later
date: 2026-10-01
publish_date: 2027-01-10
---
x
-- content/news/gone.md --
---
title: Gone
date: 2026-01-01
expiry_date: 2026-07-31
---
x
)");
    auto result = build(site);
    CHECK(result.status == Status::published);
    CHECK(result.not_due == 3);
    CHECK(!site.exists("site/news/draft/index.html"));
    CHECK(!site.exists("site/news/later/index.html"));
    CHECK(!site.exists("site/news/gone/index.html"));
}

TEST_CASE("the site is swapped in whole: stale files go, a failed build leaves the previous site") {
    TempSite site;
    site.copy_fixture("gps_DSCN0027.jpg", "content/news/lake.jpg");
    site.write("content/news/lake.md", post_with_photo("[P0001]"));
    REQUIRE(build(site).status == Status::published);
    std::string before = site.read("site/news/lake/index.html");
    size_t media_before = std::distance(fs::directory_iterator(site.site() / "media"), fs::directory_iterator());
    CHECK(media_before == 4);

    // A broken configuration: exit status 2 and the previous site untouched.
    std::string config = site.read("schoolgate.yml");
    site.write("schoolgate.yml", config + "colour: blue\n");
    auto failed = build(site);
    CHECK(failed.status == Status::usage);
    CHECK(site.read("site/news/lake/index.html") == before);
    site.write("schoolgate.yml", config);

    // Consent withdrawn: the page and its photo are gone on the next build, nothing stale left.
    std::string withdrawn = sg::testing::base_register;
    withdrawn.replace(withdrawn.find("2026-09-01,2027-08-31,,,"), 24, "2026-09-01,2027-08-31,2026-11-01,,");
    site.write("consent/register.csv", withdrawn);
    auto result = build(site);
    CHECK(rules_withholding(result, "content/news/lake.md") == std::vector<std::string>{"photo.no-consent"});
    CHECK(!site.exists("site/news/lake/index.html"));
    bool no_media = !fs::exists(site.site() / "media") || fs::is_empty(site.site() / "media");
    CHECK(no_media);
    CHECK(site.exists("site/index.html"));
    // Nor beside it: the spare the next build starts from keeps only files the new site publishes,
    // byte for byte.
    fs::path spare = site.root() / ".site.spare";
    REQUIRE(fs::is_directory(spare));
    CHECK(!fs::exists(spare / "news" / "lake"));
    bool no_spare_media = !fs::exists(spare / "media") || fs::is_empty(spare / "media");
    CHECK(no_spare_media);
    for (auto it = fs::recursive_directory_iterator(spare); it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_directory()) continue;
        fs::path relative = it->path().lexically_relative(spare);
        CHECK_MESSAGE(sg::util::read_file(it->path()) == sg::util::read_file(site.site() / relative), relative);
    }
    // Nothing of the register is in the site or the build record beyond ids.
    std::string record = site.read(".schoolgate/build-record.json");
    CHECK(record.find("Thornbury") == std::string::npos);
    CHECK(record.find("content/news/lake.md") != std::string::npos);
}

TEST_CASE("an unreadable register stops the build: it never means allowed") {
    TempSite site;
    site.write("consent/register.csv", "id,first_name\nP0001,Amelia\n");
    auto result = build(site);
    CHECK(result.status == Status::usage);
    CHECK(!fs::exists(site.site()));
    fs::remove(site.root() / "consent" / "register.csv");
    CHECK(build(site).status == Status::usage);
}

TEST_CASE("the output folder may not be the sources") {
    TempSite site;
    sg::pipeline::Options options;
    options.source = site.root();
    options.date = sg::util::parse_iso_date(sg::testing::test_date);
    for (const char* out : {"content", "content/site", ".", "consent"}) {
        INFO("out: " << std::string(out));
        options.out = site.root() / out;
        CHECK(sg::pipeline::run_build(options).status == Status::usage);
    }
    CHECK(site.exists("content/index.md"));
}

TEST_CASE("pages rendered side by side make the same site and the same report as one at a time") {
    TempSite site;
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    for (int i = 0; i < 24; ++i) {
        const char* body = i % 4 == 1 ? "Well done to Amelia Thornbury." : i % 4 == 2 ? "Write to amelia.mum@gmail.com" : "A day.";
        site.write("content/news/day-" + std::to_string(i) + ".md", post_with_photo("[P0001]", body));
    }
    auto built = [&](int jobs, const char* out) {
        sg::pipeline::Options options;
        options.source = site.root();
        options.out = site.root() / out;
        options.date = sg::util::parse_iso_date(sg::testing::test_date);
        options.jobs = jobs;
        return sg::pipeline::run_build(options);
    };
    auto one = built(1, "site-one");
    auto two = built(2, "site");
    CHECK(one.status == Status::withheld);
    CHECK(one.withheld.size() == 12);
    CHECK(printed(site, two) == printed(site, one));
    CHECK(two.withheld == one.withheld);
    CHECK(two.published == one.published);
    std::set<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(site.root() / "site-one"); it != fs::recursive_directory_iterator(); ++it)
        if (it->is_regular_file()) files.insert(it->path().lexically_relative(site.root() / "site-one"));
    for (auto it = fs::recursive_directory_iterator(site.site()); it != fs::recursive_directory_iterator(); ++it)
        if (it->is_regular_file()) CHECK_MESSAGE(files.erase(it->path().lexically_relative(site.site())) == 1, it->path());
    CHECK(files.empty());
    for (const char* page : {"index.html", "news/index.html", "news/page/2/index.html", "news/day-3/index.html", "feed.xml"})
        CHECK_MESSAGE(site.read(std::string("site/") + page) == site.read(std::string("site-one/") + page), page);
}

}  // TEST_SUITE
