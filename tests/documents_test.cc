// End to end: PDF documents (newsletters, policies) through the gate. Real PDFs, made here with
// cairo's PDF surface (text, and camera JPEGs embedded as they are, metadata and all), declared
// under `documents:`, checked page by page like a page's text and a photo's people, and published
// only as a clean copy under a content-hash name.
#include <doctest/doctest.h>

#include <filesystem>

#include "document/pdf.h"
#include "document/test_support.h"
#include "process.h"
#include "site_build.h"
#include "temp_site.h"
#include "util/fs.h"

namespace fs = std::filesystem;
using sg::document::testing::make_pdf;
using sg::media::testing::fixture;
using sg::document::testing::with_link;
using sg::pipeline::Status;
using sg::testing::TempSite;
using sg::testing::build;
using sg::testing::printed;
using sg::testing::published;
using sg::testing::rules_withholding;

namespace {

// A PDF of pages of text, the photos (camera JPEGs, embedded as they are) on the first page.
std::string make_pdf(const std::vector<std::vector<std::string>>& pages, const std::vector<fs::path>& photos = {},
                     const std::string& author = {}) {
    sg::document::testing::Document document;
    for (const auto& lines : pages) document.pages.push_back({lines, {}, {}});
    for (const fs::path& photo : photos) document.pages.front().photos.push_back({photo, false});
    document.author = author;
    return make_pdf(document);
}


// A news post linking content/news/october.pdf, declared with `people`.
std::string newsletter_post(const std::string& people) {
    return "---\ntitle: October newsletter\ndate: 2026-10-30\ndocuments:\n  - src: october.pdf\n"
           "    title: October newsletter\n    people: " + people + "\n---\n"
           "Read [the October newsletter](october.pdf) for the term's dates.\n";
}

const std::vector<std::string> dates_page = {"Brookfield Test School: October newsletter",
                                             "Harvest festival: 16 October, in the hall.",
                                             "Half term: 26 to 30 October."};

// `schoolgate --source SITE ARGS`, as a user runs it.
sg::testing::Run schoolgate(const TempSite& site, const std::string& args) {
    return sg::testing::shell(site.root(), sg::testing::schoolgate_command() + " --source " +
                                               sg::testing::sh_quote(site.root().string()) + " " + args);
}

const std::string on_test_date = std::string(" --date ") + sg::testing::test_date;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The files under site/documents/.
std::vector<fs::path> published_documents(const TempSite& site) {
    std::vector<fs::path> files;
    if (!fs::exists(site.site() / "documents")) return files;
    for (const auto& entry : fs::directory_iterator(site.site() / "documents")) files.push_back(entry.path());
    return files;
}

}  // namespace

