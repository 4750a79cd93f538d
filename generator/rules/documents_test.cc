#include "rules/documents.h"

#include <doctest/doctest.h>

#include "rules/test_context.h"

namespace sg::rules {
namespace {

using testing::TestContext;
using testing::findings;
using Lines = std::vector<std::string>;

// content/news/october.md declaring october.pdf with `people` (ids written from line 8 on).
content::Page page_declaring(const std::vector<std::string>& people,
                             content::PeopleDeclaration declaration = content::PeopleDeclaration::listed) {
    content::Document document;
    document.src = "october.pdf";
    document.title = "October newsletter";
    document.declaration = declaration;
    document.people = people;
    for (size_t i = 0; i < people.size(); ++i)
        document.people_at.push_back({"content/news/october.md", 8 + static_cast<int>(i), 15});
    document.at = {"content/news/october.md", 5, 5};
    document.file = "/school/content/news/october.pdf";
    content::Page page;
    page.source = "content/news/october.md";
    page.documents.push_back(std::move(document));
    return page;
}

// A picture on page 2 with one face and `tags` in its metadata, and the text of two pages.
document::Inspection newsletter(const std::vector<std::string>& tags, const std::string& second_page) {
    document::Inspection inspection;
    inspection.pages = 2;
    inspection.page_text = {"Dates for the autumn term.", second_page};
    document::EmbeddedImage picture;
    picture.page = 2;
    picture.width = 640;
    picture.height = 480;
    picture.encoding = "jpeg";
    picture.people_tags = tags;
    picture.faces = {{0.4, 0.2, 0.1, 0.15}};
    inspection.images.push_back(picture);
    return inspection;
}

Lines check(TestContext& test, const content::Page& page, const document::Inspection& inspection) {
    test.documents[page.documents.front().file] = inspection;
    diag::Diagnostics diagnostics;
    check_documents(page, test.context(), diagnostics);
    Lines lines = findings(diagnostics);
    for (const auto& d : diagnostics.all()) lines.push_back("at " + d.location.shown());
    return lines;
}

TEST_SUITE("rules::documents") {

TEST_CASE("a document's people, pictures and text, located by its page") {
    TestContext test;
    SUBCASE("declared with consent, tagged alike, named by nobody: nothing to say") {
        CHECK(check(test, page_declaring({"P0001"}), newsletter({"Amelia Thornbury"}, "Well done, Year 3.")) == Lines{});
    }
    SUBCASE("a face nobody declared") {
        CHECK(check(test, page_declaring({}), newsletter({}, "Well done, Year 3.")) ==
              Lines{"photo.undeclared-faces: picture 1 (640x480) shows 1 face but document 'october.pdf' declares 0 people",
                    "at content/news/october.pdf: page 2"});
    }
    SUBCASE("a picture tagged with a pupil the document does not declare") {
        CHECK(check(test, page_declaring({"P0002"}), newsletter({"Amelia Thornbury"}, "Well done, Year 3.")) ==
              Lines{"photo.tag-mismatch: picture 1 (640x480) is tagged in its metadata with P0001 A.T., who is not declared",
                    "at content/news/october.pdf: page 2"});
    }
    SUBCASE("a tag that names nobody in the register") {
        CHECK(check(test, page_declaring({"P0001"}), newsletter({"Amelia Thornbury", "Zebedee Quartermaine"}, "Hello.")) ==
              Lines{"photo.unknown-person: picture 1 (640x480) is tagged with 1 person not in the register",
                    "at content/news/october.pdf: page 2"});
    }
    SUBCASE("a protected child in the document's people") {
        Lines found = check(test, page_declaring({"P0011"}), newsletter({}, "Hello."));
        REQUIRE(found.size() == 2);
        CHECK(found[0].starts_with("photo.protected: P0011"));
        CHECK(found[1] == "at content/news/october.md:8:15");
    }
    SUBCASE("the first name of the pupil it pictures, on page 2") {
        Lines found = check(test, page_declaring({"P0001"}), newsletter({"Amelia Thornbury"}, "Well done, Amelia!"));
        REQUIRE(found.size() == 2);
        CHECK(found[0].starts_with("name.with-photo: "));
        CHECK(found[1] == "at content/news/october.pdf: page 2");
    }
    SUBCASE("a full name, a personal email address") {
        Lines found = check(test, page_declaring({}, content::PeopleDeclaration::listed),
                            [] {
                                auto inspection = newsletter({}, "Star of the week: Jonah Featherstone. jo@gmail.com");
                                inspection.images.clear();
                                return inspection;
                            }());
        REQUIRE(found.size() == 4);
        CHECK(found[0].starts_with("name.full-name: "));
        CHECK(found[1].starts_with("contact.personal: "));
        CHECK(found[2] == "at content/news/october.pdf: page 2");
    }
    SUBCASE("a document the gate could not read withholds the page with the reader's reason") {
        document::Inspection unreadable;
        unreadable.problem = media::Problem{"media.unreadable", "the PDF is encrypted"};
        CHECK(check(test, page_declaring({}), unreadable) ==
              Lines{"media.unreadable: october.pdf: the PDF is encrypted", "at content/news/october.md:5:5"});
    }
    SUBCASE("no people declaration at all") {
        Lines found = check(test, page_declaring({}, content::PeopleDeclaration::missing), newsletter({}, "Hello."));
        REQUIRE(!found.empty());
        CHECK(found[0] == "photo.undeclared: document 'october.pdf' does not say who is pictured in it");
    }
}

}  // TEST_SUITE

}  // namespace
}  // namespace sg::rules
