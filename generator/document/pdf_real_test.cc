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
            CAPTURE(c.file);
            REQUIRE(std::filesystem::exists(c.file));
            auto start = std::chrono::steady_clock::now();
            Inspection inspection = inspect(c.file, Limits{}, media::FaceSettings{});
            auto inspected = std::chrono::steady_clock::now();
            REQUIRE_FALSE(inspection.problem);
            CHECK(inspection.pages == c.pages);
            REQUIRE(int(inspection.page_text.size()) == c.pages);
            CHECK(contains(inspection.page_text[c.page - 1], c.text));
            CAPTURE(joined(inspection.removed));
            CHECK(any_contains(inspection.removed, "Info dictionary (Author, Creator"));
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
            MESSAGE(c.file << ": inspect "
                           << std::chrono::duration_cast<std::chrono::milliseconds>(inspected - start).count()
                           << " ms, rewrite "
                           << std::chrono::duration_cast<std::chrono::milliseconds>(rewritten - inspected).count()
                           << " ms, " << util::read_file(c.file).size() << " -> " << cleaned.bytes.size() << " bytes");
        }
    }
}

}  // namespace sg::document
