#include "content/waivers.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace sg::content {
namespace {

// "line:col: severity: message [rule]" for each diagnostic.
std::vector<std::string> describe(const diag::Diagnostics& diagnostics) {
    std::vector<std::string> out;
    for (const diag::Diagnostic& d : diagnostics.all())
        out.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " +
                      (d.severity == diag::Severity::error ? "error: " : "warning: ") + d.message + " [" + d.rule +
                      "]");
    return out;
}

}  // namespace

TEST_SUITE("content::waivers") {

TEST_CASE("a waiver names a rule and a reason, and covers the block after it") {
    // The body starts on source line 5.
    const std::string body =
        "Intro.\n"
        "\n"
        "<!-- schoolgate: allow name.with-photo \"Grace is the ship, not a pupil\" -->\n"
        "The Grace sailed\n"
        "into the harbour.\n"
        "\n"
        "Grace again.\n";
    diag::Diagnostics diagnostics;
    std::vector<Waiver> waivers = parse_waivers(body, 5, "content/news/ship.md", diagnostics);
    REQUIRE(waivers.size() == 1);
    CHECK(waivers[0].rule == "name.with-photo");
    CHECK(waivers[0].reason == "Grace is the ship, not a pupil");
    CHECK(waivers[0].first_line == 8);
    CHECK(waivers[0].last_line == 9);
    CHECK(waivers[0].covers({"content/news/ship.md", 8, 5}));
    CHECK(waivers[0].covers({"content/news/ship.md", 9, 1}));
    CHECK(!waivers[0].covers({"content/news/ship.md", 7, 1}));
    CHECK(!waivers[0].covers({"content/news/ship.md", 11, 1}));
    CHECK(!waivers[0].covers({"content/news/other.md", 8, 1}));
    CHECK(describe(diagnostics) ==
          std::vector<std::string>{"7:1: warning: waiver: name.with-photo is allowed on lines 8-9 (\"Grace is the "
                                   "ship, not a pupil\") [name.with-photo]"});
}

TEST_CASE("waivers that cannot be honoured are errors") {
    struct Case {
        std::string body;
        std::string diagnostic;
    };
    const Case cases[] = {
        {"<!-- schoolgate: allow name.full-name \"a ship\" -->\nText",
         "1:1: error: a pupil's full name can never be waived [name.full-name] [content.invalid]"},
        {"<!-- schoolgate: allow photo.protected \"a ship\" -->\nText",
         "1:1: error: a protected person can never be waived [photo.protected] [content.invalid]"},
        {"<!-- schoolgate: allow photo.no-consent \"a ship\" -->\nText",
         "1:1: error: 'photo.no-consent' cannot be waived: only name.with-photo and contact.personal findings in "
         "the text can [content.invalid]"},
        {"<!-- schoolgate: allow name.with-photo -->\nText",
         "1:1: error: a waiver needs a reason in double quotes, saying why this is not about a pupil "
         "[content.invalid]"},
        {"<!-- schoolgate: allow name.with-photo \"  \" -->\nText",
         "1:1: error: a waiver needs a reason in double quotes, saying why this is not about a pupil "
         "[content.invalid]"},
        {"<!-- schoolgate: allow -->\nText", "1:1: error: a waiver must name the rule it allows [content.invalid]"},
        {"<!-- SchoolGate: permit name.with-photo \"x\" -->\nText",
         "1:1: error: unknown schoolgate comment 'permit': the only one is 'allow' [content.invalid]"},
        {"Text <!-- schoolgate: allow name.with-photo \"x\" -->",
         "1:6: error: a waiver must stand on its own line, just before the text it applies to [content.invalid]"},
        {"<!-- schoolgate: allow name.with-photo \"x\" -->\n\nText",
         "1:1: error: a waiver must be followed by the text it applies to, with no blank line between "
         "[content.invalid]"},
        {"Text\n<!-- schoolgate: allow name.with-photo \"x\" -->",
         "2:1: error: a waiver must be followed by the text it applies to, with no blank line between "
         "[content.invalid]"},
        {"<!-- schoolgate: allow name.with-photo \"x\"\nText",
         "1:1: error: a schoolgate comment is opened but never closed with --> [content.invalid]"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.body);
        diag::Diagnostics diagnostics;
        CHECK(parse_waivers(c.body, 1, "p.md", diagnostics).empty());
        CHECK(describe(diagnostics) == std::vector<std::string>{c.diagnostic});
        CHECK(diagnostics.withholds("p.md"));
    }
}

TEST_CASE("waiver comments are removed for publishing and blanked for the source checks") {
    const std::string text = "a\n<!-- schoolgate: allow name.with-photo \"x\"\n -->\nb <!-- other --> c";
    CHECK(remove_waiver_comments(text) == "a\n\nb <!-- other --> c");
    std::string blanked = blank_waiver_comments(text);
    CHECK(blanked.size() == text.size());
    CHECK(blanked == "a\n" + std::string(42, ' ') + "\n    \nb <!-- other --> c");
    CHECK(remove_waiver_comments("<!--schoolgate: never closed") == "");
    CHECK(remove_waiver_comments("<!-- a note about schoolgate: fine -->") ==
          "<!-- a note about schoolgate: fine -->");
}

}  // TEST_SUITE

}  // namespace sg::content
