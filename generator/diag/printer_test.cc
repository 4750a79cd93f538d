#include "diag/printer.h"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

TEST_SUITE("diag::printer") {

TEST_CASE("a diagnostic prints like a compiler error: place, line, caret, hint") {
    fs::path dir = fs::temp_directory_path() / "sg-printer-test";
    fs::create_directories(dir / "content" / "news");
    fs::create_directories(dir / "consent");
    std::ofstream(dir / "content" / "news" / "trip.md") << "---\ntitle: Trip\n---\n\tZoë and Amelia went.\n";
    std::ofstream(dir / "consent" / "register.csv") << "id,first_name\nP0001,Amelia\n";

    sg::diag::Printer printer(dir);
    std::ostringstream out;
    SUBCASE("the caret lines up under tabs and multi-byte characters") {
        printer.print(out, {sg::diag::Severity::error, "name.with-photo", {"content/news/trip.md", 4, 12}, "a name",
                            "remove it", "content/news/trip.md"});
        CHECK(out.str() ==
              "content/news/trip.md:4:12: error: a name [name.with-photo]\n"
              "    \tZoë and Amelia went.\n"
              "    \t         ^\n"
              "  hint: remove it\n");
    }
    SUBCASE("no line, no caret") {
        printer.print(out, {sg::diag::Severity::warning, "photo.unidentifiable", {"content/news/trip.md", 0, 0}, "m", "",
                            ""});
        CHECK(out.str() == "content/news/trip.md: warning: m [photo.unidentifiable]\n");
    }
    SUBCASE("the register is personal data: its lines are never echoed") {
        printer.print(out, {sg::diag::Severity::error, "register.invalid", {"consent/register.csv", 2, 7}, "bad", "", ""});
        CHECK(out.str() == "consent/register.csv:2:7: error: bad [register.invalid]\n");
    }
    fs::remove_all(dir);
}

TEST_CASE("diagnostics are sorted by place and exact duplicates dropped") {
    sg::diag::Diagnostics diagnostics;
    diagnostics.error("name.full-name", {"b.md", 2, 1}, "x", "", "b.md");
    diagnostics.error("name.full-name", {"a.md", 9, 1}, "x", "", "a.md");
    diagnostics.error("name.full-name", {"b.md", 2, 1}, "x", "", "b.md");
    diagnostics.warning("photo.unidentifiable", {"a.md", 1, 1}, "y", "", "a.md");
    diagnostics.sort_and_deduplicate();
    REQUIRE(diagnostics.all().size() == 3);
    CHECK(diagnostics.all()[0].location.path == "a.md");
    CHECK(diagnostics.all()[0].location.line == 1);
    CHECK(diagnostics.error_count() == 2);
    CHECK(diagnostics.warning_count() == 1);
    CHECK(diagnostics.withholds("b.md"));
    CHECK(!diagnostics.withholds("c.md"));
}

}  // TEST_SUITE
