// Files made to hurt an image pipeline, each refused with its rule or made safe: the cases of
// issue 5 not covered by inspect_test and process_test (corrupt, truncated, empty, PNG bombs,
// CMYK, 16-bit, alpha, animated GIF are there).
#include <doctest/doctest.h>

#include <chrono>

#include "diag/rule_ids.h"
#include "media/image.h"
#include "media/test_support.h"

namespace sg::media {
namespace {

using testing::fixture;
using testing::TempDir;
using vips::VImage;

Settings small() {
    Settings settings;
    settings.widths = {160};
    settings.max_width = 320;
    return settings;
}

// `bytes` with the 4-byte big-endian fields after the first `box` type (and its version and
// flags) replaced: an ISOBMFF 'ispe' box holds width then height.
std::string with_ispe(std::string bytes, std::uint32_t width, std::uint32_t height) {
    auto at = bytes.find("ispe");
    REQUIRE(at != std::string::npos);
    std::string fields;
    testing::append_u32_be(fields, width);
    testing::append_u32_be(fields, height);
    bytes.replace(at + 8, 8, fields);
    return bytes;
}

// A baseline JPEG (no EXIF thumbnail, so the first SOF0 is the image's) whose frame header
// claims `width` x `height`.
std::string jpeg_claiming(std::uint16_t width, std::uint16_t height) {
    std::string jpeg = testing::save_buffer(VImage::new_from_file(fixture("gps_DSCN0010.jpg").c_str()), ".jpg", true);
    auto at = jpeg.find("\xFF\xC0");
    REQUIRE(at != std::string::npos);
    jpeg[at + 5] = char(height >> 8);
    jpeg[at + 6] = char(height & 0xFF);
    jpeg[at + 7] = char(width >> 8);
    jpeg[at + 8] = char(width & 0xFF);
    return jpeg;
}

}  // namespace

TEST_SUITE("media::hostile") {
    TEST_CASE("the format is read from the content, whatever the file is called") {
        TempDir dir;
        VImage photo = VImage::new_from_file(fixture("gps_DSCN0010.jpg").c_str()).resize(0.25);
        struct Case {
            std::filesystem::path file;
            const char* format;
        };
        const Case cases[] = {
            {dir.write("really-a-png.jpg", testing::save_buffer(photo, ".png", true)), "png"},
            {dir.write("really-a-jpeg.png", testing::save_buffer(photo, ".jpg", true)), "jpeg"},
            {dir.write("really-a-webp.heic", testing::save_buffer(photo, ".webp", true)), "webp"},
            {dir.write("really-a-heic.jpg", testing::save_buffer(photo, ".heic", true)), "heif"},
            {dir.write("no-extension", testing::save_buffer(photo, ".jpg", true)), "jpeg"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.file);
            InspectResult inspected = inspect(c.file, Limits{});
            REQUIRE(inspected.info);
            CHECK(inspected.info->format == c.format);
            ProcessResult result = process(c.file, small());
            REQUIRE(result.processed);
            for (const auto& rendition : result.processed->renditions)
                CHECK(testing::joined(find_metadata(rendition.bytes)) == "");
        }
    }

    TEST_CASE("headers claiming huge dimensions are media.too-large, in every format, without decoding") {
        TempDir dir;
        struct Case {
            std::filesystem::path file;
        };
        const Case cases[] = {
            {dir.write("bomb.jpg", jpeg_claiming(65000, 65000))},
            {dir.write("wide.jpg", jpeg_claiming(65000, 1000))},
            {dir.write("bomb.png", testing::png_claiming(100000, 100000))},
        };
        for (const auto& c : cases) {
            CAPTURE(c.file);
            auto start = std::chrono::steady_clock::now();
            ProcessResult result = process(c.file, small());
            CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
            REQUIRE(result.problem);
            CHECK(result.problem->rule == diag::rule::media_too_large);
            InspectResult inspected = inspect(c.file, Limits{});
            REQUIRE(inspected.problem);
            CHECK(inspected.problem->rule == diag::rule::media_too_large);
        }
    }

    TEST_CASE("a HEIC claiming huge dimensions is media.too-large, from its boxes, before decoding") {
        // libheif 1.15 refuses this header itself, as if the file were unreadable; the size its
        // ispe property declares is checked first.
        TempDir dir;
        std::string heic = testing::save_buffer(VImage::black(64, 64, VImage::option()->set("bands", 3)), ".heic", true);
        auto file = dir.write("bomb.heic", with_ispe(heic, 20000, 20000));
        auto start = std::chrono::steady_clock::now();
        ProcessResult result = process(file, small());
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
        REQUIRE(result.problem);
        CHECK(result.problem->rule == diag::rule::media_too_large);
        CHECK(result.problem->message == "the image claims 20000x20000 pixels, more than the limit of 50 megapixels");
        InspectResult inspected = inspect(file, Limits{});
        REQUIRE(inspected.problem);
        CHECK(inspected.problem->rule == diag::rule::media_too_large);
    }

    TEST_CASE("an extreme aspect ratio within the pixel limit is processed, never wider than the maximum") {
        TempDir dir;
        auto strip = dir.path() / "strip.png";
        VImage::black(40000, 3, VImage::option()->set("bands", 3)).pngsave(strip.c_str());
        ProcessResult result = process(strip, small());
        REQUIRE(result.processed);
        for (const auto& rendition : result.processed->renditions) {
            CHECK(rendition.width <= 320);
            CHECK(rendition.height >= 1);
        }
    }

    TEST_CASE("an animated WebP is media.unsupported, like an animated GIF") {
        TempDir dir;
        // Three different frames: libwebp folds identical ones into a still image.
        VImage frames = (VImage::xyz(16, 48)[1] * 5).cast(VIPS_FORMAT_UCHAR).copy();
        frames.set(VIPS_META_PAGE_HEIGHT, 16);
        auto file = dir.path() / "animated.webp";
        frames.webpsave(file.c_str());
        InspectResult result = inspect(file, Limits{});
        REQUIRE(result.problem);
        CHECK(result.problem->rule == diag::rule::media_unsupported);
        CHECK(process(file, small()).problem->rule == diag::rule::media_unsupported);
    }
}

}  // namespace sg::media
