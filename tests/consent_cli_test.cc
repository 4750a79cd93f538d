// CLI tests: `schoolgate consent impact` and `schoolgate consent expiring`, run as the real
// binary, comparing exit status, stdout and stderr. People appear only as id and initials.
#include <doctest/doctest.h>

#include <exiv2/exiv2.hpp>
#include <filesystem>

#include "media/libraries.h"
#include "process.h"
#include "temp_site.h"

namespace fs = std::filesystem;
using sg::testing::Run;
using sg::testing::schoolgate_command;
using sg::testing::sh_quote;
using sg::testing::TempSite;

namespace {

// Runs `schoolgate --source SITE ARGS` through sh, capturing its exit status, stdout and stderr.
Run run(const TempSite& site, const std::string& args) {
    return sg::testing::shell(site.root(), schoolgate_command() + " --source " + sh_quote(site.root().string()) + " " + args);
}

// Every first, known-as and last name of the base register: none may be printed.
const char* const register_names[] = {
    "Amelia",  "Thornbury",  "Jonah",  "Featherstone", "Peregrine", "Priyanka",   "Priya",    "Oduya",
    "Tobias",  "Wrenfield",  "Elsie",  "Marchbank",    "Rafferty",  "Colbourne",  "Ines",     "Halloway",
    "Caspar",  "Delacourt",  "Marigold", "Penhaligon", "Zoë",       "Al-Rashid",  "Zee",      "Wilfred",
    "Ashdown", "Harriet",    "Quillfeather", "Desmond", "Ravensworth",
};

void check_no_names(const Run& ran) {
    for (const char* name : register_names) {
        INFO("name: " << std::string(name));
        CHECK(ran.out.find(name) == std::string::npos);
        CHECK(ran.err.find(name) == std::string::npos);
    }
}

// Tags `file` with `name` in XMP Iptc4xmpExt:PersonInImage, as photo-management software would.
void tag_person(const fs::path& file, const std::string& name) {
    sg::media::prepare_libraries();
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
    auto image = Exiv2::ImageFactory::open(file.string());
    image->readMetadata();
    Exiv2::XmpArrayValue people(Exiv2::xmpBag);
    people.read(name);
    image->xmpData().add(Exiv2::XmpKey("Xmp.iptcExt.PersonInImage"), &people);
    image->writeMetadata();
}

// A site where P0002 (website yes, social no, work no) is pictured, tagged, named in full, named
// by first name, credited, and pictured on a draft; and a page that has nothing to do with them.
void write_impact_site(const TempSite& site) {
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    site.copy_fixture("gps_DSCN0012.jpg", "content/news/field.jpg");
    site.copy_fixture("Canon_40D.jpg", "content/news/painting.jpg");
    tag_person(site.root() / "content/news/field.jpg", "Jonah Featherstone");
    site.write_files(R"(
-- content/news/lake.md --
---
title: Lake visit
date: 2026-10-14
photos:
  - src: lake.jpg
    alt: Pupils beside the lake
    people: [P0002]
---
A lovely day.
-- content/news/field.md --
---
title: Sports day
date: 2026-10-15
photos:
  - src: field.jpg
    alt: Pupils in the field
    people: [P0001]
---
Sunshine all day.
-- content/news/trip.md --
---
title: Trip
date: 2026-10-16
---
Well done to Jonah Featherstone for his reading award.
-- content/news/reading.md --
---
title: Reading
date: 2026-10-17
---
Year 3 enjoyed the story.
Jonah read a poem.
-- content/news/art.md --
---
title: Art week
date: 2026-10-18
work:
  - src: painting.jpg
    by: P0002
    alt: A painting of a lake
---
Our art week.
-- content/news/draft.md --
---
title: Coming soon
date: 2026-10-19
draft: true
photos:
  - src: lake.jpg
    alt: Pupils beside the lake
    people: [P0002]
---
Soon.
-- content/news/fair.md --
---
title: Autumn fair
date: 2026-10-20
---
The fair raised a lot of money.
)");
}

}  // namespace

