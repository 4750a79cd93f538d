#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace std::string_literals;

#include "media/image.h"
#include "media/test_support.h"

namespace sg::media {
namespace {

using testing::fixture;
using testing::png_claiming;
using testing::TempDir;

// Writes people and keywords into a copy of a fixture, as photo-management software would.
void tag_people(const std::filesystem::path& file) {
    auto image = Exiv2::ImageFactory::open(file.string());
    image->readMetadata();
    Exiv2::XmpData& xmp = image->xmpData();
    Exiv2::XmpTextValue bag;
    bag.setXmpArrayType(Exiv2::XmpValue::xaBag);
    Exiv2::XmpTextValue structure;
    structure.setXmpStruct();

    Exiv2::XmpArrayValue people(Exiv2::xmpBag);
    people.read("Ada Lovelace");
    people.read("Alan Turing");
    xmp.add(Exiv2::XmpKey("Xmp.iptcExt.PersonInImage"), &people);

    xmp.add(Exiv2::XmpKey("Xmp.mwg-rs.Regions"), &structure);
    xmp.add(Exiv2::XmpKey("Xmp.mwg-rs.Regions/mwg-rs:RegionList"), &bag);
    xmp.add(Exiv2::XmpKey("Xmp.mwg-rs.Regions/mwg-rs:RegionList[1]"), &structure);
    xmp["Xmp.mwg-rs.Regions/mwg-rs:RegionList[1]/mwg-rs:Name"] = "Grace Hopper";
    xmp["Xmp.mwg-rs.Regions/mwg-rs:RegionList[1]/mwg-rs:Type"] = "Face";

    xmp.add(Exiv2::XmpKey("Xmp.MP.RegionInfo"), &structure);
    xmp.add(Exiv2::XmpKey("Xmp.MP.RegionInfo/MPRI:Regions"), &bag);
    xmp.add(Exiv2::XmpKey("Xmp.MP.RegionInfo/MPRI:Regions[1]"), &structure);
    xmp["Xmp.MP.RegionInfo/MPRI:Regions[1]/MPReg:PersonDisplayName"] = "Katherine Johnson";

    Exiv2::XmpArrayValue subjects(Exiv2::xmpBag);
    subjects.read("castle");
    subjects.read("Ada Lovelace");
    xmp.add(Exiv2::XmpKey("Xmp.dc.subject"), &subjects);

    Exiv2::IptcData& iptc = image->iptcData();
    for (const char* keyword : {"sports day", "castle"}) {
        Exiv2::StringValue value(keyword);
        iptc.add(Exiv2::IptcKey("Iptc.Application2.Keywords"), &value);
    }
    image->writeMetadata();
}

}  // namespace

TEST_SUITE("media::inspect") {
    TEST_CASE("reads format and stored size from the header, and the EXIF orientation") {
        struct Case {
            const char* file;
            const char* format;
            int width, height, orientation;
        };
        const Case cases[] = {
            {"orientation_landscape_1.jpg", "jpeg", 600, 450, 1},
            {"orientation_landscape_6.jpg", "jpeg", 450, 600, 6},
            {"orientation_portrait_8.jpg", "jpeg", 600, 450, 8},
            {"tiff_Arbitro.tiff", "tiff", 174, 38, 1},
            {"heic_IMG_5195.HEIC", "heif", 2566, 3313, 1},
        };
        for (const auto& c : cases) {
            CAPTURE(std::string(c.file));
            InspectResult result = inspect(fixture(c.file), Limits{});
            REQUIRE(result.info);
            CHECK_FALSE(result.problem);
            CHECK(result.info->format == c.format);
            CHECK(result.info->width == c.width);
            CHECK(result.info->height == c.height);
            CHECK(result.info->orientation == c.orientation);
        }
    }

    TEST_CASE("GPS positions are detected where the camera recorded them") {
        struct Case {
            const char* file;
            bool has_gps;
        };
        const Case cases[] = {
            {"gps_DSCN0010.jpg", true},
            {"gps_DSCN0012.jpg", true},
            {"gps_DSCN0021.jpg", true},
            {"gps_DSCN0025.jpg", true},
            {"gps_DSCN0027.jpg", true},
            {"gps_DSCN0029.jpg", true},
            {"gps_DSCN0038.jpg", true},
            {"gps_DSCN0040.jpg", true},
            {"gps_DSCN0042.jpg", true},
            {"heic_IMG_5195.HEIC", true},
            {"Canon_40D.jpg", true},  // a GPS directory holding only GPSVersionID
            {"Nikon_D70.jpg", false},
            {"xmp_BlueSquare.jpg", false},
            {"orientation_landscape_1.jpg", false},
        };
        for (const auto& c : cases) {
            CAPTURE(std::string(c.file));
            InspectResult result = inspect(fixture(c.file), Limits{});
            REQUIRE(result.info);
            CHECK(result.info->has_gps == c.has_gps);
        }
    }

    TEST_CASE("people named in XMP, face regions and keywords are returned as stored") {
        TempDir dir;
        auto file = dir.copy(fixture("gps_DSCN0010.jpg"), "tagged.jpg");
        tag_people(file);
        InspectResult result = inspect(file, Limits{});
        REQUIRE(result.info);
        CHECK(testing::joined(result.info->people_tags) ==
              "Ada Lovelace | Alan Turing | Grace Hopper | Katherine Johnson");
        CHECK(testing::joined(result.info->keywords) == "sports day | castle | Ada Lovelace");
    }

    TEST_CASE("an untagged photo has no people tags") {
        InspectResult result = inspect(fixture("xmp_BlueSquare.jpg"), Limits{});
        REQUIRE(result.info);
        CHECK(result.info->people_tags.empty());
    }

    TEST_CASE("files that are not readable images are media.unreadable") {
        TempDir dir;
        struct Case {
            std::filesystem::path file;
            const char* message;
        };
        const Case cases[] = {
            {dir.write("empty.jpg", ""), "the image file is empty"},
            {dir.write("notes.jpg", "Dear parents, the trip is on Friday.\n"),
             "the file is not an image in any format libvips recognises"},
            {dir.path() / "missing.jpg", "cannot read the image header: "},
            {dir.write("cut.jpg", util::read_file(fixture("gps_DSCN0010.jpg")).substr(0, 300)),
             "cannot read the image header: "},
        };
        for (const auto& c : cases) {
            CAPTURE(c.file);
            InspectResult result = inspect(c.file, Limits{});
            CHECK_FALSE(result.info);
            REQUIRE(result.problem);
            CHECK(result.problem->rule == "media.unreadable");
            CHECK(result.problem->message.starts_with(c.message));
        }
    }

    TEST_CASE("metadata exiv2 cannot parse withholds the image (fail closed)") {
        TempDir dir;
        std::string photo = util::read_file(fixture("orientation_landscape_1.jpg"));
        std::string bad_exif = "Exif\0\0XX*\0\x08\0\0\0"s;
        std::string segment = "\xFF\xE1"s + char(0) + char(bad_exif.size() + 2) + bad_exif;
        auto file = dir.write("bad-exif.jpg", photo.substr(0, 2) + segment + photo.substr(2));
        InspectResult result = inspect(file, Limits{});
        REQUIRE(result.problem);
        CHECK(result.problem->rule == "media.unreadable");
        CHECK(result.problem->message.starts_with("cannot read the image's metadata ("));
    }

    TEST_CASE("photos with XMP inspected on several threads at once read as they do one at a time") {
        // exiv2's XMP toolkit keeps one namespace registry for the process; unguarded, parallel
        // reads failed with "Schema namespace URI and prefix mismatch" (libraries.h: lock_exiv2).
        const std::vector<std::string> names{"Pentax_K10D.jpg", "xmp_BlueSquare.jpg", "xmp_no_exif.jpg",
                                             "Canon_40D_photoshop_import.jpg", "mobile_jolla.jpg"};
        std::vector<InspectResult> alone;
        for (const auto& name : names) alone.push_back(inspect(fixture(name), Limits{}));
        std::atomic<int> differing{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&, t] {
                for (int round = 0; round < 10; ++round) {
                    size_t i = static_cast<size_t>(t + round) % names.size();
                    InspectResult again = inspect(fixture(names[i]), Limits{});
                    bool same = again.info.has_value() == alone[i].info.has_value() &&
                                (!again.info || again.info->people_tags == alone[i].info->people_tags);
                    if (!same) ++differing;
                }
            });
        for (auto& thread : threads) thread.join();
        for (const auto& result : alone) CHECK(result.info);
        CHECK(differing == 0);
    }

