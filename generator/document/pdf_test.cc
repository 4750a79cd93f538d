#include <doctest/doctest.h>

#include <qpdf/QPDF.hh>

#include "document/pdf.h"
#include "document/test_support.h"

namespace sg::document {
namespace {

using namespace testing;

const Document newsletter{
    .pages = {Page{.lines = {"Summer fair newsletter", "The school garden opened on Friday."},
                   .photos = {{fixture("gps_DSCN0010.jpg")}}},
              Page{.lines = {"Sports day", "Results are on the noticeboard."},
                   .photos = {{fixture("Olympus_C8080WZ.jpg")}}}},
};

Inspection inspect_bytes(const TempDir& dir, const std::string& bytes, const Limits& limits = {}) {
    return inspect(dir.write("document.pdf", bytes), limits, media::FaceSettings{});
}

Cleaned rewrite_bytes(const TempDir& dir, const std::string& bytes, const Limits& limits = {}) {
    return rewrite_clean(dir.write("document.pdf", bytes), limits);
}

}  // namespace

TEST_SUITE("document::pdf") {
    TEST_CASE("a newsletter: page texts, its photos with GPS and links, and a clean deterministic copy") {
        TempDir dir;
        std::string source = with_link(make_pdf(newsletter), "mailto:office@school.example");
        Inspection inspection = inspect_bytes(dir, source);
        CAPTURE(inspection.problem ? inspection.problem->message : "");
        REQUIRE_FALSE(inspection.problem);
        CHECK(inspection.pages == 2);
        REQUIRE(inspection.page_text.size() == 2);
        CHECK(contains(inspection.page_text[0], "Summer fair newsletter"));
        CHECK(contains(inspection.page_text[0], "The school garden opened on Friday."));
        CHECK(contains(inspection.page_text[1], "Results are on the noticeboard."));
        CHECK_FALSE(contains(inspection.page_text[1], "Summer fair"));
        REQUIRE(inspection.images.size() == 2);
        CHECK(inspection.images[0].page == 1);
        CHECK(inspection.images[0].encoding == "jpeg");
        CHECK(inspection.images[0].has_gps);
        CHECK(inspection.images[0].faces.empty());
        CHECK(inspection.images[1].page == 2);
        CHECK_FALSE(inspection.images[1].has_gps);
        CHECK(inspection.links == std::vector<std::string>{"mailto:office@school.example"});
        CAPTURE(joined(inspection.removed));
        CHECK(any_contains(inspection.removed, "Info dictionary (CreationDate, Producer)"));  // cairo
        CHECK(any_contains(inspection.removed, "metadata of 2 embedded JPEGs"));

        // The source's JPEGs carry EXIF, the GPS one a Nikon's make.
        REQUIRE(embedded_jpegs(source).size() == 2);
        CHECK_FALSE(media::find_metadata(embedded_jpegs(source)[0]).empty());
        CHECK(contains(source, "NIKON"));

        Cleaned cleaned = rewrite_bytes(dir, source);
        REQUIRE_FALSE(cleaned.problem);
        CHECK(cleaned.pages == 2);
        CHECK(find_leftovers(cleaned.bytes).empty());
        CHECK_FALSE(contains(cleaned.bytes, "NIKON"));
        CHECK_FALSE(contains(expanded(cleaned.bytes), "NIKON"));
        CHECK_FALSE(contains(cleaned.bytes, "/Info"));
        std::vector<std::string> jpegs = embedded_jpegs(cleaned.bytes);
        REQUIRE(jpegs.size() == 2);
        for (const auto& jpeg : jpegs) {
            CHECK(media::find_metadata(jpeg).empty());
            CHECK(media::testing::exiv2_finds(jpeg).empty());
        }
        auto text = page_text(cleaned.bytes);
        REQUIRE(text);
        CHECK(*text == inspection.page_text);

        // The link survives, as a URI action and nothing else.
        QPDF written;
        written.processMemoryFile("clean", cleaned.bytes.data(), cleaned.bytes.size());
        QPDFObjectHandle annotations = first_page(written).getKey("/Annots");
        REQUIRE(annotations.isArray());
        REQUIRE(annotations.getArrayNItems() == 1);
        CHECK(annotations.getArrayItem(0).getKey("/A").getKey("/URI").getStringValue() ==
              "mailto:office@school.example");

        // The same source gives the same bytes; the clean copy is its own clean copy's source.
        CHECK(rewrite_bytes(dir, source).bytes == cleaned.bytes);
        Inspection again = inspect_bytes(dir, cleaned.bytes);
        REQUIRE_FALSE(again.problem);
        CHECK(again.images.size() == 2);
        CHECK_FALSE(again.images[0].has_gps);
    }

    TEST_CASE("the Info dictionary and XMP are gone after the rewrite") {
        TempDir dir;
        std::string source = edit_pdf(make_pdf({.pages = {Page{.lines = {"Governors' report"}}}, .author = "Ada Lovelace"}),
                                      [](QPDF& qpdf) {
                                          qpdf.getRoot().replaceKey(
                                              "/Metadata",
                                              qpdf.newStream("<x:xmpmeta xmlns:x='adobe:ns:meta/'><dc:creator>Grace "
                                                             "Hopper</dc:creator></x:xmpmeta>"));
                                          qpdf.getRoot().getKey("/Metadata").getDict().replaceKey(
                                              "/Type", QPDFObjectHandle::newName("/Metadata"));
                                      });
        CHECK(contains(expanded(source), "Ada Lovelace"));
        CHECK(contains(expanded(source), "Grace Hopper"));
        CHECK(any_contains(find_leftovers(source), "Info dictionary"));
        CHECK(any_contains(find_leftovers(source), "XMP metadata"));
        Inspection inspection = inspect_bytes(dir, source);
        REQUIRE_FALSE(inspection.problem);
        CAPTURE(joined(inspection.removed));
        CHECK(any_contains(inspection.removed, "Info dictionary (Author, "));
        CHECK(any_contains(inspection.removed, "XMP metadata"));
        Cleaned cleaned = rewrite_bytes(dir, source);
        REQUIRE_FALSE(cleaned.problem);
        CHECK_FALSE(contains(expanded(cleaned.bytes), "Lovelace"));
        CHECK_FALSE(contains(expanded(cleaned.bytes), "Hopper"));
        CHECK(find_leftovers(cleaned.bytes).empty());
    }

    TEST_CASE("a photo's people tags and a detected face, in JPEG and as pixels") {
        TempDir dir;
        auto tagged = dir.copy(fixture("Canon_40D.jpg"), "tagged.jpg");
        media::testing::write_mwg_faces(tagged, {{"Ada Lovelace", media::Box{0.1, 0.1, 0.2, 0.2}}});
        std::string source = make_pdf({.pages = {Page{.lines = {"Trip"},
                                                      .photos = {{tagged},
                                                                 {fixture("xmp_no_exif.jpg")},
                                                                 {fixture("xmp_no_exif.jpg"), true}}}}});
        Inspection inspection = inspect_bytes(dir, source);
        REQUIRE_FALSE(inspection.problem);
        REQUIRE(inspection.images.size() == 3);
        CHECK(inspection.images[0].people_tags == std::vector<std::string>{"Ada Lovelace"});
        REQUIRE(inspection.images[0].face_regions.size() == 1);
        CHECK(inspection.images[0].face_regions[0].name == "Ada Lovelace");
        CHECK(inspection.images[1].encoding == "jpeg");
        CHECK(inspection.images[1].faces.size() == 1);
        CHECK(inspection.images[2].encoding == "pixels");
        CHECK(inspection.images[2].faces.size() == 1);
        if (inspection.images[2].faces.size() == 1 && inspection.images[1].faces.size() == 1) {
            CHECK(inspection.images[2].faces[0].x == doctest::Approx(inspection.images[1].faces[0].x).epsilon(0.05));
        }
        Cleaned cleaned = rewrite_bytes(dir, source);
        REQUIRE_FALSE(cleaned.problem);
        CHECK(contains(source, "Lovelace"));
        CHECK_FALSE(contains(expanded(cleaned.bytes), "Lovelace"));
    }

    TEST_CASE("bounds: bytes, pages, images and megapixels") {
        TempDir dir;
        std::string source = make_pdf(newsletter);
        struct Case {
            Limits limits;
            std::string message;
        };
        const Case cases[] = {
            {{.max_bytes = 1000}, "the PDF is " + std::to_string(source.size()) + " bytes, more than the limit of 1000"},
            {{.max_pages = 1}, "the PDF has 2 pages, more than the limit of 1"},
            {{.max_images = 1}, "the PDF has more images than the limit of 1"},
            {{.max_megapixels = 0.1}, "page 1: image "},
        };
        for (const auto& c : cases) {
            CAPTURE(c.message);
            Inspection inspection = inspect_bytes(dir, source, c.limits);
            REQUIRE(inspection.problem);
            CHECK(inspection.problem->rule == "media.too-large");
            CHECK(inspection.problem->message.rfind(c.message, 0) == 0);
            Cleaned cleaned = rewrite_bytes(dir, source, c.limits);
            REQUIRE(cleaned.problem);
            CHECK(cleaned.problem->rule == "media.too-large");
            CHECK(cleaned.bytes.empty());
        }
    }

    TEST_CASE("the fingerprint holds the bounds and the versions of the reader, poppler and qpdf") {
        std::string fingerprint = Limits{}.fingerprint();
        CHECK(contains(fingerprint, "pdf-reader="));
        CHECK(contains(fingerprint, "poppler=22."));
        CHECK(contains(fingerprint, "qpdf=" + QPDF::QPDFVersion()));
        CHECK(Limits{.max_pages = 10}.fingerprint() != fingerprint);
        CHECK(Limits{.max_megapixels = 10}.fingerprint() != fingerprint);
        CHECK(Limits{}.fingerprint() == fingerprint);
    }

    TEST_CASE("page_text reads PDF bytes and refuses what is not one") {
        auto text = page_text(make_pdf({.pages = {Page{.lines = {"One"}}, Page{.lines = {"Two"}}}}));
        REQUIRE(text);
        REQUIRE(text->size() == 2);
        CHECK(contains((*text)[1], "Two"));
        CHECK_FALSE(page_text("not a PDF"));
        CHECK_FALSE(page_text(""));
    }
}

}  // namespace sg::document
