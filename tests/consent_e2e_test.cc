// End to end: who is in this photo. Images carrying each kind of embedded people tag (written
// here with exiv2, as photo-management software would), the register's lawful basis, the social
// channel's og:image, and protected people in every form, through the real pipeline.
#include <doctest/doctest.h>

#include <algorithm>
#include <exiv2/exiv2.hpp>
#include <filesystem>
#include <sstream>

#include "diag/printer.h"
#include "media/image.h"
#include "media/libraries.h"
#include "pipeline/pipeline.h"
#include "site_build.h"
#include "temp_site.h"

namespace fs = std::filesystem;
using sg::pipeline::Status;
using sg::testing::TempSite;
using sg::testing::build;
using sg::testing::rules_withholding;
using sg::testing::printed;

namespace {

// A post with one photo, lake.jpg, of `people` (a YAML value), and `body`.
std::string post_with_photo(const std::string& people, const std::string& body = "A lovely day.") {
    return "---\ntitle: Lake visit\ndate: 2026-10-14\nphotos:\n  - src: lake.jpg\n    alt: Pupils beside the lake\n"
           "    people: " + people + "\n---\n" + body + "\n";
}

// Where photo-management software writes who is in a picture.
enum class Tag {
    person_in_image,  // XMP Iptc4xmpExt:PersonInImage (a bag of names)
    mwg_region,       // MWG face regions, mwg-rs:Regions/mwg-rs:RegionList[n]/mwg-rs:Name
    mp_region,        // Microsoft Photo MP:RegionInfo/MPRI:Regions[n]/MPReg:PersonDisplayName
    iptc_keyword,     // IPTC IIM Iptc.Application2.Keywords
    xmp_subject,      // XMP dc:subject (keywords)
};

const char* tag_name(Tag tag) {
    switch (tag) {
        case Tag::person_in_image: return "Iptc4xmpExt:PersonInImage";
        case Tag::mwg_region: return "mwg-rs:Name";
        case Tag::mp_region: return "MPReg:PersonDisplayName";
        case Tag::iptc_keyword: return "Iptc.Application2.Keywords";
        case Tag::xmp_subject: return "dc:subject";
    }
    return "";
}

// Writes `names` into `file` as `tag`, then reads the file back through the media stage so a
// test cannot pass because the tag was never written.
void write_tags(const fs::path& file, Tag tag, const std::vector<std::string>& names) {
    sg::media::prepare_libraries();
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
    auto image = Exiv2::ImageFactory::open(file.string());
    image->readMetadata();
    Exiv2::XmpData& xmp = image->xmpData();
    Exiv2::XmpTextValue bag;
    bag.setXmpArrayType(Exiv2::XmpValue::xaBag);
    Exiv2::XmpTextValue structure;
    structure.setXmpStruct();
    switch (tag) {
        case Tag::person_in_image:
        case Tag::xmp_subject: {
            Exiv2::XmpArrayValue values(Exiv2::xmpBag);
            for (const auto& name : names) values.read(name);
            xmp.add(Exiv2::XmpKey(tag == Tag::person_in_image ? "Xmp.iptcExt.PersonInImage" : "Xmp.dc.subject"),
                    &values);
            break;
        }
        case Tag::mwg_region:
            xmp.add(Exiv2::XmpKey("Xmp.mwg-rs.Regions"), &structure);
            xmp.add(Exiv2::XmpKey("Xmp.mwg-rs.Regions/mwg-rs:RegionList"), &bag);
            for (size_t i = 1; i <= names.size(); ++i) {
                std::string item = "Xmp.mwg-rs.Regions/mwg-rs:RegionList[" + std::to_string(i) + "]";
                xmp.add(Exiv2::XmpKey(item), &structure);
                xmp[item + "/mwg-rs:Name"] = names[i - 1];
                xmp[item + "/mwg-rs:Type"] = "Face";
            }
            break;
        case Tag::mp_region:
            xmp.add(Exiv2::XmpKey("Xmp.MP.RegionInfo"), &structure);
            xmp.add(Exiv2::XmpKey("Xmp.MP.RegionInfo/MPRI:Regions"), &bag);
            for (size_t i = 1; i <= names.size(); ++i) {
                std::string item = "Xmp.MP.RegionInfo/MPRI:Regions[" + std::to_string(i) + "]";
                xmp.add(Exiv2::XmpKey(item), &structure);
                xmp[item + "/MPReg:PersonDisplayName"] = names[i - 1];
            }
            break;
        case Tag::iptc_keyword:
            for (const auto& name : names) {
                Exiv2::StringValue value(name);
                image->iptcData().add(Exiv2::IptcKey("Iptc.Application2.Keywords"), &value);
            }
            break;
    }
    image->writeMetadata();

    sg::media::InspectResult read = sg::media::inspect(file, {});
    REQUIRE(read.info);
    bool keyword = tag == Tag::iptc_keyword || tag == Tag::xmp_subject;
    const auto& found = keyword ? read.info->keywords : read.info->people_tags;
    for (const auto& name : names) REQUIRE(std::find(found.begin(), found.end(), name) != found.end());
}

// A site whose news post pictures lake.jpg, tagged with `names` as `tag`, declared as `people`.
struct TaggedSite {
    TempSite site;
    TaggedSite(Tag tag, const std::vector<std::string>& names, const std::string& people,
               const std::string& body = "A lovely day.") {
        site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
        write_tags(site.root() / "content/news/lake.jpg", tag, names);
        site.write("content/news/lake.md", post_with_photo(people, body));
    }
};

std::string with_public_task(const TempSite& site) {
    return site.read("schoolgate.yml") + "policy:\n  lawful_basis: public-task\n";
}

// The og:image URL of a page's HTML, or "" when it has none.
std::string og_image(const std::string& html) {
    const std::string marker = "<meta property=\"og:image\" content=\"";
    size_t at = html.find(marker);
    if (at == std::string::npos) return {};
    at += marker.size();
    return html.substr(at, html.find('"', at) - at);
}

}  // namespace

