#include "consent/columns.h"

#include "consent/test_fixture.h"

namespace sg::consent {

using testing::load;

TEST_SUITE("consent::columns") {

TEST_CASE("column names ignore case, spaces, underscores and hyphens") {
    const char* const headers[] = {
        "id,first_name,last_name,role,photo_website",
        "ID,First Name,LAST_NAME,Role,Photo Website",
        " Id ,first-name,LastName,ROLE,PHOTO_WEBSITE",
    };
    for (const char* names : headers) {
        SUBCASE(names) {
            auto loaded = load(std::string(names) + "\nP0001,Amelia,Test,pupil,yes\n");
            CHECK(loaded.printed == "");
            REQUIRE(loaded.people.people().size() == 1);
            CHECK(loaded.people.people()[0].first_name == "Amelia");
            CHECK(loaded.people.people()[0].photo[0] == Permission::yes);
        }
    }
}

TEST_CASE("unknown columns") {
    SUBCASE("unrelated: a warning") {
        auto loaded = load("id,first_name,last_name,role,photo_website,notes\nP0001,Amelia,Test,pupil,yes,x\n");
        CHECK(loaded.printed ==
              "register.csv:1:44: warning: unknown column 'notes' [register.invalid]\n"
              "    id,first_name,last_name,role,photo_website,notes\n"
              "                                               ^\n"
              "  hint: it is ignored\n");
        CHECK(loaded.people.people().size() == 1);
    }
    SUBCASE("close to a column that is present: a warning with did you mean") {
        auto loaded = load("id,first_name,last_name,role,Roles,photo_website\nP0001,Amelia,Test,pupil,x,yes\n");
        CHECK(loaded.printed ==
              "register.csv:1:30: warning: unknown column 'Roles' [register.invalid]\n"
              "    id,first_name,last_name,role,Roles,photo_website\n"
              "                                 ^\n"
              "  hint: did you mean 'role'? it is ignored\n");
        CHECK(loaded.people.people().size() == 1);
    }
    SUBCASE("a misspelt column that is absent: an error, or its values would be lost") {
        auto loaded = load("id,first_name,last_name,role,photo_website,Protectd\nP0001,Amelia,Test,pupil,yes,yes\n");
        CHECK(loaded.printed ==
              "register.csv:1:44: error: unknown column 'Protectd' [register.invalid]\n"
              "    id,first_name,last_name,role,photo_website,Protectd\n"
              "                                               ^\n"
              "  hint: did you mean 'protected'? rename it, or its values would be read as blank\n");
        CHECK(loaded.people.people().empty());
    }
    SUBCASE("a misspelt required column is reported once") {
        auto loaded = load("id,Fist Name,last_name,role,photo_website\n");
        CHECK(loaded.printed ==
              "register.csv:1:4: error: unknown column 'Fist Name' [register.invalid]\n"
              "    id,Fist Name,last_name,role,photo_website\n"
              "       ^\n"
              "  hint: did you mean 'first_name'? rename it, or its values would be read as blank\n");
    }
}

TEST_CASE("header defects") {
    SUBCASE("missing required column") {
        auto loaded = load("id,first_name,last_name,role\nP0001,Amelia,Test,pupil\n");
        CHECK(loaded.printed ==
              "register.csv:1: error: missing required column 'photo_website' [register.invalid]\n"
              "    id,first_name,last_name,role\n"
              "  hint: the header row needs the columns id, first_name, last_name, role, photo_website\n");
        CHECK(loaded.people.people().empty());
    }
    SUBCASE("a column twice") {
        auto loaded = load("id,first_name,last_name,role,photo_website,First Name\n");
        CHECK(loaded.printed ==
              "register.csv:1:44: error: column 'first_name' appears twice [register.invalid]\n"
              "    id,first_name,last_name,role,photo_website,First Name\n"
              "                                               ^\n"
              "  hint: first at column 4; keep one of them\n");
    }
    SUBCASE("empty file") {
        auto loaded = load("");
        CHECK(loaded.printed ==
              "register.csv:1: error: register is empty [register.invalid]\n"
              "  hint: the first row must name the columns (id, first_name, last_name, role, photo_website...)\n");
    }
}

}  // TEST_SUITE

}  // namespace sg::consent
