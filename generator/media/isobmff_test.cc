#include "media/isobmff.h"

#include <doctest/doctest.h>

#include "diag/rule_ids.h"
#include "media/containers.h"
#include "media/image.h"
#include "media/test_support.h"

using namespace std::string_literals;

namespace sg::media {
namespace {

using testing::fixture;
using testing::TempDir;

// A copy of the GPS fixture (a Nikon's EXIF with GPS and maker notes) with a person named in its
// XMP, as a phone's photo app would, turned upright.
std::filesystem::path tagged_jpeg(const TempDir& dir, const char* jpeg = "gps_DSCN0010.jpg") {
    auto file = dir.copy(fixture(jpeg), "tagged.jpg");
    auto image = Exiv2::ImageFactory::open(file.string());
    image->readMetadata();
    Exiv2::XmpArrayValue people(Exiv2::xmpBag);
    people.read("Ada Lovelace");
    image->xmpData().add(Exiv2::XmpKey("Xmp.iptcExt.PersonInImage"), &people);
    image->writeMetadata();
    return file;
}

// `jpeg` re-encoded by libvips as HEIC or AVIF with all its metadata (EXIF, GPS, XMP) kept:
// libvips writes them as an 'Exif' item and a 'mime' item of type application/rdf+xml.
std::string as_heif(const std::filesystem::path& jpeg, const char* suffix) {
    vips::VImage image = vips::VImage::new_from_file(jpeg.c_str()).autorot();
    return testing::save_buffer(image, suffix, false);
}

// `bytes` with the first `from` replaced by `to` (same length, so no offset moves).
std::string replaced(std::string bytes, std::string_view from, std::string_view to) {
    REQUIRE(from.size() == to.size());
    auto at = bytes.find(from);
    REQUIRE(at != std::string::npos);
    bytes.replace(at, from.size(), to);
    return bytes;
}

}  // namespace

TEST_SUITE("media::isobmff") {
    TEST_CASE("HEIC and AVIF from libvips are recognised by their ftyp brands") {
        TempDir dir;
        auto jpeg = tagged_jpeg(dir);
        CHECK(is_heif(as_heif(jpeg, ".heic")));
        CHECK(is_heif(as_heif(jpeg, ".avif")));
        CHECK(detect_container(as_heif(jpeg, ".avif")) == Container::heif);
        CHECK(is_heif(util::read_file(fixture("heic_IMG_5195.HEIC"))));
        CHECK_FALSE(is_heif(util::read_file(jpeg)));
        CHECK_FALSE(is_heif(std::string("\0\0\0\x10" "ftypmp42\0\0\0\0", 16)));  // a video
    }

    TEST_CASE("the Exif and XMP items of a HEIC or AVIF are found, with their bytes") {
        TempDir dir;
        auto jpeg = tagged_jpeg(dir);
        for (const char* suffix : {".heic", ".avif"}) {
            CAPTURE(suffix);
            HeifWalk walk = walk_heif(as_heif(jpeg, suffix));
            REQUIRE_FALSE(walk.error);
            CHECK(testing::joined(walk.found) == "Exif item | mime item (application/rdf+xml)");
            REQUIRE(heif_xmp_packets(walk).size() == 1);
            CHECK(heif_xmp_packets(walk)[0].find("Ada Lovelace") != std::string::npos);
            REQUIRE(heif_exif_blocks(walk).size() == 1);
            std::string exif = heif_exif_blocks(walk)[0];
            CHECK((exif.substr(0, 4) == "II*\0"s || exif.substr(0, 4) == "MM\0*"s));
        }
    }

    TEST_CASE("the iPhone HEIC: its grid of tiles is the image, EXIF, XMP and profile are found") {
        HeifWalk walk = walk_heif(util::read_file(fixture("heic_IMG_5195.HEIC")));
        REQUIRE_FALSE(walk.error);
        CHECK(heif_exif_blocks(walk).size() == 1);
        CHECK(heif_xmp_packets(walk).size() == 1);
        CHECK(testing::joined(walk.found) == "colr property (ICC profile) | Exif item | mime item (application/rdf+xml)");
    }

    TEST_CASE("a HEIC or AVIF whose structure cannot be followed is an error, never clean") {
        TempDir dir;
        std::string heic = as_heif(tagged_jpeg(dir), ".heic");
        SUBCASE("truncated") {
            for (std::size_t keep : {std::size_t(20), heic.size() / 3, heic.size() - 1}) {
                CAPTURE(keep);
                HeifWalk walk = walk_heif(heic.substr(0, keep));
                CHECK(walk.error);
                CHECK_FALSE(find_metadata(heic.substr(0, keep)).empty());
            }
        }
        SUBCASE("a meta box claiming more bytes than the file has") {
            std::string broken = heic;
            std::size_t meta = broken.find("meta");
            REQUIRE(meta != std::string::npos);
            broken[meta - 4] = '\x7F';
            CHECK(walk_heif(broken).error);
        }
        SUBCASE("no meta box") {
            CHECK(*walk_heif(std::string("\0\0\0\x10" "ftypheic\0\0\0\0", 16)).error == "the file has no meta box");
        }
    }

    TEST_CASE("inspect finds people tags and GPS inside HEIC and AVIF") {
        TempDir dir;
        auto jpeg = tagged_jpeg(dir);
        for (const char* suffix : {".heic", ".avif"}) {
            CAPTURE(suffix);
            auto file = dir.write(std::string("photo") + suffix, as_heif(jpeg, suffix));
            InspectResult result = inspect(file, Limits{});
            REQUIRE(result.info);
            CHECK(result.info->format == "heif");
            CHECK(result.info->has_gps);
            CHECK(testing::joined(result.info->people_tags) == "Ada Lovelace");
        }
    }

    TEST_CASE("a HEIC whose metadata cannot be read is media.unreadable (fail closed)") {
        TempDir dir;
        std::string heic = as_heif(tagged_jpeg(dir), ".heic");
        struct Case {
            const char* name;
            std::string bytes;
        };
        const Case cases[] = {
            {"broken XMP", replaced(heic, "</rdf:RDF>", "</rdf:XYZ>")},
            {"truncated", heic.substr(0, heic.size() * 2 / 3)},
        };
        for (const auto& c : cases) {
            CAPTURE(c.name);
            InspectResult result = inspect(dir.write("broken.heic", c.bytes), Limits{});
            REQUIRE(result.problem);
            CHECK(result.problem->rule == diag::rule::media_unreadable);
        }
    }

    TEST_CASE("HEIC and AVIF sources come out upright and clean") {
        TempDir dir;
        auto jpeg = tagged_jpeg(dir, "orientation_portrait_6.jpg");
        for (const char* suffix : {".heic", ".avif"}) {
            CAPTURE(suffix);
            auto file = dir.write(std::string("photo") + suffix, as_heif(jpeg, suffix));
            ProcessResult result = process(file, Settings{});
            REQUIRE(result.processed);
            CHECK(result.processed->height > result.processed->width);
            for (const auto& rendition : result.processed->renditions)
                CHECK(testing::joined(find_metadata(rendition.bytes)) == "");
        }
    }

    TEST_CASE("AVIF output, when configured, is clean and read back through the box walk") {
        TempDir dir;
        Settings settings;
        settings.widths = {320};
        settings.max_width = 320;
        settings.formats = {"jpeg", "webp", "avif"};
        ProcessResult result = process(tagged_jpeg(dir), settings);
        REQUIRE(result.processed);
        REQUIRE(result.processed->renditions.size() == 3);
        const Rendition& avif = result.processed->renditions[2];
        CHECK(avif.format == "avif");
        CHECK(avif.name.ends_with("-320.avif"));
        CHECK(is_heif(avif.bytes));
        HeifWalk walk = walk_heif(avif.bytes);
        CHECK_FALSE(walk.error);
        CHECK(testing::joined(walk.found) == "");
        CHECK(testing::joined(find_metadata(avif.bytes)) == "");
        CHECK(testing::joined(testing::exiv2_finds(avif.bytes)) == "");
        // The same file with its metadata kept is reported.
        CHECK_FALSE(find_metadata(as_heif(tagged_jpeg(dir), ".avif")).empty());
    }
}

}  // namespace sg::media
