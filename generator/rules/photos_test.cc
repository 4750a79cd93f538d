#include "rules/photos.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "rules/test_context.h"

namespace sg::rules {
namespace {

using testing::TestContext;
using testing::findings;
using Lines = std::vector<std::string>;

const std::string page_source = "content/news/trip.md";

// A photo declared on line 6 of the page, its people ids from line 9 on.
content::Image photo(const std::vector<std::string>& people,
                     content::PeopleDeclaration declaration = content::PeopleDeclaration::listed) {
    content::Image image;
    image.src = "trip.jpg";
    image.alt = "Pupils on the trip";
    image.declaration = declaration;
    image.people = people;
    for (size_t i = 0; i < people.size(); ++i) image.people_at.push_back({page_source, 9 + static_cast<int>(i), 15});
    image.at = {page_source, 6, 5};
    image.file = "/school/content/news/trip.jpg";
    return image;
}

content::Page page_with(std::vector<content::Image> photos, std::vector<content::Image> work = {}) {
    content::Page page;
    page.source = page_source;
    page.photos = std::move(photos);
    page.work = std::move(work);
    return page;
}

// A readable JPEG for every image of `page`, with `info` for the photos; then what the check step
// resolves before the rules run (Context::obscured).
void load(TestContext& test, const content::Page& page, const media::SourceInfo& info = {.format = "jpeg"}) {
    for (const auto* list : {&page.photos, &page.work})
        for (const auto& image : *list) test.images[image.file] = {info, std::nullopt};
    test.obscured = resolve_obscured({&page}, test.context());
}

Lines check(TestContext& test, const content::Page& page) {
    diag::Diagnostics diagnostics;
    check_photos(page, test.context(), diagnostics);
    check_work(page, test.context(), diagnostics);
    return findings(diagnostics);
}

TEST_SUITE("rules::photos") {

TEST_CASE("who a photo declares is judged against the register on the build date") {
    struct Case {
        std::vector<std::string> people;
        content::PeopleDeclaration declaration;
        Lines expected;
    };
    using content::PeopleDeclaration;
    const Case cases[] = {
        {{"P0001", "S0001"}, PeopleDeclaration::listed, {}},
        {{}, PeopleDeclaration::listed, {}},
        {{}, PeopleDeclaration::missing,
         {"photo.undeclared: photo 'trip.jpg' does not say who is in it"}},
        {{}, PeopleDeclaration::unidentifiable,
         {"warning photo.unidentifiable: photo 'trip.jpg' is declared to show nobody identifiable"}},
        {{"X9999"}, PeopleDeclaration::listed, {"photo.unknown-person: 'X9999' is not in the consent register"}},
        {{"P0011"}, PeopleDeclaration::listed,
         {"photo.protected: P0011 W.A. is protected and must never appear on the site"}},
        {{"P0001", "P0003"}, PeopleDeclaration::listed,
         {"photo.no-consent: P0003 P.O. has no website photo consent on 2026-11-23: consent refused"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.people.size());
        CAPTURE(static_cast<int>(c.declaration));
        TestContext test;
        content::Page page = page_with({photo(c.people, c.declaration)});
        load(test, page);
        CHECK(check(test, page) == c.expected);
    }
}

TEST_CASE("a photo that was not inspected, or could not be read, is withheld") {
    TestContext test;
    content::Page page = page_with({photo({})});
    test.obscured = resolve_obscured({&page}, test.context());
    CHECK(check(test, page) == Lines{"media.unreadable: image 'trip.jpg' was not inspected"});

    test.images[page.photos[0].file] = {std::nullopt, media::Problem{"media.unreadable", "the JPEG data is truncated"}};
    CHECK(check(test, page) == Lines{"media.unreadable: trip.jpg: the JPEG data is truncated"});
}

TEST_CASE("the people a photo names in its own metadata must agree with the declaration") {
    struct Case {
        const char* name;
        std::vector<std::string> tags, keywords;
        Lines expected;
    };
    const Case cases[] = {
        {"declared", {"Amelia Thornbury"}, {}, {}},
        {"a first name alone names everyone called so", {"Jonah"}, {},
         {"photo.tag-mismatch: photo 'trip.jpg' is tagged in its metadata with P0002 J.F., who is not declared"}},
        {"someone not declared", {"Jonah Featherstone"}, {},
         {"photo.tag-mismatch: photo 'trip.jpg' is tagged in its metadata with P0002 J.F., who is not declared"}},
        {"someone the register does not know (never printed)", {"Somebody Else"}, {},
         {"photo.unknown-person: photo 'trip.jpg' is tagged with 1 person not in the register"}},
        {"a protected pupil", {"Wilfred Ashdown"}, {},
         {"photo.protected: photo 'trip.jpg' is tagged in its metadata with P0011 W.A., who is protected and must "
          "never appear on the site"}},
        {"a keyword naming a pupil in full", {}, {"trip", "Jonah Featherstone"},
         {"photo.tag-mismatch: photo 'trip.jpg' is tagged in its metadata with P0002 J.F., who is not declared"}},
        {"a keyword with a first name only is free text", {}, {"Jonah"}, {}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        TestContext test;
        content::Page page = page_with({photo({"P0001"})});
        load(test, page, {.format = "jpeg", .people_tags = c.tags, .keywords = c.keywords});
        CHECK(check(test, page) == c.expected);
    }
}

TEST_CASE("faces found beyond the people declared withhold the photo, unless obscured") {
    const media::Box left{0.10, 0.20, 0.05, 0.06}, right{0.70, 0.20, 0.05, 0.06};
    TestContext test;
    content::Page page = page_with({photo({"P0001"})});
    load(test, page);
    const std::filesystem::path file = page.photos[0].file;

    SUBCASE("one face for one person") {
        test.faces[file] = {std::vector{left}, std::nullopt};
        CHECK(check(test, page).empty());
    }
    SUBCASE("two faces for one person: the hint gives the place to paste") {
        test.faces[file] = {std::vector{left, right}, std::nullopt};
        diag::Diagnostics diagnostics;
        check_photos(page, test.context(), diagnostics);
        REQUIRE(findings(diagnostics) ==
                Lines{"photo.undeclared-faces: photo 'trip.jpg' shows 2 faces but declares 1 person"});
        // Rounded outward to hundredths, so the rect covers the whole box.
        CHECK(diagnostics.all()[0].hint.find("the places found: [0.10, 0.20, 0.06, 0.06], [0.70, 0.20, 0.05, 0.06]") !=
              std::string::npos);
    }
    SUBCASE("the second face obscured by a rect covering its centre") {
        page.photos[0].obscure.push_back({"", std::array{0.65, 0.15, 0.15, 0.15}, {page_source, 10, 15}});
        test.obscured = resolve_obscured({&page}, test.context());
        test.faces[file] = {std::vector{left, right}, std::nullopt};
        CHECK(check(test, page).empty());
    }
    SUBCASE("faces that could not be looked for may be there") {
        test.faces[file] = {std::nullopt, media::Problem{"media.unreadable", "cannot decode"}};
        CHECK(check(test, page) == Lines{"media.unreadable: trip.jpg: faces could not be looked for: cannot decode"});
    }
    SUBCASE("unidentifiable, yet a face was found") {
        page.photos[0] = photo({}, content::PeopleDeclaration::unidentifiable);
        test.faces[file] = {std::vector{left}, std::nullopt};
        CHECK(check(test, page) ==
              Lines{"warning photo.unidentifiable: photo 'trip.jpg' is declared to show nobody identifiable",
                    "photo.undeclared-faces: photo 'trip.jpg' is declared unidentifiable but 1 face was found in it"});
    }
}

TEST_CASE("what a photo obscures is resolved once: rects as written, people by their face regions") {
    const media::Box face{0.40, 0.30, 0.10, 0.12};
    TestContext test;
    content::Image image = photo({});
    image.obscure = {{"P0003", std::nullopt, {page_source, 10, 17}}, {"", std::array{0.0, 0.0, 0.1, 0.1}, {}}};
    content::Page page = page_with({image});
    load(test, page, {.format = "jpeg", .people_tags = {"Priyanka Oduya"}, .face_regions = {{"Priyanka Oduya", face}}});
    REQUIRE(test.obscured.count(image.media_key()));
    CHECK(test.obscured.at(image.media_key()) == std::vector<media::Box>{face, {0.0, 0.0, 0.1, 0.1}});
    CHECK(check(test, page).empty());  // obscured by their region: no consent needed, not a tag mismatch

    SUBCASE("a person the image has no region for cannot be found, so cannot be obscured") {
        page.photos[0].obscure[0].person = "P0001";
        load(test, page, {.format = "jpeg", .people_tags = {"Priyanka Oduya"}, .face_regions = {{"Priyanka Oduya", face}}});
        CHECK(!test.obscured.count(page.photos[0].media_key()));
        Lines found = check(test, page);
        CHECK(std::find(found.begin(), found.end(),
                        "content.invalid: photo 'trip.jpg' has no face region for P0001 A.T. in its metadata, so they "
                        "cannot be found to be obscured") != found.end());
    }
}

TEST_CASE("work is credited only with the pupil's and parents' permission") {
    struct Case {
        const char* by;
        Lines expected;
    };
    const Case cases[] = {
        {"P0001", {}},
        {"P0002", {"work.no-consent: P0002 J.F. has no consent to publish their work on 2026-11-23: consent refused"}},
        {"X9999", {"photo.unknown-person: 'X9999' is not in the consent register"}},
        {"P0011", {"photo.protected: P0011 W.A. is protected and must not be credited on the site"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.by);
        TestContext test;
        content::Image work = photo({});
        work.is_work = true;
        work.src = "painting.jpg";
        work.file = "/school/content/news/painting.jpg";
        work.by = c.by;
        content::Page page = page_with({}, {work});
        load(test, page);
        CHECK(check(test, page) == c.expected);
    }
}

}  // TEST_SUITE
}  // namespace
}  // namespace sg::rules
