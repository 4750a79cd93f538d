// End to end: PDF documents (newsletters, policies) through the gate. Real PDFs, made here with
// cairo's PDF surface (text, and camera JPEGs embedded as they are, metadata and all), declared
// under `documents:`, checked page by page like a page's text and a photo's people, and published
// only as a clean copy under a content-hash name.
#include <doctest/doctest.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <filesystem>
#include <vips/vips8>

#include "document/pdf.h"
#include "site_build.h"
#include "temp_site.h"
#include "util/fs.h"

namespace fs = std::filesystem;
using sg::pipeline::Status;
using sg::testing::TempSite;
using sg::testing::build;
using sg::testing::printed;
using sg::testing::published;
using sg::testing::rules_withholding;

namespace {

cairo_status_t append_to(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// An A4 PDF: one page per entry of `pages`, each a list of lines of text; the JPEG files of
// `photos` are drawn on the first page, embedded as they are (cairo passes JPEG data through).
std::string make_pdf(const std::vector<std::vector<std::string>>& pages, const std::vector<fs::path>& photos = {}) {
    std::string bytes;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to, &bytes, 595, 842);
    cairo_t* cr = cairo_create(surface);
    for (size_t number = 0; number < pages.size(); ++number) {
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, 12);
        double y = 60;
        for (const std::string& line : pages[number]) {
            cairo_move_to(cr, 50, y);
            cairo_show_text(cr, line.c_str());
            y += 18;
        }
        if (number == 0)
            for (const fs::path& photo : photos) {
                vips::VImage header = vips::VImage::new_from_file(photo.c_str());
                cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, header.width(), header.height());
                auto* jpeg = new std::string(sg::util::read_file(photo));
                cairo_surface_set_mime_data(image, CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(jpeg->data()),
                                            jpeg->size(), [](void* data) { delete static_cast<std::string*>(data); }, jpeg);
                double scale = 400.0 / header.width();
                cairo_save(cr);
                cairo_translate(cr, 50, y + 20);
                cairo_scale(cr, scale, scale);
                cairo_set_source_surface(cr, image, 0, 0);
                cairo_paint(cr);
                cairo_restore(cr);
                y += 40 + header.height() * scale;
                cairo_surface_destroy(image);
            }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    REQUIRE(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(surface);
    return bytes;
}

fs::path fixture(const std::string& name) { return fs::path(SG_FIXTURES_DIR) / "camera" / name; }

// A news post linking content/news/october.pdf, declared with `people`.
std::string newsletter_post(const std::string& people) {
    return "---\ntitle: October newsletter\ndate: 2026-10-30\ndocuments:\n  - src: october.pdf\n"
           "    title: October newsletter\n    people: " + people + "\n---\n"
           "Read [the October newsletter](october.pdf) for the term's dates.\n";
}

const std::vector<std::string> dates_page = {"Brookfield Test School: October newsletter",
                                             "Harvest festival: 16 October, in the hall.",
                                             "Half term: 26 to 30 October."};

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
               make_pdf({dates_page, {"Our new reading garden is open."}}, {fixture("gps_DSCN0010.jpg")}));
    site.write("content/news/october.md", newsletter_post("[]"));
    std::string source = site.read("content/news/october.pdf");
    REQUIRE(source.find("NIKON") != std::string::npos);  // the camera's EXIF went in with the photo

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

TEST_CASE("a personal email address in a document is contact.personal") {
    TempSite site;
    site.write("content/news/october.pdf", make_pdf({{"Questions? Write to jo.parent1987@gmail.com"}}));
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

}  // TEST_SUITE
