// Test support for the rules: a Context over a small fictional register, with the image metadata,
// the faces found and the obscured regions a test fills in, as the pipeline's load and check
// steps would.
#pragma once
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rules/check.h"

namespace sg::rules::testing {

// Judged on 2026-11-23: P0001 may appear everywhere, P0002 on the website only, P0003 nowhere,
// P0004 objected, P0011 is protected; S0001 is staff with consent.
inline const char* const register_csv =
    "id,first_name,last_name,known_as,other_names,role,group,photo_website,photo_social,photo_newsletter,"
    "work_website,full_name_with_photo,granted_on,expires_on,withdrawn_on,left_on,protected\n"
    "P0001,Amelia,Thornbury,,,pupil,Year 3,yes,yes,yes,yes,no,2026-09-01,2027-08-31,,,\n"
    "P0002,Jonah,Featherstone,,Peregrine,pupil,Year 3,yes,no,yes,no,no,2026-09-01,2027-08-31,,,\n"
    "P0003,Priyanka,Oduya,Priya,,pupil,Year 4,no,no,no,yes,no,2026-09-01,2027-08-31,,,\n"
    "P0004,Tobias,Wrenfield,,,pupil,Year 4,objected,no,no,no,no,2026-09-01,2027-08-31,,,\n"
    "P0011,Wilfred,Ashdown,,,pupil,Year 1,,,,,,,,,,yes\n"
    "S0001,Harriet,Quillfeather,,,staff,Year 3,yes,yes,yes,,,2026-09-01,2027-08-31,,,\n";

struct TestContext {
    config::Config config;
    consent::Register people;
    std::unique_ptr<NameMatcher> names;
    util::Date date{2026, 11, 23};
    std::map<std::filesystem::path, media::InspectResult> images;
    std::map<std::filesystem::path, media::FaceResult> faces;
    std::map<std::filesystem::path, std::vector<media::Box>> obscured;
    std::map<std::filesystem::path, document::Inspection> documents;

    TestContext() {
        diag::Diagnostics diagnostics;
        people = consent::parse_register(register_csv, "consent/register.csv", diagnostics);
        REQUIRE(!diagnostics.has_errors());
        names = std::make_unique<NameMatcher>(people);
        config.school_name = "Brookfield Test School";
        config.contact.postcode = "BK4 7QT";
        config.contact.phone = "01632 960001";
        config.contact.email = "office@brookfield-test.example";
        config.contact.email_domains = {"brookfield-test.example"};
    }
    Context context() const { return {config, people, *names, date, images, faces, obscured, documents}; }
};

// Messages as "rule: message" lines, in the order they were found.
inline std::vector<std::string> findings(const diag::Diagnostics& diagnostics) {
    std::vector<std::string> lines;
    for (const auto& d : diagnostics.all())
        lines.push_back(std::string(d.severity == diag::Severity::error ? "" : "warning ") + d.rule + ": " + d.message);
    return lines;
}

}  // namespace sg::rules::testing

// Lists of findings print one per line when a check fails.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
    static doctest::String convert(const std::vector<std::string>& lines) {
        std::string text = "{";
        for (const auto& line : lines) text += "\n  " + line;
        return (text + "\n}").c_str();
    }
};
