// End to end: every real camera and phone file in tests/fixtures/camera goes through a whole
// build. Each is either published clean and upright, or its page is withheld with the media rule
// a user would be told; and a second build of the unchanged site takes every photo from the cache.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <vips/vips8>

#include "diag/printer.h"
#include "media/image.h"
#include "media/test_support.h"
#include "pipeline/pipeline.h"
#include "site_build.h"
#include "temp_site.h"
#include "util/fs.h"

namespace fs = std::filesystem;
using sg::pipeline::Status;
using sg::testing::TempSite;
using sg::testing::build;
using sg::testing::rules_withholding;
using sg::testing::printed;

namespace {

// What a user sees for each fixture: published (rule "") in the given shape, or withheld by rule.
struct Expected {
    const char* file;
    const char* rule;   // "" when published
    const char* shape;  // "landscape", "portrait", or "" when either may be right
};

// Every fixture must be listed: a new one without an expectation fails the test.
const Expected expected[] = {
    {"Canon_40D.jpg", "", "landscape"},
    {"Canon_40D_photoshop_import.jpg", "", "landscape"},
    {"Canon_PowerShot_S40.jpg", "", "landscape"},
    {"Nikon_D70.jpg", "", "landscape"},
    {"Olympus_C8080WZ.jpg", "", "landscape"},
    {"Pentax_K10D.jpg", "", "landscape"},
    {"corrupted.jpg", "media.unreadable", ""},
    {"gps_DSCN0010.jpg", "", "landscape"},
    {"gps_DSCN0012.jpg", "", "landscape"},
    {"gps_DSCN0021.jpg", "", "landscape"},
    {"gps_DSCN0025.jpg", "", "landscape"},
    {"gps_DSCN0027.jpg", "", "landscape"},
    {"gps_DSCN0029.jpg", "", "landscape"},
    {"gps_DSCN0038.jpg", "", "landscape"},
    {"gps_DSCN0040.jpg", "", "landscape"},
    {"gps_DSCN0042.jpg", "", "landscape"},
    {"heic_IMG_5195.HEIC", "", "portrait"},
    {"invalid_image00971.jpg", "", ""},
    {"invalid_image01088.jpg", "", ""},
    {"invalid_image01137.jpg", "", ""},
    {"mobile_jolla.jpg", "", ""},
    {"orientation_landscape_1.jpg", "", "landscape"},
    {"orientation_landscape_2.jpg", "", "landscape"},
    {"orientation_landscape_3.jpg", "", "landscape"},
    {"orientation_landscape_4.jpg", "", "landscape"},
    {"orientation_landscape_5.jpg", "", "landscape"},
    {"orientation_landscape_6.jpg", "", "landscape"},
    {"orientation_landscape_7.jpg", "", "landscape"},
    {"orientation_landscape_8.jpg", "", "landscape"},
    {"orientation_portrait_1.jpg", "", "portrait"},
    {"orientation_portrait_2.jpg", "", "portrait"},
    {"orientation_portrait_3.jpg", "", "portrait"},
    {"orientation_portrait_4.jpg", "", "portrait"},
    {"orientation_portrait_5.jpg", "", "portrait"},
    {"orientation_portrait_6.jpg", "", "portrait"},
    {"orientation_portrait_7.jpg", "", "portrait"},
    {"orientation_portrait_8.jpg", "", "portrait"},
    {"tiff_Arbitro.tiff", "", "landscape"},
    {"xmp_BlueSquare.jpg", "", ""},
    {"xmp_no_exif.jpg", "", ""},
};

constexpr int max_width = 640;  // the base site's images.max_width

fs::path camera_dir() { return fs::path(SG_FIXTURES_DIR) / "camera"; }

bool is_image(const fs::path& file) { return file.filename() != "SOURCE.md"; }

// "Canon_40D_photoshop_import.jpg" -> "canon-40d-photoshop-import"
std::string slug(const std::string& file) {
    std::string stem = fs::path(file).stem().string(), out;
    for (char c : stem) out += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// A site with one post per fixture, each showing its photo with nobody in it.
void add_fixture_posts(const TempSite& site) {
    for (const auto& e : expected) {
        std::string name = slug(e.file), photo = name + fs::path(e.file).extension().string();
        site.copy_fixture(e.file, "content/news/" + photo);
        // Photos with a face, each declared as a consenting member of staff, or photo.undeclared-faces
        // rightly withholds them: xmp_no_exif.jpg is a film poster with a man's face; the
        // invalid_image fixtures are adverts showing a boy, a woman half hidden behind logos and a
        // girl among flowers (the cascade detector before BlazeFace missed all three).
        const std::set<std::string> with_a_face = {"xmp_no_exif.jpg", "invalid_image00971.jpg",
                                                   "invalid_image01088.jpg", "invalid_image01137.jpg"};
        std::string people = with_a_face.count(e.file) ? "[S0001]" : "[]";
        site.write("content/news/" + name + ".md",
                   "---\ntitle: Photo " + name + "\ndate: 2026-10-01\nphotos:\n  - src: " + photo +
                       "\n    alt: A view of the school grounds\n    people: " + people + "\n---\nA view.\n");
    }
}

// Every file in site/media, by name.
std::map<std::string, std::string> published_media(const TempSite& site) {
    std::map<std::string, std::string> media;
    if (fs::is_directory(site.site() / "media"))
        for (const auto& item : fs::directory_iterator(site.site() / "media"))
            media[item.path().filename().string()] = sg::util::read_file(item.path());
    return media;
}

// The media files a page's HTML references.
std::set<std::string> referenced(const std::string& html) {
    static const std::regex media_ref("media/([0-9a-f]{16}-[0-9]+\\.(jpg|webp|avif))");
    std::set<std::string> names;
    for (std::sregex_iterator it(html.begin(), html.end(), media_ref), end; it != end; ++it) names.insert((*it)[1]);
    return names;
}

// A phone photo as HEIC or AVIF, made by libvips from a camera fixture turned upright, carrying
// that camera's EXIF and GPS, plus `person` named in XMP Iptc4xmpExt:PersonInImage if given.
std::string phone_photo(const TempSite& site, const char* suffix, const std::string& person) {
    // A new name each time: libvips caches what it loaded by file name.
    static int made = 0;
    fs::path jpeg = site.root() / ("source-" + std::to_string(made++) + ".jpg");
    fs::copy_file(camera_dir() / "orientation_portrait_6.jpg", jpeg, fs::copy_options::overwrite_existing);
    fs::path gps = camera_dir() / "gps_DSCN0010.jpg";
    auto donor = Exiv2::ImageFactory::open(gps.string());
    donor->readMetadata();
    auto image = Exiv2::ImageFactory::open(jpeg.string());
    image->readMetadata();
    for (const auto& datum : donor->exifData())
        if (datum.groupName() == "GPSInfo") image->exifData().add(datum);
    if (!person.empty()) {
        Exiv2::XmpArrayValue people(Exiv2::xmpBag);
        people.read(person);
        image->xmpData().add(Exiv2::XmpKey("Xmp.iptcExt.PersonInImage"), &people);
    }
    image->writeMetadata();
    vips::VImage upright = vips::VImage::new_from_file(jpeg.c_str()).autorot();
    void* data = nullptr;
    size_t length = 0;
    upright.write_to_buffer(suffix, &data, &length, vips::VImage::option()->set("strip", false));
    std::string bytes(static_cast<const char*>(data), length);
    g_free(data);
    fs::remove(jpeg);
    return bytes;
}

}  // namespace

TEST_SUITE("e2e::media") {

TEST_CASE("HEIC and AVIF photos are published clean and upright, or withheld with the rule their metadata calls for") {
    TempSite site;
    struct Case {
        const char* name;
        std::string bytes;
        std::vector<std::string> rules;  // empty: published
    };
    std::string heic = phone_photo(site, ".heic", "");
    const Case cases[] = {
        {"phone.heic", heic, {}},
        {"phone.avif", phone_photo(site, ".avif", ""), {}},
        // The people tag inside the HEIC's XMP item is found: a pupil the page does not declare.
        {"tagged.heic", phone_photo(site, ".heic", "Amelia Thornbury"), {"photo.tag-mismatch"}},
        {"tagged.avif", phone_photo(site, ".avif", "Amelia Thornbury"), {"photo.tag-mismatch"}},
        {"truncated.heic", heic.substr(0, heic.size() / 2), {"media.unreadable"}},
        {"broken-boxes.heic", std::string(heic).replace(heic.find("iloc") - 4, 4, "\x7F\xFF\xFF\xFF"),
         {"media.unreadable"}},
    };
    for (const auto& c : cases) {
        std::string stem = fs::path(c.name).stem().string() + "-" + fs::path(c.name).extension().string().substr(1);
        site.write("content/news/" + std::string(c.name), c.bytes);
        site.write("content/news/" + stem + ".md",
                   "---\ntitle: Photo " + stem + "\ndate: 2026-10-01\nphotos:\n  - src: " + std::string(c.name) +
                       "\n    alt: A view of the school grounds\n    people: []\n---\nA view.\n");
    }
    auto result = build(site);
    INFO(printed(site, result));
    std::map<std::string, std::string> media = published_media(site);
    for (const auto& c : cases) {
        std::string name = c.name;
        CAPTURE(name);
        std::string stem = fs::path(c.name).stem().string() + "-" + fs::path(c.name).extension().string().substr(1);
        CHECK(rules_withholding(result, "content/news/" + stem + ".md") == c.rules);
        std::string url = "site/news/" + stem + "/index.html";
        if (!c.rules.empty()) {
            CHECK_FALSE(site.exists(url));
            continue;
        }
        REQUIRE(site.exists(url));
        std::set<std::string> names = referenced(site.read(url));
        CHECK(names.size() >= 2);
        for (const std::string& name : names) {
            CAPTURE(name);
            REQUIRE(media.count(name));
            vips::VImage image = vips::VImage::new_from_buffer(media[name], "");
            CHECK(image.height() > image.width());  // upright: the portrait it was taken as
            CHECK(sg::media::testing::joined(sg::media::find_metadata(media[name])) == "");
            CHECK(sg::media::testing::joined(sg::media::testing::exiv2_finds(media[name])) == "");
        }
    }
}

TEST_CASE("with avif in images.formats, pages offer AVIF renditions, verified clean") {
    TempSite site;
    std::string config = site.read("schoolgate.yml");
    auto at = config.find("formats:");
    REQUIRE(at != std::string::npos);
    config.replace(at, config.find('\n', at) - at, "formats: [jpeg, webp, avif]");
    site.write("schoolgate.yml", config);
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    site.write("content/news/lake.md",
               "---\ntitle: Lake\ndate: 2026-10-01\nphotos:\n  - src: lake.jpg\n"
               "    alt: The lake\n    people: []\n---\nA view.\n");
    auto result = build(site);
    INFO(printed(site, result));
    REQUIRE(result.status == Status::published);
    std::string html = site.read("site/news/lake/index.html");
    CHECK(html.find("<source type=\"image/avif\"") != std::string::npos);
    std::set<std::string> names = referenced(html);
    size_t avif = 0;
    for (const auto& [name, bytes] : published_media(site)) {
        CAPTURE(name);
        if (!name.ends_with(".avif")) continue;
        ++avif;
        CHECK(names.count(name));
        CHECK(sg::media::testing::joined(sg::media::find_metadata(bytes)) == "");
        CHECK(sg::media::testing::joined(sg::media::testing::exiv2_finds(bytes)) == "");
    }
    CHECK(avif >= 1);
}

TEST_CASE("every camera and phone fixture is published clean and upright, or withheld with its media rule") {
    std::set<std::string> listed, on_disk;
    for (const auto& e : expected) listed.insert(e.file);
    for (const auto& item : fs::directory_iterator(camera_dir()))
        if (is_image(item.path())) on_disk.insert(item.path().filename().string());
    REQUIRE(listed == on_disk);

    TempSite site;
    add_fixture_posts(site);
    auto result = build(site);
    INFO(printed(site, result));
    CHECK(result.status == Status::withheld);  // corrupted.jpg
    std::map<std::string, std::string> media = published_media(site);
    REQUIRE(!media.empty());

    for (const auto& e : expected) {
        CAPTURE(std::string(e.file));
        std::string page = "content/news/" + slug(e.file) + ".md";
        std::string url = "site/news/" + slug(e.file) + "/index.html";
        if (*e.rule) {
            CHECK(rules_withholding(result, page) == std::vector<std::string>{e.rule});
            CHECK_FALSE(site.exists(url));
            continue;
        }
        CHECK(rules_withholding(result, page).empty());
        REQUIRE(site.exists(url));
        std::set<std::string> names = referenced(site.read(url));
        CHECK(names.size() >= 2);  // at least one width, JPEG and WebP
        for (const std::string& name : names) {
            CAPTURE(name);
            REQUIRE(media.count(name));
            vips::VImage image = vips::VImage::new_from_buffer(media[name], "");
            CHECK(image.width() <= max_width);
            CHECK(name.find("-" + std::to_string(image.width()) + ".") != std::string::npos);
            if (std::string(e.shape) == "landscape") CHECK(image.width() > image.height());
            if (std::string(e.shape) == "portrait") CHECK(image.height() > image.width());
        }
    }
    // Every file written, referenced or not, reads back clean with both readers.
    for (const auto& [name, bytes] : media) {
        CAPTURE(name);
        CHECK(sg::media::testing::joined(sg::media::find_metadata(bytes)) == "");
        CHECK(sg::media::testing::joined(sg::media::testing::exiv2_finds(bytes)) == "");
    }
    // corrupted.jpg is refused at the check already: the face detector cannot decode it either.
    CHECK(result.images_processed == std::size(expected) - 1);
    CHECK(result.faces_detected == std::size(expected));
    CHECK(result.images_from_cache == 0);
}

TEST_CASE("a warm rebuild of an unchanged site processes no image and writes the same bytes") {
    TempSite site;
    add_fixture_posts(site);
    auto cold = build(site);
    CHECK(cold.images_processed == std::size(expected) - 1);  // corrupted.jpg: refused at the check
    std::map<std::string, std::string> first = published_media(site);
    REQUIRE(first.size() >= 2 * (std::size(expected) - 1));  // all but corrupted.jpg

    CHECK(cold.images_inspected == std::size(expected));

    auto warm = build(site);
    CHECK(warm.images_inspected == 0);  // not even opened: header, tags and GPS from the cache
    CHECK(warm.images_inspected_from_cache == std::size(expected));
    CHECK(warm.images_processed == 0);
    CHECK(warm.images_from_cache == std::size(expected) - 1);
    CHECK(warm.faces_detected == 0);  // detection results come from the cache too, refusals included
    CHECK(warm.faces_from_cache == std::size(expected));
    CHECK(warm.status == cold.status);
    CHECK(warm.published == cold.published);
    CHECK(published_media(site) == first);
    // The cache lives beside the sources, never in the published site.
    CHECK(site.exists(".schoolgate/cache/index"));
    CHECK_FALSE(site.exists("site/.schoolgate"));
    for (const auto& item : fs::recursive_directory_iterator(site.site()))
        CHECK(item.path().string().find("cache") == std::string::npos);
}

TEST_CASE("a corrupt or changed cache entry is never published: the photo is processed again") {
    TempSite site;
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    site.write("content/news/lake.md",
               "---\ntitle: Lake\ndate: 2026-10-01\nphotos:\n  - src: lake.jpg\n"
               "    alt: The lake\n    people: []\n---\nA view.\n");
    auto cold = build(site);
    REQUIRE(cold.status == Status::published);
    std::map<std::string, std::string> first = published_media(site);
    REQUIRE(first.size() == 4);

    // Damage every cached rendition.
    for (const auto& item : fs::directory_iterator(site.root() / ".schoolgate" / "cache" / "media")) {
        std::string bytes = sg::util::read_file(item.path());
        bytes[bytes.size() / 2] ^= 0x20;
        sg::util::write_file_atomic(item.path(), bytes);
    }
    auto rebuilt = build(site);
    CHECK(rebuilt.status == Status::published);
    CHECK(rebuilt.images_processed == 1);
    CHECK(rebuilt.images_from_cache == 0);
    CHECK(published_media(site) == first);

    // A changed photo is a new one, even at the same path and size.
    std::string other = sg::util::read_file(fs::path(SG_FIXTURES_DIR) / "camera" / "gps_DSCN0012.jpg");
    site.write("content/news/lake.jpg", other);
    auto changed = build(site);
    CHECK(changed.images_processed == 1);
    CHECK(published_media(site) != first);
}

}  // TEST_SUITE
