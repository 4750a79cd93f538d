// Fuzzes the rules stage's check of rendered HTML: the HTML text extraction, the name matcher and
// the contact finder over every published piece, against a small fixed register.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string_view>

#include "rules/check.h"
#include "rules/html_text.h"
#include "rules/names.h"

namespace {

const char* const register_csv =
    "id,first_name,last_name,known_as,other_names,role,group,photo_website,photo_social,photo_newsletter,"
    "work_website,full_name_with_photo,granted_on,expires_on,withdrawn_on,left_on,protected\n"
    "P0001,Amelia,Thornbury,,,pupil,Year 3,yes,yes,yes,yes,no,2026-09-01,2027-08-31,,,\n"
    "P0002,Jonah,Featherstone,,Peregrine,pupil,Year 3,yes,no,yes,no,no,2026-09-01,2027-08-31,,,\n"
    "P0003,Priyanka,Oduya,Priya,,pupil,Year 4,no,no,no,yes,no,2026-09-01,2027-08-31,,,\n"
    "P0010,Zoë,Al-Rashid,Zee,,pupil,Year 2,yes,yes,yes,yes,no,2026-09-01,2027-08-31,,,\n"
    "P0011,Wilfred,O'Brien-Ashdown,Will,Fred;Freddie,pupil,Year 1,,,,,,,,,,yes\n"
    "S0001,Harriet,Quillfeather,,,staff,Year 3,yes,yes,yes,,,2026-09-01,2027-08-31,,,\n";

struct Fixture {
    sg::config::Config config;
    sg::consent::Register people;
    std::unique_ptr<sg::rules::NameMatcher> names;
    std::map<std::filesystem::path, sg::media::InspectResult> images;
    std::map<std::filesystem::path, sg::media::FaceResult> faces;
    std::map<std::filesystem::path, std::vector<sg::media::Box>> obscured;
    std::map<std::filesystem::path, sg::document::Inspection> documents;
    Fixture() {
        sg::diag::Diagnostics diagnostics;
        people = sg::consent::parse_register(register_csv, "register.csv", diagnostics);
        names = std::make_unique<sg::rules::NameMatcher>(people);
        config.contact.postcode = "BK4 7QT";
        config.contact.phone = "01632 960001";
        config.contact.email = "office@brookfield-test.example";
        config.contact.email_domains = {"brookfield-test.example"};
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static Fixture fixture;
    std::string_view html(reinterpret_cast<const char*>(data), size);
    sg::rules::Context context{fixture.config, fixture.people, *fixture.names, {2026, 11, 23}, fixture.images,
                               fixture.faces, fixture.obscured, fixture.documents};
    std::vector<const sg::consent::Person*> pictured{fixture.people.find("P0001")};
    sg::diag::Diagnostics diagnostics;
    sg::rules::check_rendered("news/fuzz/index.html", {}, sg::rules::published_text(html), pictured, context, diagnostics);
    for (const auto& match : fixture.names->find(html))
        if (match.begin > match.end || match.end > html.size()) __builtin_trap();
    return 0;
}
