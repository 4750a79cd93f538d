// End to end: names and contact details in every place a page publishes them and in every
// disguise we could think of, each built by the real pipeline and judged by what is withheld (and
// by which rule) or published. The register is temp_site.h's fictional one: P0001 Amelia
// Thornbury, P0002 Jonah (Peregrine) Featherstone, P0003 Priyanka "Priya" Oduya, P0010 Zoë
// "Zee" Al-Rashid, protected P0011 Wilfred Ashdown, staff S0001 Harriet Quillfeather.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "diag/printer.h"
#include "pipeline/pipeline.h"
#include "site_build.h"
#include "temp_site.h"

using sg::testing::TempSite;
using sg::testing::build;
using sg::testing::rules_withholding;
using sg::testing::printed;

namespace {

// A news post with one photo (lake.jpg) of `people`; every field can be replaced.
struct Post {
    std::string people = "[]";
    std::string body = "A lovely day.";
    std::string title = "Lake visit";
    std::string extra;  // more front matter: summary, tags, work
    std::string alt = "Pupils beside the lake";
    std::string caption = "Year 3 at the lake";
    std::string photo_title;

    std::string text() const {
        return "---\ntitle: " + title + "\ndate: 2026-10-14\n" + extra + "photos:\n  - src: lake.jpg\n    alt: " + alt +
               "\n    caption: " + caption + (photo_title.empty() ? "" : "\n    title: " + photo_title) +
               "\n    people: " + people + "\n---\n" + body + "\n";
    }
};

// Amelia's painting, credited on the page as "Amelia, Year 3".
const std::string amelias_work = "work:\n  - src: painting.jpg\n    by: P0001\n    alt: A painting of a lake\n";

const std::string waiver = "<!-- schoolgate: allow name.with-photo \"Amelia is the ship's name, not a pupil\" -->\n";

struct Case {
    const char* name;
    Post post;
    std::vector<std::string> rules;  // empty: published
    std::string file = "content/news/lake.md";
};

const std::string full = "name.full-name";
const std::string with_photo = "name.with-photo";
const std::string contact = "contact.personal";
const std::string invalid = "content.invalid";
const std::string protected_ = "photo.protected";

// "content/news/x.md" -> "site/news/x/index.html"
std::string output_of(const std::string& file) {
    std::string stem = file.substr(std::string("content/").size());
    stem = stem.substr(0, stem.size() - 3);
    return "site/" + stem + "/index.html";
}

}  // namespace