TEST_SUITE("e2e::cli consent") {

TEST_CASE("consent impact: every page that shows, names or credits a person, and what a build withholds") {
    TempSite site;
    write_impact_site(site);
    Run ran = run(site, "consent impact P0002 --date 2026-11-23");
    CHECK(ran.status == 0);
    CHECK(ran.err == "");
    CHECK(ran.out ==
          "P0002 J.F. (pupil): on 2026-11-23: website yes; social no (consent refused); newsletter yes; "
          "work no (consent refused)\n"
          "content/news/art.md: withheld [work.no-consent]\n"
          "  content/news/art.md:6:9: credited for painting.jpg\n"
          "content/news/draft.md: not due on 2026-11-23\n"
          "  content/news/draft.md:8:14: pictured in lake.jpg (declared)\n"
          "content/news/field.md: withheld [photo.tag-mismatch]\n"
          "  content/news/field.md:5:5: pictured in field.jpg (tagged in the image)\n"
          "content/news/lake.md: published\n"
          "  content/news/lake.md:7:14: pictured in lake.jpg (declared)\n"
          "content/news/reading.md: published\n"
          "  content/news/reading.md:6:1: first name\n"
          "content/news/trip.md: withheld [name.full-name]\n"
          "  content/news/trip.md:5:14: named in full\n"
          "6 pages involve P0002 J.F.; 3 withheld on 2026-11-23\n");
    check_no_names(ran);

    SUBCASE("the verdicts agree with a build on the same date") {
        Run built = run(site, "build --date 2026-11-23");
        CHECK(built.status == 1);
        CHECK(built.out.find("withheld: content/news/art.md\n") != std::string::npos);
        CHECK(built.out.find("withheld: content/news/field.md\n") != std::string::npos);
        CHECK(built.out.find("withheld: content/news/trip.md\n") != std::string::npos);
        CHECK(built.out.find("withheld: content/news/lake.md\n") == std::string::npos);
        CHECK(site.exists("site/news/lake/index.html"));
    }
    SUBCASE("on another date the verdicts follow the register") {
        // Before P0002's consent was granted (2026-09-01) the photo of them is withheld too.
        Run early = run(site, "consent impact P0002 --date 2026-08-20");
        CHECK(early.status == 0);
        CHECK(early.out.find("content/news/lake.md: withheld [photo.no-consent]\n") != std::string::npos);
        CHECK(early.out.find("6 pages involve P0002 J.F.; 4 withheld on 2026-08-20\n") != std::string::npos);
    }
    SUBCASE("someone on no page") {
        Run nobody = run(site, "consent impact P0004 --date 2026-11-23");
        CHECK(nobody.status == 0);
        CHECK(nobody.out ==
              "P0004 T.W. (pupil): on 2026-11-23: website no (objected); social no (consent refused); "
              "newsletter no (consent refused); work no (consent refused)\n"
              "0 pages involve P0004 T.W.; 0 withheld on 2026-11-23\n");
    }
}

TEST_CASE("consent impact: an unknown id or a bad register is exit status 2") {
    TempSite site;
    Run unknown = run(site, "consent impact p0007 --date 2026-11-23");
    CHECK(unknown.status == 2);
    CHECK(unknown.out == "");
    CHECK(unknown.err == "schoolgate: no one with id 'p0007' in consent/register.csv; did you mean 'P0007'?\n");

    std::string duplicated = std::string(sg::testing::base_register) +
                             "P0003,Priyanka,Oduya,Priya,,pupil,Year 4,no,no,no,yes,no,2026-09-01,2027-08-31,,,\n";
    site.write("consent/register.csv", duplicated);
    for (const char* command : {"consent impact P0001 --date 2026-11-23", "consent expiring --days 30"}) {
        INFO("command: " << std::string(command));
        Run bad = run(site, command);
        CHECK(bad.status == 2);
        CHECK(bad.out == "");
        CHECK(bad.err.find("consent/register.csv:15:") == 0);
        CHECK(bad.err.find("[register.invalid]") != std::string::npos);
        check_no_names(bad);
    }
}

TEST_CASE("consent expiring: whose consent lapses within N days, and the pages that would then go") {
    TempSite site;
    std::string register_csv = sg::testing::base_register;
    const std::string amelia = "P0001,Amelia,Thornbury,,,pupil,Year 3,yes,yes,yes,yes,no,2026-09-01,2027-08-31";
    REQUIRE(register_csv.find(amelia) != std::string::npos);
    register_csv.replace(register_csv.find(amelia) + amelia.size() - 10, 10, "2026-12-10");
    site.write("consent/register.csv", register_csv);
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    site.copy_fixture("Canon_40D.jpg", "content/news/painting.jpg");
    site.write_files(R"(
-- content/news/lake.md --
---
title: Lake visit
date: 2026-10-14
photos:
  - src: lake.jpg
    alt: Pupils beside the lake
    people: [P0001, S0001]
---
A lovely day.
-- content/news/art.md --
---
title: Art week
date: 2026-10-18
work:
  - src: painting.jpg
    by: P0001
    alt: A painting of a lake
---
Our art week.
-- content/news/staff.md --
---
title: Staff
date: 2026-10-19
photos:
  - src: lake.jpg
    alt: Teachers beside the lake
    people: [S0001]
---
Our teachers.
)");

    Run ran = run(site, "consent expiring --days 30 --date 2026-11-23");
    CHECK(ran.status == 0);
    CHECK(ran.err == "");
    CHECK(ran.out ==
          "lapses: P0001 A.T. expires 2026-12-10 (website, social, newsletter, work)\n"
          "withheld on 2026-12-24: content/news/art.md [work.no-consent] involves P0001 A.T.\n"
          "withheld on 2026-12-24: content/news/lake.md [photo.no-consent] involves P0001 A.T.\n"
          "1 person's consent lapses from 2026-11-23 to 2026-12-23; 2 pages would be withheld on 2026-12-24\n");
    check_no_names(ran);

    // The window includes its last day: consent valid until 2026-12-10 lapses on the 11th.
    Run last_day = run(site, "consent expiring --days 17 --date 2026-11-23");
    CHECK(last_day.status == 0);
    CHECK(last_day.out.find("lapses: P0001 A.T. expires 2026-12-10") == 0);
    CHECK(last_day.out.find("2 pages would be withheld on 2026-12-11\n") != std::string::npos);
    Run day_before = run(site, "consent expiring --days 16 --date 2026-11-23");
    CHECK(day_before.status == 0);
    CHECK(day_before.out ==
          "0 people's consent lapses from 2026-11-23 to 2026-12-09; 0 pages would be withheld on 2026-12-10\n");

    // Consent already lapsed is not "expiring": P0006 expired on 2026-08-31.
    Run past = run(site, "consent expiring --days 0 --date 2026-08-31");
    CHECK(past.status == 0);
    CHECK(past.out.find("lapses: P0006 R.C. expires 2026-08-31 (website, social, newsletter, work)\n") == 0);
    Run after = run(site, "consent expiring --days 0 --date 2026-09-01");
    CHECK(after.out.find("P0006") == std::string::npos);
}

TEST_CASE("consent expiring: what lapses is the consent valid on the date, person by person") {
    TempSite site;
    Run ran = run(site, "consent expiring --days 30 --date 2027-08-15");
    CHECK(ran.status == 0);
    // Refused, objected, blank, withdrawn, left and protected people have nothing to lapse.
    CHECK(ran.out ==
          "lapses: P0001 A.T. expires 2027-08-31 (website, social, newsletter, work)\n"
          "lapses: P0002 J.F. expires 2027-08-31 (website, newsletter)\n"
          "lapses: P0003 P.O. expires 2027-08-31 (work)\n"
          "lapses: P0009 M.P. expires 2027-08-31 (website, social, newsletter, work)\n"
          "lapses: P0010 Z.A. expires 2027-08-31 (website, social, newsletter, work)\n"
          "lapses: S0001 H.Q. expires 2027-08-31 (website, social, newsletter)\n"
          "6 people's consent lapses from 2027-08-15 to 2027-09-14; 0 pages would be withheld on 2027-09-15\n");
    check_no_names(ran);
}

TEST_CASE("consent: usage errors are exit status 2") {
    TempSite site;
    for (const char* arguments : {"consent", "consent impact", "consent expiring", "consent expiring --days -1",
                                  "consent impact P0001 --date 2026-13-01", "consent forget P0001"}) {
        INFO("arguments: " << std::string(arguments));
        Run ran = run(site, arguments);
        CHECK(ran.status == 2);
        CHECK(ran.out == "");
        CHECK(ran.err != "");
    }
}

}  // TEST_SUITE