TEST_SUITE("e2e::documents") {

TEST_CASE("a clean newsletter with a camera photo is published as a clean copy, linked with its size and pages") {
    TempSite site;
    site.write("content/news/october.pdf",
               with_link(make_pdf({dates_page, {"Our new reading garden is open."}}, {fixture("gps_DSCN0010.jpg")},
                                  "A. Teacher"),
                         "https://www.brookfield-test.example/term-dates/"));
    site.write("content/news/october.md", newsletter_post("[]"));
    std::string source = site.read("content/news/october.pdf");
    REQUIRE(source.find("NIKON") != std::string::npos);  // the camera's EXIF went in with the photo
    REQUIRE(source.find("A. Teacher") != std::string::npos);

    auto result = build(site);
    INFO(printed(site, result));
    REQUIRE(result.status == Status::published);
    CHECK(result.documents_written == 1);

    std::vector<fs::path> written = published_documents(site);
    REQUIRE(written.size() == 1);
    std::string clean = sg::util::read_file(written.front());
    CHECK(written.front().filename().string().size() == 16 + 4);  // a content hash, never "october.pdf"
    CHECK(clean.find("NIKON") == std::string::npos);
    CHECK(clean.find("/Producer") == std::string::npos);  // cairo's Info dictionary is gone
    CHECK(clean.find("A. Teacher") == std::string::npos);
    CHECK(clean.find("/URI") != std::string::npos);  // the link to the school's own page stays
    CHECK(sg::document::find_leftovers(clean).empty());
    auto text = sg::document::page_text(clean);
    REQUIRE(text);
    REQUIRE(text->size() == 2);
    CHECK((*text)[0].find("Harvest festival") != std::string::npos);
    CHECK(source == site.read("content/news/october.pdf"));  // the source is never modified

    std::string html = site.read("site/news/october/index.html");
    std::string url = "../../documents/" + written.front().filename().string();
    CHECK(html.find("<a href=\"" + url + "\">the October newsletter</a>") != std::string::npos);
    CHECK(html.find(">October newsletter</a> <span class=\"document-meta\">(PDF, ") != std::string::npos);
    CHECK(html.find(", 2 pages)</span>") != std::string::npos);
    CHECK(html.find("october.pdf") == std::string::npos);

    std::string record = site.read(".schoolgate/build-record.json");
    CHECK(record.find("\"documents/" + written.front().filename().string() + "\"") != std::string::npos);
    CHECK(record.find("[October newsletter, page 2]") != std::string::npos);  // review diffs its words

    SUBCASE("a second build reads and cleans it from the cache, and publishes the same bytes") {
        auto again = build(site);
        CHECK(again.status == Status::published);
        CHECK(again.documents_read == 0);
        CHECK(again.documents_from_cache == 1);
        CHECK(published_documents(site) == written);
        CHECK(sg::util::read_file(written.front()) == clean);
    }
    SUBCASE("a cached clean copy whose bytes changed is not trusted: it is made again") {
        int tampered = 0;
        for (const auto& entry : fs::directory_iterator(site.root() / ".schoolgate/cache/entries"))
            if (entry.path().filename().string().find("-clean-pdf-") != std::string::npos) {
                std::string bytes = sg::util::read_file(entry.path());
                bytes.replace(bytes.size() - 40, 10, "/JS (x) >>");
                sg::util::write_file_atomic(entry.path(), bytes);
                ++tampered;
            }
        REQUIRE(tampered == 1);
        auto again = build(site);
        CHECK(again.status == Status::published);
        CHECK(published_documents(site) == written);
        CHECK(sg::util::read_file(written.front()) == clean);
    }
}

TEST_CASE("a pupil's full name in a document withholds the page, located by the PDF's page") {
    TempSite site;
    site.write("content/news/october.pdf", make_pdf({dates_page, {"Star of the week: Amelia Thornbury, Year 3."}}));
    site.write("content/news/october.md", newsletter_post("[]"));
    auto result = build(site);
    CHECK(result.status == Status::withheld);
    CHECK(rules_withholding(result, "content/news/october.md") == std::vector<std::string>{"name.full-name"});
    CHECK(printed(site, result).find("content/news/october.pdf: page 2: error: ") != std::string::npos);
    CHECK(!published(result, "news/october/index.html"));
    CHECK(published_documents(site).empty());
}

TEST_CASE("the first name of a pupil pictured in the document is name.with-photo") {
    TempSite site;
    site.write("content/news/october.pdf",
               make_pdf({{"Well done, Amelia, for the poster competition."}}, {fixture("xmp_no_exif.jpg")}));
    SUBCASE("declared: consent is fine, but the first name stands beside the photo") {
        site.write("content/news/october.md", newsletter_post("[P0001]"));
        auto result = build(site);
        CHECK(rules_withholding(result, "content/news/october.md") == std::vector<std::string>{"name.with-photo"});
        CHECK(printed(site, result).find("content/news/october.pdf: page 1: error: ") != std::string::npos);
    }
    SUBCASE("the same text without a photo of her is fine") {
        site.write("content/news/october.pdf", make_pdf({{"Well done, Amelia, for the poster competition."}}));
        site.write("content/news/october.md", newsletter_post("[]"));
        auto result = build(site);
        INFO(printed(site, result));
        CHECK(result.status == Status::published);
    }
}

TEST_CASE("a face in a document's photo must be declared, and the people declared need consent") {
    TempSite site;
    site.write("content/news/october.pdf", make_pdf({{"Film club starts on Tuesday."}}, {fixture("xmp_no_exif.jpg")}));
    SUBCASE("people: [] with a face in the photo") {
        site.write("content/news/october.md", newsletter_post("[]"));
        auto result = build(site);
        CHECK(rules_withholding(result, "content/news/october.md") == std::vector<std::string>{"photo.undeclared-faces"});
        CHECK(printed(site, result).find("content/news/october.pdf: page 1: error: picture 1 (") != std::string::npos);
    }
    SUBCASE("declared, with consent: published") {
        site.write("content/news/october.md", newsletter_post("[P0001]"));
        auto result = build(site);
        INFO(printed(site, result));
        CHECK(result.status == Status::published);
    }
    SUBCASE("declared, but the parents objected") {
        site.write("content/news/october.md", newsletter_post("[P0004]"));
        auto result = build(site);
        CHECK(rules_withholding(result, "content/news/october.md") == std::vector<std::string>{"photo.no-consent"});
    }
    SUBCASE("no people declaration at all") {
        site.write("content/news/october.md",
                   "---\ntitle: October\ndate: 2026-10-30\ndocuments:\n  - src: october.pdf\n    title: October\n---\n");
        auto result = build(site);
        CHECK(rules_withholding(result, "content/news/october.md") == std::vector<std::string>{"photo.undeclared"});
    }
}

TEST_CASE("a personal email address in a document is contact.personal, in its text or behind a link") {
    TempSite site;
    SUBCASE("in the text") {
        site.write("content/news/october.pdf", make_pdf({{"Questions? Write to jo.parent1987@gmail.com"}}));
    }
    SUBCASE("behind a link") {
        site.write("content/news/october.pdf",
                   with_link(make_pdf({{"Questions? Write to us."}}), "mailto:jo.parent1987@gmail.com"));
    }
    site.write("content/news/october.md", newsletter_post("[]"));
    auto result = build(site);
    CHECK(rules_withholding(result, "content/news/october.md") == std::vector<std::string>{"contact.personal"});
}

TEST_CASE("a PDF the gate cannot read withholds the page: truncated, or not a PDF at all") {
    TempSite site;
    std::string whole = make_pdf({dates_page});
    SUBCASE("truncated") { site.write("content/news/october.pdf", whole.substr(0, whole.size() / 2)); }
    SUBCASE("a Word file renamed") { site.write("content/news/october.pdf", "PK\x03\x04 not a PDF at all"); }
    site.write("content/news/october.md", newsletter_post("[]"));
    auto result = build(site);
    CHECK(result.status == Status::withheld);
    CHECK(rules_withholding(result, "content/news/october.md") == std::vector<std::string>{"media.unreadable"});
    CHECK(published_documents(site).empty());
}

TEST_CASE("a link to a PDF the page does not declare, or to a Word file, withholds the page") {
    TempSite site;
    site.write("content/news/october.pdf", make_pdf({dates_page}));
    SUBCASE("undeclared PDF") {
        site.write("content/news/october.md", "---\ntitle: October\ndate: 2026-10-30\n---\nRead [it](october.pdf).\n");
        auto result = build(site);
        CHECK(rules_withholding(result, "content/news/october.md") == std::vector<std::string>{"document.undeclared"});
        CHECK(printed(site, result).find("content/news/october.md:5:6: error: link to the PDF 'october.pdf', which is "
                                         "not declared in the front matter [document.undeclared]") != std::string::npos);
    }
    SUBCASE("a Word file, with the way out") {
        site.write("content/news/october.md", "---\ntitle: October\ndate: 2026-10-30\n---\nRead [it](october.docx).\n");
        auto result = build(site);
        CHECK(rules_withholding(result, "content/news/october.md") == std::vector<std::string>{"media.unsupported"});
        CHECK(printed(site, result).find("hint: export it as a PDF") != std::string::npos);
    }
}

TEST_CASE("the editorial cycle covers documents: review diffs their words, approval covers their bytes, impact finds them") {
    TempSite site;
    site.write("content/news/october.pdf", make_pdf({{"Harvest festival: 16 October, in the hall."}},
                                                    {fixture("xmp_no_exif.jpg")}));
    site.write("content/news/october.md", newsletter_post("[P0001]"));
    sg::testing::Run built = schoolgate(site, "build" + on_test_date);
    REQUIRE_MESSAGE(built.status == 0, built.err);
    REQUIRE(schoolgate(site, "approve --by 'A. Head'").status == 0);

    // The newsletter is corrected: the same page, a new PDF.
    site.write("content/news/october.pdf", make_pdf({{"Harvest festival: 17 October, in the hall."}},
                                                    {fixture("xmp_no_exif.jpg")}));
    sg::testing::Run review = schoolgate(site, "review" + on_test_date);
    INFO(review.out << review.err);
    CHECK(has(review.out, "      … newsletter, page 1] Harvest festival: [-16-]{+17+} October, in the hall.\n"));
    CHECK(has(review.out, "Documents added (1):\n  + news/october/index.html: october.pdf \"October newsletter\"\n"
                          "      P0001 A.T.: website consent"));
    CHECK(has(review.out, "Documents removed (1):\n  - news/october/index.html: october.pdf"));

    sg::testing::Run gated = schoolgate(site, "build --require-approval" + on_test_date);
    CHECK(gated.status == 1);
    CHECK(has(gated.err, "this page, one of its images or documents, or the approved lists of schoolgate.yml changed "
                         "since the last editorial approval"));

    sg::testing::Run impact = schoolgate(site, "consent impact P0001" + on_test_date);
    INFO(impact.out << impact.err);
    CHECK(has(impact.out, "pictured in october.pdf (declared)"));
}

}  // TEST_SUITE