TEST_SUITE("e2e::names") {

TEST_CASE("names and contact details are caught wherever and however they are published") {
    const Case cases[] = {
        // where a full name stands
        {"full name in the body", {.body = "Well done Amelia Thornbury!"}, {full}},
        {"full name in the title", {.title = "Well done Amelia Thornbury"}, {full}},
        {"full name in the summary", {.extra = "summary: A prize for Amelia Thornbury\n"}, {full}},
        {"full name as a tag", {.extra = "tags: [prizes, amelia-thornbury]\n"}, {full}},
        {"full name in the page's file name", {}, {full}, "content/news/amelia-thornbury-award.md"},
        {"full name as link text", {.body = "[Amelia Thornbury](https://example.org/prize)"}, {full}},
        {"full name in a link URL, lower case", {.body = "[The winner](https://example.org/amelia-thornbury)"},
         {full}},
        {"full name in a link's title", {.body = "[The winner](https://example.org/prize \"Amelia Thornbury\")"},
         {full}},
        {"full name in an HTML comment", {.body = "<!-- Amelia Thornbury -->\nA lovely day."}, {full}},
        {"full name in a raw HTML title attribute", {.body = "<span title=\"Amelia Thornbury\">The winner</span>"},
         {full}},
        {"full name in a data attribute, surname first",
         {.body = "<span data-pupil=\"thornbury-amelia\">The winner</span>"}, {full}},
        {"full name in a table cell", {.body = "| Prize | Winner |\n|---|---|\n| Art | Amelia Thornbury |"}, {full}},
        {"full name in a heading", {.body = "## Amelia Thornbury\n\nA lovely day."}, {full}},
        {"full name in a footnote line", {.body = "Our winner.[^1]\n\n[^1]: Amelia Thornbury, Year 3"}, {full}},
        // disguises
        {"a numeric character reference for the space", {.body = "Amelia&#32;Thornbury"}, {full}},
        {"named references for the accent and hyphen", {.body = "Zo&euml; Al&#45;Rashid"}, {full}},
        {"a zero-width joiner inside the first name", {.body = "Ame\u200Dlia Thornbury"}, {full}},
        {"a zero-width joiner as a reference", {.body = "Ame&zwj;lia Thornbury"}, {full}},
        {"a no-break space", {.body = "Amelia\u00A0Thornbury"}, {full}},
        {"&nbsp;", {.body = "Amelia&nbsp;Thornbury"}, {full}},
        {"a soft hyphen in the surname", {.body = "Amelia Thorn\u00ADbury"}, {full}},
        {"&shy; in the surname", {.body = "Amelia Thorn&shy;bury"}, {full}},
        {"curly apostrophe possessive", {.body = "Amelia Thornbury\u2019s painting"}, {full}},
        {"all capitals", {.body = "AMELIA THORNBURY"}, {full}},
        {"fullwidth letters", {.body = "\uFF21\uFF4D\uFF45\uFF4C\uFF49\uFF41 \uFF34\uFF48\uFF4F\uFF52\uFF4E\uFF42\uFF55\uFF52\uFF59"},
         {full}},
        {"surname first with a comma", {.body = "Thornbury, Amelia"}, {full}},
        {"middle name", {.body = "Jonah Peregrine Featherstone"}, {full}},
        {"other name and surname", {.body = "Peregrine Featherstone"}, {full}},
        {"known-as and surname", {.body = "Priya Oduya"}, {full}},
        {"accent stripped", {.body = "Zoe Al-Rashid"}, {full}},
        {"hyphen written as a space", {.body = "Zo\u00EB Al Rashid"}, {full}},
        {"hyphen dropped", {.body = "Zoe Alrashid"}, {full}},
        {"non-breaking hyphen", {.body = "Zo\u00EB Al\u2011Rashid"}, {full}},
        {"a line break between the names", {.body = "Well done Amelia\nThornbury"}, {full}},
        {"markup between the names", {.body = "<span>Amelia</span> <span>Thornbury</span>"}, {full}},
        {"an empty element inside the first name", {.body = "Ame<b></b>lia Thornbury"}, {full}},
        {"split across emphasis", {.body = "**Amelia** *Thornbury*"}, {full}},
        {"protected pupil named", {.body = "Wilfred Ashdown joined us."}, {protected_}},
        // first names and photos
        {"a name inside a longer word is not a name", {.people = "[P0001]", .body = "We sailed from Ameliasburg."},
         {}},
        {"a surname alone is not a name", {.people = "[P0001]", .body = "The Thornbury Cup"}, {}},
        {"another pupil's first name, not pictured, is fine", {.people = "[P0001]", .body = "Jonah read a poem."}, {}},
        {"pictured pupil's first name", {.people = "[P0001]", .body = "Amelia loved it."}, {with_photo}},
        {"pictured pupil's first name in capitals", {.people = "[P0001]", .body = "WELL DONE AMELIA"}, {with_photo}},
        {"pictured pupil's first name in the title", {.people = "[P0001]", .title = "Amelia at the lake"},
         {with_photo}},
        {"pictured pupil's known-as in a link URL", {.people = "[P0010]", .body = "[More](https://example.org/zee)"},
         {with_photo}},
        {"pictured pupil's first name in the file name", {.people = "[P0001]"}, {with_photo},
         "content/news/amelia-wins.md"},
        {"a first name in a photo's alt", {.alt = "Amelia beside the lake"}, {with_photo}},
        {"a first name in a caption", {.caption = "Jonah by the water"}, {with_photo}},
        {"a known-as name in a photo's title", {.photo_title = "Zee at the lake"}, {with_photo}},
        {"work credited to a pupil who is not pictured", {.extra = amelias_work}, {}},
        {"work credited to a pupil pictured on the same page", {.people = "[P0001]", .extra = amelias_work},
         {with_photo}},
        // staff and contact details
        {"staff full name with their role", {.people = "[S0001]", .body = "Mrs Harriet Quillfeather, our Year 3 teacher"},
         {}},
        {"a staff address at the school's domain",
         {.body = "Email Mrs Quillfeather at h.quillfeather@brookfield-test.example"}, {}},
        {"the school's own office contact", {.body = "office@brookfield-test.example, 01632 960001, BK4 7QT"}, {}},
        {"staff personal email", {.body = "Mrs Quillfeather, harriet.q@gmail.com"}, {contact}},
        {"personal email disguised with a reference", {.body = "Mrs Quillfeather, harriet.q&#64;gmail.com"},
         {contact}},
        {"personal mobile", {.body = "Ring 07700 900123"}, {contact}},
        {"personal mobile in +44 form", {.body = "Ring +44 7700 900123"}, {contact}},
        {"a home postcode", {.body = "Collect from 14 Elm Road, BK9 2PX"}, {contact}},
        // waivers
        {"a waiver excuses a first name in the paragraph after it",
         {.people = "[P0001]", .body = waiver + "The ship Amelia came into the harbour."}, {}},
        {"a waiver covers only the paragraph after it",
         {.people = "[P0001]", .body = waiver + "The ship Amelia came in.\n\nAmelia loved it."}, {with_photo}},
        {"a waiver does not excuse the name disguised elsewhere",
         {.people = "[P0001]", .body = waiver + "The ship Amelia came in.\n\nAm&#101;lia loved it."}, {with_photo}},
        {"a waiver does not reach a caption",
         {.people = "[P0001]", .body = waiver + "The ship Amelia came in.", .caption = "Amelia at the lake"},
         {with_photo}},
        {"a waiver does not reach a work credit",
         {.people = "[P0001]", .body = waiver + "The ship Amelia came in.", .extra = amelias_work}, {with_photo}},
        {"a waiver excuses a contact-like number",
         {.body = "<!-- schoolgate: allow contact.personal \"the lifeboat's call sign, not a phone\" -->\n"
                  "Call sign 07700 900999."},
         {}},
        {"a waiver for a full name is refused",
         {.body = "<!-- schoolgate: allow name.full-name \"it is a ship\" -->\nThe Amelia Thornbury sailed."},
         {invalid, full}},
        {"a waiver for a protected person is refused",
         {.body = "<!-- schoolgate: allow photo.protected \"it is a ship\" -->\nThe Wilfred Ashdown sailed."},
         {invalid, protected_}},
        {"a waiver needs a reason",
         {.people = "[P0001]", .body = "<!-- schoolgate: allow name.with-photo -->\nThe ship Amelia came in."},
         {invalid, with_photo}},
        {"a waiver must stand on its own line",
         {.people = "[P0001]",
          .body = "The ship <!-- schoolgate: allow name.with-photo \"a ship\" --> Amelia came in."},
         {invalid, with_photo}},
        {"a waiver's reason may not name a pupil in full",
         {.people = "[P0001]",
          .body = "<!-- schoolgate: allow name.with-photo \"named after Amelia Thornbury's gran\" -->\n"
                  "The ship Amelia came in."},
         {full}},
        {"a misspelt waiver is refused",
         {.people = "[P0001]", .body = "<!-- schoolgate: alow name.with-photo \"a ship\" -->\nThe ship Amelia came in."},
         {invalid, with_photo}},
    };
    CHECK(std::size(cases) >= 40);
    for (const Case& c : cases) {
        INFO("case: " << c.name);
        TempSite site;
        site.copy_fixture("gps_DSCN0025.jpg", "content/news/lake.jpg");
        site.copy_fixture("Canon_40D.jpg", "content/news/painting.jpg");
        site.write(c.file, c.post.text());
        auto result = build(site);
        INFO(printed(site, result));
        CHECK(rules_withholding(result, c.file) == c.rules);
        CHECK(site.exists(output_of(c.file)) == c.rules.empty());
    }
}

TEST_CASE("a name in a page's file name is reported at line 1 of the file, and no other page links to it") {
    TempSite site;
    site.copy_fixture("gps_DSCN0025.jpg", "content/news/lake.jpg");
    site.write("content/news/amelia-thornbury-award.md", Post{}.text());
    auto result = build(site);
    std::string out = printed(site, result);
    INFO(out);
    CHECK(out.find("content/news/amelia-thornbury-award.md:1:1: error: a pupil's full name (P0001") != std::string::npos);
    CHECK(out.find("[name.full-name]") != std::string::npos);
    CHECK(site.exists("site/news/index.html"));
    CHECK(site.read("site/news/index.html").find("amelia") == std::string::npos);
    CHECK(site.read("site/index.html").find("amelia") == std::string::npos);
}

TEST_CASE("a waiver is reported as a warning and is not published") {
    TempSite site;
    site.copy_fixture("gps_DSCN0025.jpg", "content/news/lake.jpg");
    site.write("content/news/lake.md",
               Post{.people = "[P0001]", .body = "A lovely day.\n\n" + waiver + "The ship Amelia came in."}.text());
    auto result = build(site);
    std::string out = printed(site, result);
    INFO(out);
    REQUIRE(site.exists("site/news/lake/index.html"));
    std::string html = site.read("site/news/lake/index.html");
    CHECK(html.find("The ship Amelia came in.") != std::string::npos);
    CHECK(html.find("schoolgate") == std::string::npos);
    CHECK(html.find("not a pupil") == std::string::npos);
    // The waiver itself (line 12, covering line 13) and the finding it excuses.
    CHECK(out.find("content/news/lake.md:12:1: warning: waiver: name.with-photo is allowed on lines 13-13") !=
          std::string::npos);
    CHECK(out.find("content/news/lake.md:13:10: warning: the name of a pupil pictured on this page (P0001") !=
          std::string::npos);
    CHECK(result.diagnostics.error_count() == 0);
}

}  // TEST_SUITE