TEST_SUITE("e2e::consent") {

TEST_CASE("embedded people tags of every kind must agree with the page's declaration") {
    struct Case {
        const char* name;
        Tag tag;
        std::vector<std::string> names;
        const char* people;
        std::vector<std::string> rules;  // empty: published
    };
    const Case cases[] = {
        // A register person the declaration omits.
        {"undeclared person in PersonInImage", Tag::person_in_image, {"Jonah Featherstone"}, "[P0001]",
         {"photo.tag-mismatch"}},
        {"undeclared person in an MWG face region", Tag::mwg_region, {"Amelia Thornbury", "Jonah Featherstone"},
         "[P0001]", {"photo.tag-mismatch"}},
        {"undeclared person in a Microsoft region", Tag::mp_region, {"Jonah Featherstone"}, "[P0001]",
         {"photo.tag-mismatch"}},
        // Someone who is not in the register at all.
        {"unknown person in PersonInImage", Tag::person_in_image, {"Bartholomew Quince"}, "[P0001]",
         {"photo.unknown-person"}},
        {"unknown person in an MWG face region", Tag::mwg_region, {"Bartholomew Quince"}, "[P0001]",
         {"photo.unknown-person"}},
        {"unknown person in a Microsoft region", Tag::mp_region, {"Bartholomew Quince"}, "[P0001]",
         {"photo.unknown-person"}},
        // Declared, with consent: published.
        {"declared person in PersonInImage", Tag::person_in_image, {"Amelia Thornbury"}, "[P0001]", {}},
        {"declared person in an MWG face region, lower case", Tag::mwg_region, {"amelia thornbury"}, "[P0001]", {}},
        {"declared people in Microsoft regions, upper case", Tag::mp_region, {"AMELIA THORNBURY", "Harriet Quillfeather"},
         "[P0001, S0001]", {}},
        // Case, accents, hyphens and known-as names.
        {"known-as name", Tag::person_in_image, {"Zee Al-Rashid"}, "[P0010]", {}},
        {"known-as name, undeclared", Tag::mwg_region, {"Zee Al-Rashid"}, "[P0001]", {"photo.tag-mismatch"}},
        {"no accent, no hyphen, upper case", Tag::mp_region, {"ZOE AL RASHID"}, "[P0010]", {}},
        {"no accent, no hyphen, upper case, undeclared", Tag::person_in_image, {"ZOE AL RASHID"}, "[P0001]",
         {"photo.tag-mismatch"}},
        {"surname first", Tag::person_in_image, {"Featherstone, Jonah"}, "[P0001]", {"photo.tag-mismatch"}},
        // Keywords: only a register person's full name counts.
        {"IPTC keyword naming an undeclared person", Tag::iptc_keyword, {"lake", "Jonah Featherstone"}, "[P0001]",
         {"photo.tag-mismatch"}},
        {"XMP subject naming an undeclared person", Tag::xmp_subject, {"Jonah Featherstone"}, "[]",
         {"photo.tag-mismatch"}},
        {"keyword naming a declared person", Tag::iptc_keyword, {"Amelia Thornbury"}, "[P0001]", {}},
        {"other keywords are ignored", Tag::iptc_keyword, {"lake", "Year 3", "Jonah", "Bartholomew Quince"}, "[P0001]",
         {}},
        {"other subjects are ignored", Tag::xmp_subject, {"sports day", "Amelia"}, "[]", {}},
        // Declarations that say nobody (identifiable) is there.
        {"people: [] with a tagged person", Tag::person_in_image, {"Amelia Thornbury"}, "[]", {"photo.tag-mismatch"}},
        {"people: unidentifiable with a tagged person", Tag::mwg_region, {"Amelia Thornbury"}, "unidentifiable",
         {"photo.tag-mismatch"}},
        // A first name alone as a people tag names everyone with that name: fail closed.
        {"first name alone as a people tag", Tag::mp_region, {"Jonah"}, "[P0001]", {"photo.tag-mismatch"}},
        // The declared person's consent is then checked as usual.
        {"tagged and declared, without consent", Tag::person_in_image, {"Priyanka Oduya"}, "[P0003]",
         {"photo.no-consent"}},
    };
    for (const Case& c : cases) {
        INFO("case: " << std::string(c.name) << " (" << std::string(tag_name(c.tag)) << ")");
        TaggedSite tagged(c.tag, c.names, c.people);
        auto result = build(tagged.site);
        INFO(printed(tagged.site, result));
        CHECK(rules_withholding(result, "content/news/lake.md") == c.rules);
        CHECK(tagged.site.exists("site/news/lake/index.html") == c.rules.empty());
        if (c.rules.empty()) {
            // What is published carries neither the tags nor the names.
            std::string html = tagged.site.read("site/news/lake/index.html");
            for (const char* name : {"Thornbury", "Rashid", "Quillfeather"}) CHECK(html.find(name) == std::string::npos);
            for (const auto& entry : fs::directory_iterator(tagged.site.site() / "media")) {
                std::string bytes = tagged.site.read("site/media/" + entry.path().filename().string());
                for (const char* name : {"Thornbury", "RASHID", "Rashid", "Quillfeather"})
                    CHECK(bytes.find(name) == std::string::npos);
            }
        }
    }
}

TEST_CASE("a tag-mismatch names the person by id and initials, located at the photo") {
    TaggedSite tagged(Tag::mwg_region, {"Jonah Featherstone"}, "[P0001]");
    auto result = build(tagged.site);
    CHECK(result.status == Status::withheld);
    CHECK(printed(tagged.site, result) ==
          "content/news/lake.md:5:5: error: photo 'lake.jpg' is tagged in its metadata with P0002 J.F., who is not "
          "declared [photo.tag-mismatch]\n"
          "      - src: lake.jpg\n"
          "        ^\n"
          "  hint: add P0002 to people (their consent is then checked) or use another photo\n");
}

TEST_CASE("under lawful basis public-task a blank cell means yes, and everything else still refuses") {
    struct Case {
        const char* name;
        std::string page;
        std::vector<std::string> rules;
    };
    auto art = [](const char* by) {
        return std::string("---\ntitle: Art week\ndate: 2026-10-03\nwork:\n  - src: lake.jpg\n    by: ") + by +
               "\n    alt: A painting of a lake\n---\nOur art week.\n";
    };
    const Case cases[] = {
        {"yes", post_with_photo("[P0001]"), {}},
        {"blank", post_with_photo("[P0005]"), {}},
        {"blank, with no dates at all", post_with_photo("[P0012]"), {}},
        {"no", post_with_photo("[P0003]"), {"photo.no-consent"}},
        {"objected", post_with_photo("[P0004]"), {"photo.no-consent"}},
        {"expired", post_with_photo("[P0006]"), {"photo.no-consent"}},
        {"withdrawn", post_with_photo("[P0007]"), {"photo.no-consent"}},
        {"left", post_with_photo("[P0008]"), {"photo.no-consent"}},
        {"not yet granted", post_with_photo("[P0009]"), {"photo.no-consent"}},
        {"protected, blank", post_with_photo("[P0011]"), {"photo.protected"}},
        {"not in the register", post_with_photo("[P9999]"), {"photo.unknown-person"}},
        {"work, blank", art("P0005"), {}},
        {"work, no", art("P0004"), {"work.no-consent"}},
        {"work, by someone not in the register", art("P9999"), {"photo.unknown-person"}},
    };
    for (const Case& c : cases) {
        INFO("case: " << std::string(c.name));
        TempSite site;
        site.write("consent/register.csv", std::string(sg::testing::base_register) +
                                               "P0012,Ottilie,Brackenridge,,,pupil,Year 1,,,,,,,,,,\n");
        site.write("schoolgate.yml", with_public_task(site));
        site.copy_fixture("gps_DSCN0012.jpg", "content/news/lake.jpg");
        site.write("content/news/lake.md", c.page);
        auto result = build(site);
        INFO(printed(site, result));
        CHECK(rules_withholding(result, "content/news/lake.md") == c.rules);
        CHECK(site.exists("site/news/lake/index.html") == c.rules.empty());
        CHECK(result.status == (c.rules.empty() ? Status::published : Status::withheld));
    }
}

TEST_CASE("the same blank cells refuse under the default lawful basis, consent") {
    {
        TempSite site;
        site.write("consent/register.csv", std::string(sg::testing::base_register) +
                                               "P0012,Ottilie,Brackenridge,,,pupil,Year 1,,,,,,,,,,\n");
        site.copy_fixture("gps_DSCN0012.jpg", "content/news/lake.jpg");
        site.write("content/news/lake.md", post_with_photo("[P0005, P0012]"));
        auto result = build(site);
        CHECK(rules_withholding(result, "content/news/lake.md") == std::vector<std::string>{"photo.no-consent"});
        CHECK(!site.exists("site/news/lake/index.html"));
    }
}

TEST_CASE("og:image only when everyone pictured consents to social media") {
    struct Case {
        const char* people;
        bool og_image;
    };
    const Case cases[] = {
        {"[P0001]", true},                  // social yes
        {"[P0001, S0001]", true},           // both yes
        {"[P0002]", false},                 // website yes, social no
        {"[P0001, P0002]", false},          // everyone must consent
        {"unidentifiable", false},          // nobody vouched for: not shared
    };
    for (const Case& c : cases) {
        INFO("people: " << std::string(c.people));
        TempSite site;
        site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
        site.write("content/news/lake.md", post_with_photo(c.people));
        auto result = build(site);
        INFO(printed(site, result));
        REQUIRE(result.status == Status::published);  // the page itself is published either way
        std::string html = site.read("site/news/lake/index.html");
        CHECK(html.find("<picture>") != std::string::npos);
        std::string url = og_image(html);
        if (c.og_image) {
            const std::string prefix = "https://www.brookfield-test.example/media/";
            REQUIRE(url.rfind(prefix, 0) == 0);
            CHECK(url.size() > prefix.size() + 4);
            CHECK(url.substr(url.size() - 4) == ".jpg");
            CHECK(site.exists("site/media/" + url.substr(prefix.size())));
            CHECK(html.find("<meta property=\"og:image:alt\" content=\"Pupils beside the lake\">") != std::string::npos);
        } else {
            CHECK(html.find("og:image") == std::string::npos);
        }
    }
}

TEST_CASE("the shared photo is the first one everyone in it consents to") {
    {
        TempSite site;
        site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
        site.copy_fixture("gps_DSCN0012.jpg", "content/news/field.jpg");
        site.write("content/news/lake.md",
                   "---\ntitle: Lake visit\ndate: 2026-10-14\nphotos:\n"
                   "  - src: lake.jpg\n    alt: Pupils beside the lake\n    people: [P0002]\n"
                   "  - src: field.jpg\n    alt: Pupils in the field\n    people: [P0001]\n---\nA lovely day.\n");
        auto result = build(site);
        REQUIRE(result.status == Status::published);
        std::string html = site.read("site/news/lake/index.html");
        CHECK(!og_image(html).empty());
        CHECK(html.find("<meta property=\"og:image:alt\" content=\"Pupils in the field\">") != std::string::npos);
    }
}

TEST_CASE("a protected person is refused in every form: named, credited, pictured, tagged") {
    struct Case {
        const char* name;
        std::string page;
        std::vector<std::string> names;  // tagged in lake.jpg's PersonInImage
    };
    const Case cases[] = {
        {"named in full in the text", post_with_photo("[]", "Wilfred Ashdown joined us."), {}},
        {"named in full, surname first", post_with_photo("[]", "ASHDOWN, Wilfred joined us."), {}},
        {"named in full in the title", "---\ntitle: Wilfred Ashdown joins us\ndate: 2026-10-14\n---\nWelcome.\n", {}},
        {"credited for work",
         "---\ntitle: Art\ndate: 2026-10-14\nwork:\n  - src: lake.jpg\n    by: P0011\n    alt: A painting of a lake\n---\nArt.\n", {}},
        {"pictured", post_with_photo("[P0011]"), {}},
        {"pictured with others who consent", post_with_photo("[P0001, P0011]"), {}},
        {"tagged in the image, declared as someone else", post_with_photo("[P0001]"), {"Wilfred Ashdown"}},
        {"tagged in the image, declared as nobody", post_with_photo("[]"), {"Wilfred Ashdown"}},
        {"tagged in the image, declared unidentifiable", post_with_photo("unidentifiable"), {"wilfred ashdown"}},
        {"tagged in the image and declared", post_with_photo("[P0011]"), {"Wilfred Ashdown"}},
    };
    for (const Case& c : cases) {
        INFO("case: " << std::string(c.name));
        TempSite site;
        site.copy_fixture("gps_DSCN0021.jpg", "content/news/lake.jpg");
        if (!c.names.empty()) write_tags(site.root() / "content/news/lake.jpg", Tag::person_in_image, c.names);
        site.write("content/news/lake.md", c.page);
        auto result = build(site);
        std::string diagnostics = printed(site, result);
        INFO(diagnostics);
        CHECK(rules_withholding(result, "content/news/lake.md") == std::vector<std::string>{"photo.protected"});
        CHECK(!site.exists("site/news/lake/index.html"));
        CHECK(result.status == Status::withheld);
        CHECK(diagnostics.find("P0011 W.A.") != std::string::npos);
    }
}

}  // TEST_SUITE
