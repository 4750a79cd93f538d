// Real-world PDFs as Debian ships them (.ci/install-deps installs both packages): LaTeX manuals
// with outlines, named destinations, an opening action and Type 1 fonts.
#include <doctest/doctest.h>

#include <chrono>

#include "document/pdf.h"
#include "document/test_support.h"

namespace sg::document {

using namespace testing;

TEST_SUITE("document::real") {
    TEST_CASE("the Debian-shipped manuals pass the gate and come out clean") {
        struct Case {
            const char* file;
            int pages;
            int page;  // 1-based
            const char* text;
        };
        const Case cases[] = {
            {"/usr/share/doc/libtasn1-doc/libtasn1.pdf", 36, 1, "Libtasn1"},
            {"/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf", 17, 1, "Shared MIME-info Database"},
        };
        for (const auto& c : cases) {
            CAPTURE(std::string(c.file));
            REQUIRE(std::filesystem::exists(c.file));
            auto start = std::chrono::steady_clock::now();
            Inspection inspection = inspect(c.file, Limits{}, media::FaceSettings{});
            auto inspected = std::chrono::steady_clock::now();
            REQUIRE_FALSE(inspection.problem);
            CHECK(inspection.pages == c.pages);
            REQUIRE(int(inspection.page_text.size()) == c.pages);
            CHECK(contains(inspection.page_text[c.page - 1], c.text));
            CAPTURE(joined(inspection.removed));
            CHECK(any_contains(inspection.removed, "Info dictionary ("));
            CHECK(any_contains(inspection.removed, "Creator, "));
            CHECK(any_contains(inspection.removed, "outlines (bookmarks)"));
            CHECK_FALSE(find_leftovers(util::read_file(c.file)).empty());

            Cleaned cleaned = rewrite_clean(c.file, Limits{});
            auto rewritten = std::chrono::steady_clock::now();
            REQUIRE_FALSE(cleaned.problem);
            CHECK(cleaned.pages == c.pages);
            CHECK(find_leftovers(cleaned.bytes).empty());
            auto text = page_text(cleaned.bytes);
            REQUIRE(text);
            CHECK(*text == inspection.page_text);
            CHECK(rewrite_clean(c.file, Limits{}).bytes == cleaned.bytes);
            MESSAGE(std::string(c.file) << ": inspect "
                           << std::chrono::duration_cast<std::chrono::milliseconds>(inspected - start).count()
                           << " ms, rewrite "
                           << std::chrono::duration_cast<std::chrono::milliseconds>(rewritten - inspected).count()
                           << " ms, " << util::read_file(c.file).size() << " -> " << cleaned.bytes.size() << " bytes");
        }
    }

    // A figure, not a check: run with --no-skip -tc='*20 pages*'.
    TEST_CASE("timing: a 20-page newsletter with 30 camera photos" * doctest::skip()) {
        const char* photos[] = {"Canon_40D.jpg", "Nikon_D70.jpg", "Olympus_C8080WZ.jpg", "Pentax_K10D.jpg",
                                "gps_DSCN0010.jpg", "gps_DSCN0012.jpg", "gps_DSCN0021.jpg", "gps_DSCN0025.jpg",
                                "gps_DSCN0027.jpg", "gps_DSCN0029.jpg", "mobile_jolla.jpg", "xmp_no_exif.jpg"};
        Document document;
        for (int page = 0; page < 20; ++page) {
            Page next{.lines = {"Page " + std::to_string(page + 1), "News from the classes this week."}};
            for (int i = (page * 3) / 2; i < ((page + 1) * 3) / 2; ++i) next.photos.push_back({fixture(photos[i % 12])});
            document.pages.push_back(next);
        }
        TempDir dir;
        auto file = dir.write("newsletter.pdf", make_pdf(document));
        auto start = std::chrono::steady_clock::now();
        Inspection inspection = inspect(file, Limits{}, media::FaceSettings{});
        auto inspected = std::chrono::steady_clock::now();
        Cleaned cleaned = rewrite_clean(file, Limits{});
        auto rewritten = std::chrono::steady_clock::now();
        REQUIRE_FALSE(inspection.problem);
        REQUIRE_FALSE(cleaned.problem);
        CHECK(inspection.images.size() == 30);
        MESSAGE("20 pages, 30 photos: inspect "
                << std::chrono::duration_cast<std::chrono::milliseconds>(inspected - start).count() << " ms, rewrite "
                << std::chrono::duration_cast<std::chrono::milliseconds>(rewritten - inspected).count() << " ms, "
                << std::filesystem::file_size(file) << " -> " << cleaned.bytes.size() << " bytes");
    }
}

}  // namespace sg::document
