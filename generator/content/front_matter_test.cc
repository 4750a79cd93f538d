#include "content/front_matter.h"

#include <doctest/doctest.h>

#include "content/loader.h"

namespace {

sg::content::Page parse(const std::string& text, sg::diag::Diagnostics& diagnostics) {
    return sg::content::parse_page(text, "content/pages/x.md", "/nonexistent/content/pages/x.md",
                                   "/nonexistent/content", diagnostics);
}

}  // namespace

TEST_SUITE("content::front_matter") {

TEST_CASE("front matter and body are split with the body's first line") {
    auto split = sg::content::split_front_matter("---\ntitle: A\n---\nBody\n");
    CHECK(split.front_matter == "title: A\n");
    CHECK(split.front_matter_line == 2);
    CHECK(split.body == "Body\n");
    CHECK(split.body_line == 4);
    CHECK(sg::content::split_front_matter("---\ntitle: A\n").unterminated);
    CHECK(sg::content::split_front_matter("No front matter").front_matter_line == 0);
}

TEST_CASE("photos, people declarations and work are read with their places") {
    sg::diag::Diagnostics diagnostics;
    auto page = parse(R"(---
title: Castle trip
date: 2026-10-14
tags: [trips, year-3]
photos:
  - src: group.jpg
    alt: Pupils at the gate
    caption: Year 3 at the castle
    people: [P0001, S0001]
  - src: view.jpg
    alt: The castle
    people: []
  - src: back.jpg
    alt: Seen from behind
    people: unidentifiable
work:
  - src: painting.jpg
    by: P0004
    alt: A painting
---
Text.
)",
                      diagnostics);
    // Files do not exist here: only those media.unreadable findings are expected.
    for (const auto& d : diagnostics.all()) CHECK(d.rule == "media.unreadable");
    CHECK(page.title == "Castle trip");
    CHECK(page.kind == sg::content::PageKind::page);
    CHECK(page.url == "pages/x/index.html");
    CHECK(page.tags == std::vector<std::string>{"trips", "year-3"});
    REQUIRE(page.photos.size() == 3);
    CHECK(page.photos[0].people == std::vector<std::string>{"P0001", "S0001"});
    CHECK(page.photos[0].people_at[1].line == 9);
    CHECK(page.photos[0].people_at[1].column == 21);
    CHECK(page.photos[1].declaration == sg::content::PeopleDeclaration::listed);
    CHECK(page.photos[1].people.empty());
    CHECK(page.photos[2].declaration == sg::content::PeopleDeclaration::unidentifiable);
    REQUIRE(page.work.size() == 1);
    CHECK(page.work[0].by == "P0004");
    CHECK(page.work[0].by_at.line == 18);
    CHECK(page.body_line == 21);
}

TEST_CASE("front matter problems are content.invalid at their place") {
    struct Case {
        const char* name;
        std::string text;
        std::string expected;
    };
    const Case cases[] = {
        {"typo with did-you-mean", "---\ntitle: A\nsumary: x\n---\n",
         "3:1: unknown key 'sumary'; did you mean 'summary'? [content.invalid]\n"},
        {"no title", "---\ndate: 2026-01-01\n---\n", "2:1: a page needs a title [content.invalid]\n"},
        {"bad date", "---\ntitle: A\ndate: 14/10/2026\n---\n",
         "3:7: date must be a date written YYYY-MM-DD [content.invalid]\n"},
        {"photo without alt", "---\ntitle: A\nphotos:\n  - src: a.jpg\n    people: []\n---\n",
         "4:5: image 'a.jpg' has no alt text [content.invalid]\n"},
        {"people not a list", "---\ntitle: A\nphotos:\n  - src: a.jpg\n    alt: x\n    people: P0001\n---\n",
         "6:13: people must be a list of register ids, [] for nobody, or unidentifiable [content.invalid]\n"},
        {"work without by", "---\ntitle: A\nwork:\n  - src: a.jpg\n    alt: x\n---\n",
         "4:5: work needs 'by': the register id of the pupil whose work it is [content.invalid]\n"},
        {"unterminated", "---\ntitle: A\n", "1:1: front matter is opened with --- but never closed [content.invalid]\n"},
        {"broken YAML", "---\ntitle: [A\n---\n", "3:1: front matter is not valid YAML: end of sequence flow not found [content.invalid]\n"},
    };
    for (const Case& c : cases) {
        INFO("case: " << std::string(c.name));
        sg::diag::Diagnostics diagnostics;
        auto page = parse(c.text, diagnostics);
        std::string found;
        for (const auto& d : diagnostics.all())
            if (d.rule != "media.unreadable")
                found += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " +
                         d.message + " [" + d.rule + "]\n";
        CHECK(found == c.expected);
        for (const auto& d : diagnostics.all()) CHECK(d.page == "content/pages/x.md");
    }
}

}  // TEST_SUITE