    TEST_CASE("the invalid_image fixtures are readable (their metadata parses)") {
        for (const char* name :
             {"invalid_image00971.jpg", "invalid_image01088.jpg", "invalid_image01137.jpg"}) {
            CAPTURE(std::string(name));
            InspectResult result = inspect(fixture(name), Limits{});
            CHECK(result.info);
        }
    }

    TEST_CASE(
        "file types libvips could read but schoolgate does not publish are media.unsupported") {
        TempDir dir;
        auto pdf = dir.write("photo.jpg", "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
        auto svg = dir.write("photo2.jpg",
                             "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
                             "height=\"10\"/>");
        for (const auto& file : {pdf, svg}) {
            CAPTURE(file);
            InspectResult result = inspect(file, Limits{});
            REQUIRE(result.problem);
            CHECK(result.problem->rule == "media.unsupported");
            CHECK(result.problem->message.find("not a photo format schoolgate can make safe") !=
                  std::string::npos);
        }
    }

    TEST_CASE("an animated GIF is media.unsupported, a still GIF is fine") {
        TempDir dir;
        auto frames = vips::VImage::black(16, 48).copy();  // three 16x16 frames
        frames.set(VIPS_META_PAGE_HEIGHT, 16);
        frames.gifsave((dir.path() / "animated.gif").c_str());
        vips::VImage::black(16, 16).gifsave((dir.path() / "still.gif").c_str());

        InspectResult animated = inspect(dir.path() / "animated.gif", Limits{});
        REQUIRE(animated.problem);
        CHECK(animated.problem->rule == "media.unsupported");
        CHECK(animated.problem->message.starts_with("the image is animated (3 frames)"));
        InspectResult still = inspect(dir.path() / "still.gif", Limits{});
        REQUIRE(still.info);
        CHECK(still.info->format == "gif");
    }

    TEST_CASE("people named in a GIF's XMP packet are returned") {
        TempDir dir;
        vips::VImage::black(16, 16).gifsave((dir.path() / "plain.gif").c_str());
        std::string gif = util::read_file(dir.path() / "plain.gif");
        std::string packet =
            "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
            "xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description "
            "xmlns:Iptc4xmpExt='http://iptc.org/std/Iptc4xmpExt/2008-02-29/'>"
            "<Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>Ada Lovelace</rdf:li></rdf:Bag>"
            "</Iptc4xmpExt:PersonInImage></rdf:Description></rdf:RDF></x:xmpmeta>";
        std::string magic_trailer = "\x01";
        for (int i = 255; i >= 0; --i) magic_trailer += char(i);
        std::string extension = "\x21\xFF\x0BXMP DataXMP" + packet + magic_trailer + '\0';
        auto tagged = dir.write("tagged.gif", gif.substr(0, gif.size() - 1) + extension + ";");
        InspectResult result = inspect(tagged, Limits{});
        REQUIRE(result.info);
        CHECK(testing::joined(result.info->people_tags) == "Ada Lovelace");

        std::string broken = packet.substr(0, packet.size() / 2) + "</x:xmpmeta>";
        auto damaged =
            dir.write("damaged.gif", gif.substr(0, gif.size() - 1) + "\x21\xFF\x0BXMP DataXMP" +
                                         broken + magic_trailer + '\0' + ";");
        InspectResult refused = inspect(damaged, Limits{});
        REQUIRE(refused.problem);
        CHECK(refused.problem->message.starts_with(
            "cannot read the image's metadata (the GIF's XMP packet"));
    }

    TEST_CASE("a header claiming too many pixels is media.too-large, without decoding") {
        TempDir dir;
        auto bomb = dir.write("bomb.png", png_claiming(100000, 100000));
        auto start = std::chrono::steady_clock::now();
        InspectResult result = inspect(bomb, Limits{});
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
        REQUIRE(result.problem);
        CHECK(result.problem->rule == "media.too-large");
        CHECK(result.problem->message ==
              "the image claims 100000x100000 pixels, more than the limit of 50 megapixels");
    }

    TEST_CASE("the pixel limit is configurable") {
        InspectResult result = inspect(fixture("gps_DSCN0010.jpg"), Limits{.max_megapixels = 0.25});
        REQUIRE(result.problem);
        CHECK(result.problem->rule == "media.too-large");
        CHECK(result.problem->message ==
              "the image claims 640x480 pixels, more than the limit of 0.25 megapixels");
        CHECK(inspect(fixture("gps_DSCN0010.jpg"), Limits{.max_megapixels = 0.31}).info);
    }
}

}  // namespace sg::media

