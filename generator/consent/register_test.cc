#include "consent/register.h"

#include "consent/test_fixture.h"

namespace sg::consent {

namespace fs = std::filesystem;
using testing::header;
using testing::load;

TEST_SUITE("consent::register") {

TEST_CASE("a register with every column") {
    auto loaded = load(
        "id,first_name,last_name,known_as,other_names,role,group,photo_website,photo_social,photo_newsletter,"
        "work_website,full_name_with_photo,granted_on,expires_on,withdrawn_on,left_on,protected\n"
        "P0001,Amelia,Test,Millie,Rose; Tessa ;,pupil,Year 3,yes,NO,Objected,yes,no,2025-09-01,2026-07-31,,,\n"
        "S0003, Bodhi ,Example,,,Staff,, yes ,,,,,2025-09-01,,2026-01-05,2026-03-31,YES\n");
    REQUIRE(loaded.printed == "");
    REQUIRE(loaded.people.people().size() == 2);
    const Person* pupil = loaded.people.find("P0001");
    REQUIRE(pupil);
    CHECK(pupil->line == 2);
    CHECK(pupil->first_name == "Amelia");
    CHECK(pupil->last_name == "Test");
    CHECK(pupil->known_as == "Millie");
    CHECK(pupil->other_names == std::vector<std::string>{"Rose", "Tessa"});
    CHECK(pupil->role == Role::pupil);
    CHECK(pupil->group == "Year 3");
    CHECK(pupil->photo == std::array{Permission::yes, Permission::no, Permission::objected});
    CHECK(pupil->work_website == Permission::yes);
    CHECK(pupil->full_name_with_photo == Permission::no);
    CHECK(pupil->granted_on == util::Date{2025, 9, 1});
    CHECK(pupil->expires_on == util::Date{2026, 7, 31});
    CHECK_FALSE(pupil->withdrawn_on);
    CHECK_FALSE(pupil->left_on);
    CHECK_FALSE(pupil->is_protected);
    CHECK(pupil->redacted() == "P0001 M.T.");

    const Person* staff = loaded.people.find("S0003");
    REQUIRE(staff);
    CHECK(staff->line == 3);
    CHECK(staff->first_name == "Bodhi");
    CHECK(staff->role == Role::staff);
    CHECK(staff->photo == std::array{Permission::yes, Permission::blank, Permission::blank});
    CHECK(staff->withdrawn_on == util::Date{2026, 1, 5});
    CHECK(staff->left_on == util::Date{2026, 3, 31});
    CHECK(staff->is_protected);
    CHECK(staff->redacted() == "S0003 B.E.");
    CHECK(loaded.people.find("P0002") == nullptr);
}

TEST_CASE("absent optional columns read as blank") {
    auto loaded = load("id,first_name,last_name,role,photo_website\nP0001,amelia,Test,pupil,\n");
    REQUIRE(loaded.printed == "");
    const Person& person = loaded.people.people().at(0);
    CHECK(person.photo == std::array{Permission::blank, Permission::blank, Permission::blank});
    CHECK(person.work_website == Permission::blank);
    CHECK_FALSE(person.granted_on);
    CHECK_FALSE(person.is_protected);
    CHECK(person.redacted() == "P0001 A.T.");
}

TEST_CASE("BOM, CRLF, quoted commas and quotes, and a field over two lines keep line numbers right") {
    std::string csv =
        "\xEF\xBB\xBFid,first_name,last_name,role,group,photo_website\r\n"
        "P0001,Amelia,Test,pupil,\"Year 3, Oak\",yes\r\n"
        "\r\n"
        "P0002,\"Bodhi \"\"B\"\"\",Example,pupil,\"Year 4\r\nWillow\",yes\r\n"
        "P0003,Cara,Sample,pupil,Year 5,yes\r\n";
    SUBCASE("valid") {
        auto loaded = load(csv);
        REQUIRE(loaded.printed == "");
        REQUIRE(loaded.people.people().size() == 3);
        CHECK(loaded.people.find("P0001")->group == "Year 3, Oak");
        CHECK(loaded.people.find("P0002")->first_name == "Bodhi \"B\"");
        CHECK(loaded.people.find("P0002")->group == "Year 4\r\nWillow");
        CHECK(loaded.people.find("P0002")->line == 4);
        CHECK(loaded.people.find("P0003")->line == 6);
    }
    SUBCASE("an error in the cell after the multi-line field") {
        auto loaded = load("id,first_name,last_name,role,group,photo_website\n"
                           "P0002,Bodhi,Example,pupil,\"Year 4\nWillow\",maybe\n");
        CHECK(loaded.printed ==
              "register.csv:3:9: error: unknown value 'maybe' in column photo_website [register.invalid]\n"
              "    Willow\",maybe\n"
              "            ^\n"
              "  hint: allowed: yes, no, objected, or blank\n");
    }
    SUBCASE("an error on the row after it") {
        auto loaded = load(csv + "P0004,Dev,Sample,pupil,Year 6,maybe\r\n");
        CHECK(loaded.printed ==
              "register.csv:7:31: error: unknown value 'maybe' in column photo_website [register.invalid]\n"
              "    P0004,Dev,Sample,pupil,Year 6,maybe\n"
              "                                  ^\n"
              "  hint: allowed: yes, no, objected, or blank\n");
        CHECK(loaded.people.people().empty());
    }
}

TEST_CASE("a Windows-1252 export is refused at the first byte that is not UTF-8") {
    auto loaded = load("id,first_name,last_name,role,photo_website\nP0001,Zo\xEB,Test,pupil,yes\n");
    CHECK(loaded.diagnostics.error_count() == 1);
    const auto& d = loaded.diagnostics.all().at(0);
    CHECK(d.location.path == "register.csv");
    CHECK(d.location.line == 2);
    CHECK(d.location.column == 9);
    CHECK(d.message == "register is not UTF-8 (looks like Windows-1252 from Excel); re-export as 'CSV UTF-8'");
    CHECK(d.hint == "in Excel: File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'");
    CHECK(loaded.people.people().empty());
}

TEST_CASE("a defective cell is an error at its line and column, naming people only by id") {
    struct Case {
        const char* name;
        const char* row;
        const char* message;  // the first line of the printed diagnostic, after "register.csv:2:"
        int column;
        const char* hint;
    };
    const Case cases[] = {
        {"invalid id", "P 01,Amelia,Test,pupil,yes,,", "invalid id 'P 01'", 1,
         "ids use only letters, digits, '-' and '_'"},
        {"empty id", ",Amelia,Test,pupil,yes,,", "id is empty", 1, "every row needs a unique id"},
        {"empty first name", "P0001, ,Test,pupil,yes,,", "first_name is empty", 7,
         "every person needs a first_name and a last_name"},
        {"empty last name", "P0001,Amelia,,pupil,yes,,", "last_name is empty", 14,
         "every person needs a first_name and a last_name"},
        {"unknown role", "P0001,Amelia,Test,teacher,yes,,", "unknown value 'teacher' in column role", 19,
         "allowed: pupil, staff, governor, volunteer, visitor"},
        {"empty role", "P0001,Amelia,Test,,yes,,", "role is empty", 19,
         "role is one of pupil, staff, governor, volunteer, visitor"},
        {"abbreviated permission", "P0001,Amelia,Test,pupil,Y,,", "unknown value 'Y' in column photo_website", 25,
         "allowed: yes, no, objected, or blank"},
        {"non-ISO date", "P0001,Amelia,Test,pupil,yes,31/07/2026,", "bad date '31/07/2026' in column expires_on",
         29, "write dates as YYYY-MM-DD (e.g. 2026-07-31), or leave the cell blank"},
        {"impossible date", "P0001,Amelia,Test,pupil,yes,2026-02-30,", "bad date '2026-02-30' in column expires_on",
         29, "write dates as YYYY-MM-DD (e.g. 2026-07-31), or leave the cell blank"},
        {"bad protected", "P0001,Amelia,Test,pupil,yes,,maybe", "unknown value 'maybe' in column protected", 30,
         "allowed: yes, no, or blank"},
        {"extra field", "P0001,Amelia,Test,pupil,yes,,,Oak", "row has more fields than the header has columns", 31,
         "quote any value that contains a comma, e.g. \"Year 3, Oak\""},
        {"short row", "P0001,Amelia,Test,pupil,yes", "row has 5 fields, the header has 7", 0,
         "every row needs a field for every column, even when blank"},
        {"unclosed quote", "P0001,\"Amelia,Test,pupil,yes,,", "quoted field is never closed", 7,
         "add the closing '\"'; a '\"' inside a quoted field is written '\"\"'"},
        {"text after a quote", "P0001,\"Amelia\"x,Test,pupil,yes,,", "unexpected text after a closing quote", 15,
         "a '\"' inside a quoted field is written '\"\"'"},
    };
    for (const auto& c : cases) {
        SUBCASE(c.name) {
            auto loaded = load(std::string(header) + c.row + "\n");
            REQUIRE(loaded.diagnostics.all().size() == 1);
            const auto& d = loaded.diagnostics.all()[0];
            CHECK(d.severity == diag::Severity::error);
            CHECK(d.rule == "register.invalid");
            CHECK(d.location.path == "register.csv");
            CHECK(d.location.line == 2);
            CHECK(d.location.column == c.column);
            CHECK(d.message == c.message);
            CHECK(d.hint == c.hint);
            CHECK(d.message.find("Amelia") == std::string::npos);
            CHECK(loaded.people.people().empty());
        }
    }
}

TEST_CASE("every defect of a run is reported, and the register is withheld") {
    auto loaded = load(std::string(header) + "P0001,Amelia,Test,pupil,yes,,\nP0002,Bodhi,Example,pupyl,yes,,nope\n");
    CHECK(loaded.printed ==
          "register.csv:3:21: error: unknown value 'pupyl' in column role [register.invalid]\n"
          "    P0002,Bodhi,Example,pupyl,yes,,nope\n"
          "                        ^\n"
          "  hint: allowed: pupil, staff, governor, volunteer, visitor\n"
          "register.csv:3:32: error: unknown value 'nope' in column protected [register.invalid]\n"
          "    P0002,Bodhi,Example,pupyl,yes,,nope\n"
          "                                   ^\n"
          "  hint: allowed: yes, no, or blank\n");
    CHECK(loaded.people.people().empty());
}

TEST_CASE("duplicate id: an error at the second, naming the line of the first") {
    auto loaded = load(std::string(header) + "P0001,Amelia,Test,pupil,yes,,\nP0002,Bodhi,Example,pupil,yes,,\n"
                                             "P0001,Cara,Sample,pupil,no,,\n");
    CHECK(loaded.printed ==
          "register.csv:4:1: error: duplicate id 'P0001' (first on line 2) [register.invalid]\n"
          "    P0001,Cara,Sample,pupil,no,,\n"
          "    ^\n"
          "  hint: every person needs their own id\n");
    CHECK(loaded.people.people().empty());
}

TEST_CASE("two ids with the same name: a warning naming only the ids") {
    auto loaded = load(std::string(header) + "P0001,Amelia,Test,pupil,yes,,\nP0007,AMELIA,test,pupil,no,,\n");
    REQUIRE(loaded.diagnostics.all().size() == 1);
    const auto& d = loaded.diagnostics.all()[0];
    CHECK(d.severity == diag::Severity::warning);
    CHECK(d.location.line == 3);
    CHECK(d.location.column == 7);
    CHECK(d.message == "P0001 and P0007 have the same first and last name");
    CHECK(d.hint == "check they are not one person twice; give them distinct known_as names if pages must tell "
                    "them apart");
    CHECK(loaded.people.people().size() == 2);
}

TEST_CASE("blank lines, blank rows and trailing empty fields are tolerated") {
    auto loaded = load(std::string(header) + "\nP0001,Amelia,Test,pupil,yes,,,,\n,,,,,,\n\nP0002,Bodhi,Example,pupil,no,,");
    CHECK(loaded.printed == "");
    REQUIRE(loaded.people.people().size() == 2);
    CHECK(loaded.people.find("P0001")->line == 3);
    CHECK(loaded.people.find("P0002")->line == 6);
}

TEST_CASE("an unreadable register is an error, never an empty register") {
    diag::Diagnostics diagnostics;
    fs::path missing = fs::temp_directory_path() / "sg-consent-test-missing" / "register.csv";
    Register people = load_register(missing, "consent/register.csv", diagnostics);
    REQUIRE(diagnostics.all().size() == 1);
    const auto& d = diagnostics.all()[0];
    CHECK(d.severity == diag::Severity::error);
    CHECK(d.rule == "register.invalid");
    CHECK(d.location.path == "consent/register.csv");
    CHECK(d.location.line == 0);
    CHECK(d.message == "cannot read the consent register: " + missing.string() + ": cannot open for reading");
    CHECK(people.people().empty());
}

TEST_CASE("a register built from people finds them by id") {
    Person amelia;
    amelia.id = "P0001";
    Person bodhi;
    bodhi.id = "S0003";
    Register people({amelia, bodhi});
    REQUIRE(people.find("S0003"));
    CHECK(people.find("S0003")->id == "S0003");
    CHECK(people.find("P0001") == &people.people()[0]);
    CHECK(people.find("X") == nullptr);
}

}  // TEST_SUITE

}  // namespace sg::consent
