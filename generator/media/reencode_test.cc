#include <doctest/doctest.h>

#include "media/reencode.h"
#include "media/test_support.h"

namespace sg::media {

using testing::fixture;

TEST_SUITE("media::reencode") {
    TEST_CASE("a camera JPEG comes back with its pixels' size and nothing else") {
        for (const char* name : {"gps_DSCN0010.jpg", "Canon_40D.jpg", "orientation_portrait_6.jpg"}) {
            CAPTURE(name);
            std::string source = util::read_file(fixture(name));
            REQUIRE_FALSE(find_metadata(source).empty());
            std::optional<std::string> clean = reencode_jpeg(source, 90);
            REQUIRE(clean);
            CHECK(find_metadata(*clean).empty());
            CHECK(testing::exiv2_finds(*clean).empty());
            vips::VImage before = vips::VImage::new_from_buffer(source, "", vips::VImage::option()->set("autorotate", false));
            vips::VImage after = vips::VImage::new_from_buffer(*clean, "");
            CHECK(after.width() == before.width());  // stored orientation kept: not turned upright
            CHECK(after.height() == before.height());
            CHECK(after.bands() == before.bands());
            CHECK(reencode_jpeg(source, 90) == clean);
        }
    }

    TEST_CASE("grey stays grey, CMYK and damaged bytes are refused") {
        vips::VImage grey = vips::VImage::new_from_file(fixture("Canon_40D.jpg").c_str()).colourspace(VIPS_INTERPRETATION_B_W);
        std::optional<std::string> clean = reencode_jpeg(testing::save_buffer(grey, ".jpg", false), 85);
        REQUIRE(clean);
        CHECK(vips::VImage::new_from_buffer(*clean, "").bands() == 1);

        vips::VImage rgb = vips::VImage::new_from_file(fixture("Canon_40D.jpg").c_str());
        vips::VImage cmyk = rgb.bandjoin(rgb.extract_band(0)).copy(
            vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_CMYK));
        std::string cmyk_jpeg = testing::save_buffer(cmyk, ".jpg", true);
        REQUIRE(vips::VImage::new_from_buffer(cmyk_jpeg, "").bands() == 4);
        CHECK_FALSE(reencode_jpeg(cmyk_jpeg, 85));

        std::string source = util::read_file(fixture("Canon_40D.jpg"));
        CHECK_FALSE(reencode_jpeg(source.substr(0, source.size() / 2), 85));
        CHECK_FALSE(reencode_jpeg("not a JPEG", 85));
    }
}

}  // namespace sg::media