namespace sg::media {

TEST_SUITE("media::inspect") {
    TEST_CASE("named MWG and MP face regions are returned with their areas, top-left based") {
        testing::TempDir dir;
        auto file = dir.copy(testing::fixture("gps_DSCN0010.jpg"), "regions.jpg");
        // MWG areas are stored centred: (0.5, 0.4) is the centre of the box at (0.4, 0.25).
        // A name without an area is no region.
        testing::write_mwg_faces(file, {{"Grace Hopper", Box{0.4, 0.25, 0.2, 0.3}}, {"Alan Turing", std::nullopt}});
        {
            auto image = Exiv2::ImageFactory::open(file.string());
            image->readMetadata();
            Exiv2::XmpData& xmp = image->xmpData();
            Exiv2::XmpTextValue bag, structure;
            bag.setXmpArrayType(Exiv2::XmpValue::xaBag);
            structure.setXmpStruct();
            xmp.add(Exiv2::XmpKey("Xmp.MP.RegionInfo"), &structure);
            xmp.add(Exiv2::XmpKey("Xmp.MP.RegionInfo/MPRI:Regions"), &bag);
            xmp.add(Exiv2::XmpKey("Xmp.MP.RegionInfo/MPRI:Regions[1]"), &structure);
            xmp["Xmp.MP.RegionInfo/MPRI:Regions[1]/MPReg:PersonDisplayName"] = "Katherine Johnson";
            xmp["Xmp.MP.RegionInfo/MPRI:Regions[1]/MPReg:Rectangle"] = "0.1, 0.2, 0.25, 0.3";  // top-left
            image->writeMetadata();
        }
        InspectResult result = inspect(file, Limits{});
        REQUIRE(result.info);
        auto regions = result.info->face_regions;
        REQUIRE(regions.size() == 2);
        std::sort(regions.begin(), regions.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
        CHECK(regions[0].name == "Grace Hopper");
        CHECK(regions[0].box.x == doctest::Approx(0.4));
        CHECK(regions[0].box.y == doctest::Approx(0.25));
        CHECK(regions[0].box.width == doctest::Approx(0.2));
        CHECK(regions[0].box.height == doctest::Approx(0.3));
        CHECK(regions[1].name == "Katherine Johnson");
        CHECK(regions[1].box.x == doctest::Approx(0.1));
        CHECK(regions[1].box.y == doctest::Approx(0.2));
        CHECK(regions[1].box.width == doctest::Approx(0.25));
        CHECK(regions[1].box.height == doctest::Approx(0.3));
    }
}

}  // namespace sg::media
