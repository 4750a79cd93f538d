#include <doctest/doctest.h>

#include "media/image.h"
#include "media/test_support.h"

namespace sg::media {
namespace {

using testing::fixture;
using vips::VImage;

// `box` in pixels of an image `width` x `height` wide, shrunk or grown by `grow` of its size.
VImage area(const VImage& image, const Box& box, double grow) {
    int left = int((box.x - box.width * grow) * image.width()), top = int((box.y - box.height * grow) * image.height());
    int w = int(box.width * (1 + 2 * grow) * image.width()), h = int(box.height * (1 + 2 * grow) * image.height());
    return image.crop(left, top, w, h);
}

// Mean absolute difference of two images of the same size (0: same, 255: opposite).
double difference(const VImage& a, const VImage& b) { return (a.cast(VIPS_FORMAT_FLOAT) - b.cast(VIPS_FORMAT_FLOAT)).abs().avg(); }

// How much fine detail an image holds: its mean distance from a blurred copy of itself.
double detail(const VImage& image) {
    VImage grey = image.colourspace(VIPS_INTERPRETATION_B_W).cast(VIPS_FORMAT_FLOAT);
    return (grey - grey.gaussblur(1.0)).abs().avg();
}

}  // namespace

TEST_SUITE("media::obscure") {
    TEST_CASE("an obscured region is pixelated and blurred in every width and format, the rest untouched") {
        Settings settings{.widths = {160, 320, 640}, .max_width = 640, .formats = {"jpeg", "webp"}};
        const Box box{0.30, 0.35, 0.20, 0.25};
        ProcessResult plain = process(fixture("gps_DSCN0010.jpg"), settings);
        ProcessResult obscured = process(fixture("gps_DSCN0010.jpg"), settings, {box});
        REQUIRE(plain.processed);
        REQUIRE(obscured.processed);
        REQUIRE(plain.processed->renditions.size() == 6);
        REQUIRE(obscured.processed->renditions.size() == 6);
        // The source, decoded upright at each width, is the reference for "unchanged".
        VImage source = VImage::new_from_file(fixture("gps_DSCN0010.jpg").c_str()).autorot();
        for (size_t i = 0; i < plain.processed->renditions.size(); ++i) {
            const Rendition& before = plain.processed->renditions[i];
            const Rendition& after = obscured.processed->renditions[i];
            CAPTURE(after.format);
            CAPTURE(after.width);
            REQUIRE(before.width == after.width);
            REQUIRE(before.format == after.format);
            CHECK(before.name != after.name);
            VImage a = VImage::new_from_buffer(before.bytes, "").copy_memory();
            VImage b = VImage::new_from_buffer(after.bytes, "").copy_memory();
            VImage reference = source.resize(double(a.width()) / source.width());
            if (reference.height() != a.height()) reference = reference.crop(0, 0, a.width(), std::min(a.height(), reference.height()));
            // Inside the region: far from the original, and without its fine detail.
            VImage inside_before = area(a, box, -0.05), inside_after = area(b, box, -0.05);
            CHECK(difference(inside_before, inside_after) > 8);
            CHECK(detail(inside_after) < 0.35 * detail(inside_before));
            // Outside the region and its margin: what the plain pipeline writes, within re-encoding
            // (JPEG blocks away from the region come out the same; WebP's encoder moves a little
            // everywhere).
            VImage right_before = a.crop(a.width() * 3 / 4, 0, a.width() / 4, a.height());
            VImage right_after = b.crop(b.width() * 3 / 4, 0, b.width() / 4, b.height());
            CHECK(difference(right_before, right_after) < (after.format == "jpeg" ? 1.5 : 4.0));
            VImage top_before = a.crop(0, 0, a.width(), a.height() / 5), top_after = b.crop(0, 0, b.width(), b.height() / 5);
            CHECK(difference(top_before, top_after) < (after.format == "jpeg" ? 1.5 : 4.0));
            // And outside is the source itself, within resizing and re-encoding, while inside is not.
            VImage right_source = reference.crop(a.width() * 3 / 4, 0, a.width() / 4, reference.height());
            CHECK(difference(right_source, right_after.crop(0, 0, right_source.width(), right_source.height())) < 10);
            CHECK(difference(area(reference, box, -0.05), area(b.crop(0, 0, reference.width(), reference.height()), box, -0.05)) > 12);
        }
    }

    TEST_CASE("a region at the picture's edge is obscured up to the edge") {
        Settings settings{.widths = {200}, .max_width = 200, .formats = {"jpeg"}};
        const Box corner{0.85, 0.0, 0.15, 0.2};
        ProcessResult plain = process(fixture("gps_DSCN0010.jpg"), settings);
        ProcessResult obscured = process(fixture("gps_DSCN0010.jpg"), settings, {corner});
        REQUIRE(obscured.processed);
        VImage a = VImage::new_from_buffer(plain.processed->renditions.back().bytes, "").copy_memory();
        VImage b = VImage::new_from_buffer(obscured.processed->renditions.back().bytes, "").copy_memory();
        VImage before = a.crop(a.width() * 88 / 100, 0, a.width() * 12 / 100, a.height() / 6);
        VImage after = b.crop(b.width() * 88 / 100, 0, b.width() * 12 / 100, b.height() / 6);
        CHECK(detail(after) < 0.35 * detail(before));
    }
}

}  // namespace sg::media
