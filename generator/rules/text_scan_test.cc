#include "rules/text_scan.h"

#include <doctest/doctest.h>

#include "rules/test_context.h"

namespace sg::rules {
namespace {

using testing::TestContext;
using testing::findings;
using Lines = std::vector<std::string>;

// Scans `text` as `what` on a page picturing `pictured` (register ids); findings with their columns.
Lines scan(const std::string& text, bool describes_photo, const std::vector<std::string>& pictured_ids,
           const std::string& what = "the page") {
    TestContext test;
    std::vector<const consent::Person*> pictured;
    for (const auto& id : pictured_ids) pictured.push_back(test.people.find(id));
    diag::Diagnostics diagnostics;
    TextScope scope{text, [](size_t offset) { return diag::Location{"content/a.md", 1, static_cast<int>(offset) + 1}; },
                    describes_photo, what};
    scan_text(scope, "content/a.md", pictured, test.context(), diagnostics);
    Lines lines;
    for (const auto& d : diagnostics.all())
        lines.push_back(std::to_string(d.location.column) + ": " + d.rule + ": " + d.message);
    return lines;
}

TEST_SUITE("rules::text_scan") {

TEST_CASE("names and contacts in one piece of published text") {
    struct Case {
        std::string text;
        bool describes_photo;
        std::vector<std::string> pictured;
        Lines expected;
    };
    const Case cases[] = {
        {"Well done to Amelia for her reading.", false, {}, {}},
        {"Well done to Amelia Thornbury.", false, {},
         {"14: name.full-name: a pupil's full name (P0001 A.T.) appears in the page"}},
        {"Thornbury, Amelia won the prize.", false, {},
         {"1: name.full-name: a pupil's full name (P0001 A.T.) appears in the page"}},
        {"Jonah read his poem.", false, {"P0002"},
         {"1: name.with-photo: the name of a pupil pictured on this page (P0002 J.F.) appears in the page"}},
        {"Jonah read his poem.", false, {"P0001"}, {}},
        {"Amelia at the castle", true, {}, {"1: name.with-photo: a pupil's name (P0001 A.T.) appears in a photo's caption"}},
        {"Mrs Quillfeather's class at the castle", true, {}, {}},
        {"A card from Wilfred Ashdown.", false, {},
         {"13: photo.protected: a protected person (P0011 W.A.) is named in the page"}},
        {"Call the office on 01632 960001.", false, {}, {}},
        {"Call Jo on 07700 900123.", false, {},
         {"12: contact.personal: a phone number that is not the school's appears in the page: 07700 900123"}},
        {"Write to office@brookfield-test.example.", false, {}, {}},
        {"Write to jo.parent@mail.example.", false, {},
         {"10: contact.personal: an email address that is not the school's appears in the page: jo.parent@mail.example"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(scan(c.text, c.describes_photo, c.pictured, c.describes_photo ? "a photo's caption" : "the page") ==
              c.expected);
    }
}

TEST_CASE("a waiver excuses a waivable finding, reported as a warning or left out") {
    TestContext test;
    std::vector<const consent::Person*> pictured{test.people.find("P0002")};
    const std::string text = "Jonah read his poem. Call 07700 900123.";
    for (bool report : {true, false}) {
        CAPTURE(report);
        diag::Diagnostics diagnostics;
        std::vector<std::string> asked;
        TextScope scope{text, [](size_t) { return diag::Location{"content/a.md", 3, 1}; }, false, "the page"};
        scope.waived = [&](std::string_view rule, std::string_view subject,
                           const diag::Location&) -> std::optional<std::string> {
            asked.push_back(std::string(rule) + " " + std::string(subject));
            if (rule == "name.with-photo") return "his parents asked for his name with the poem";
            return std::nullopt;
        };
        scope.report_waived = report;
        scan_text(scope, "content/a.md", pictured, test.context(), diagnostics);
        CHECK(asked == Lines{"name.with-photo P0002", "contact.personal 07700 900123"});
        Lines expected{"contact.personal: a phone number that is not the school's appears in the page: 07700 900123"};
        if (report)
            expected.insert(expected.begin(),
                            "warning name.with-photo: the name of a pupil pictured on this page (P0002 J.F.) appears in "
                            "the page (waived: \"his parents asked for his name with the poem\")");
        CHECK(findings(diagnostics) == expected);
    }
}

TEST_CASE("line and column of a byte offset") {
    LineIndex lines("ab\ncd\n\nef");
    CHECK(lines.position(0) == std::pair{1, 1});
    CHECK(lines.position(4) == std::pair{2, 2});
    CHECK(lines.position(6) == std::pair{3, 1});
    CHECK(lines.position(8) == std::pair{4, 2});
}

}  // TEST_SUITE
}  // namespace
}  // namespace sg::rules
