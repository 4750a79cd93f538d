#include "rules/check.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "rules/photos.h"
#include "rules/test_context.h"

namespace sg::rules {
namespace {

using testing::TestContext;
using testing::findings;
using Lines = std::vector<std::string>;

// A page whose source is `raw`: front matter on lines 1-3, the body from line 4.
content::Page page_from(const std::string& raw) {
    content::Page page;
    page.source = "content/news/trip.md";
    page.url = "news/trip/index.html";
    page.raw = raw;
    page.body_line = 4;
    return page;
}

Lines located(const diag::Diagnostics& diagnostics) {
    Lines lines;
    for (const auto& d : diagnostics.all())
        lines.push_back(d.location.path + ":" + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) +
                        ": " + d.rule);
    return lines;
}

TEST_SUITE("rules::check") {

TEST_CASE("a page's sources: body, address and photo texts, each finding located in the source") {
    TestContext test;
    content::Page page = page_from("---\ntitle: Trip\n---\nA trip with Amelia Thornbury.\n");
    diag::Diagnostics diagnostics;
    check_page(page, test.context(), diagnostics);
    CHECK(located(diagnostics) == Lines{"content/news/trip.md:4:13: name.full-name"});

    SUBCASE("a photo's alt text names nobody, not even by first name") {
        content::Page with_photo = page_from("---\ntitle: Trip\n---\nA trip.\n");
        content::Image photo;
        photo.src = "trip.jpg";
        photo.alt = "Jonah at the gate";
        photo.declaration = content::PeopleDeclaration::listed;
        photo.at = {with_photo.source, 2, 3};
        photo.file = "/school/content/news/trip.jpg";
        with_photo.photos.push_back(photo);
        test.images[photo.file] = {media::SourceInfo{.format = "jpeg"}, std::nullopt};
        test.obscured = resolve_obscured({&with_photo}, test.context());
        diag::Diagnostics found;
        check_page(with_photo, test.context(), found);
        CHECK(findings(found) == Lines{"name.with-photo: a pupil's name (P0002 J.F.) appears in a photo's alt text"});
    }
    SUBCASE("the address a page gets from its file name") {
        content::Page named = page_from("---\ntitle: Trip\n---\nA trip.\n");
        named.url = "news/amelia-thornbury/index.html";
        diag::Diagnostics found;
        check_page(named, test.context(), found);
        CHECK(findings(found) ==
              Lines{"name.full-name: a pupil's full name (P0001 A.T.) appears in the page's address (from its file name)"});
    }
}

TEST_CASE("rendered pieces are checked as published; the source's waivers excuse no more than they did there") {
    TestContext test;
    const std::string html =
        "<p>Call 07700 900123.</p><img alt=\"Amelia\" src=\"media/a.jpg\"><p>Or 07700 900123 again.</p>";
    std::vector<TextPiece> pieces = published_text(html);
    SUBCASE("nothing waived") {
        diag::Diagnostics diagnostics;
        check_rendered("content/news/trip.md", {}, pieces, {}, test.context(), diagnostics);
        CHECK(findings(diagnostics) ==
              Lines{"contact.personal: a phone number that is not the school's appears in the rendered page (text): "
                    "07700 900123",
                    "contact.personal: a phone number that is not the school's appears in the rendered page (text): "
                    "07700 900123",
                    "name.with-photo: a pupil's name (P0001 A.T.) appears in the rendered page (alt attribute)"});
    }
    SUBCASE("one occurrence waived in the source excuses one") {
        diag::Diagnostics diagnostics;
        check_rendered("content/news/trip.md", {}, pieces, {}, test.context(), diagnostics,
                       {{{"contact.personal", "07700 900123"}, 1}});
        Lines found = findings(diagnostics);
        CHECK(std::count(found.begin(), found.end(),
                         "contact.personal: a phone number that is not the school's appears in the rendered page (text): "
                         "07700 900123") == 1);
    }
}

}  // TEST_SUITE
}  // namespace
}  // namespace sg::rules
