#include <doctest/doctest.h>

#include <malloc.h>

#include <chrono>
#include <regex>

#include "media/image.h"
#include "media/probe.h"
#include "media/test_support.h"
#include "util/hash.h"

namespace sg::media {
namespace {

using testing::exiv2_finds;
using testing::fixture;
using testing::joined;
using testing::TempDir;
using vips::VImage;

// Small outputs keep the suite fast; the width logic is the same at any size.
Settings small(std::vector<std::string> formats = {"jpeg", "webp"}) {
    return Settings{.widths = {64, 160}, .max_width = 160, .formats = std::move(formats)};
}

// Decoded now, while the rendition's bytes still exist.
VImage decode(const Rendition& rendition) {
    return VImage::new_from_buffer(rendition.bytes, "").copy_memory();
}

// Mean absolute difference of two images' pixels, both shrunk to 32x24 (0 = same, 255 = opposite).
double difference(const VImage& a, const VImage& b) {
    auto tiny = [](const VImage& image) {
        return image.resize(32.0 / image.width(),
                            VImage::option()->set("vscale", 24.0 / image.height()));
    };
    return (tiny(a) - tiny(b)).abs().avg();
}

Processed processed_or_fail(const ProcessResult& result) {
    if (result.problem) FAIL(result.problem->rule << ": " << result.problem->message);
    REQUIRE(result.processed);
    return *result.processed;
}

}  // namespace

TEST_SUITE("media::process") {
    TEST_CASE("every EXIF orientation comes out upright") {
        for (std::string shape : {"landscape", "portrait"}) {
            auto reference = process(fixture("orientation_" + shape + "_1.jpg"), small({"jpeg"}));
            VImage upright = decode(processed_or_fail(reference).renditions.back());
            // The check can fail: the same photo turned over is far from upright.
            REQUIRE(difference(upright, upright.rot180()) > 20);
            for (int orientation = 1; orientation <= 8; ++orientation) {
                std::string name =
                    "orientation_" + shape + "_" + std::to_string(orientation) + ".jpg";
                CAPTURE(name);
                Processed out = processed_or_fail(process(fixture(name), small({"jpeg"})));
                if (shape == "landscape") {
                    CHECK(out.width > out.height);
                } else {
                    CHECK(out.height > out.width);
                }
                CHECK(difference(decode(out.renditions.back()), upright) < 8);
            }
        }
    }

    TEST_CASE("camera photos come out without any metadata, never wider than the maximum") {
        const char* files[] = {"gps_DSCN0010.jpg",
                               "gps_DSCN0012.jpg",
                               "gps_DSCN0021.jpg",
                               "gps_DSCN0025.jpg",
                               "gps_DSCN0027.jpg",
                               "gps_DSCN0029.jpg",
                               "gps_DSCN0038.jpg",
                               "gps_DSCN0040.jpg",
                               "gps_DSCN0042.jpg",
                               "Canon_40D.jpg",
                               "Canon_40D_photoshop_import.jpg",
                               "Canon_PowerShot_S40.jpg",
                               "Nikon_D70.jpg",
                               "Olympus_C8080WZ.jpg",
                               "Pentax_K10D.jpg",
                               "xmp_BlueSquare.jpg",
                               "xmp_no_exif.jpg",
                               "mobile_jolla.jpg",
                               "tiff_Arbitro.tiff",
                               "invalid_image00971.jpg",
                               "invalid_image01088.jpg",
                               "invalid_image01137.jpg"};
        for (std::string file : files) {
            CAPTURE(file);
            InspectResult source = inspect(fixture(file), Limits{});
            REQUIRE(source.info);
            Processed out = processed_or_fail(process(fixture(file), small()));
            for (const auto& rendition : out.renditions) {
                CAPTURE(rendition.name);
                CHECK(joined(find_metadata(rendition.bytes)) == "");
                CHECK(joined(exiv2_finds(rendition.bytes)) == "");
                CHECK(rendition.width <= 160);
                CHECK(rendition.width <= source.info->width);  // all these are stored upright
                CHECK(decode(rendition).width() == rendition.width);
            }
        }
    }

    TEST_CASE("widths: each configured width below the source, plus the source up to the maximum") {
        struct Case {
            std::vector<int> widths;
            int max_width;
            std::vector<int> expected;
        };
        const Case cases[] = {
            {{480, 960, 1600}, 1600, {480, 640}},  // the 640px source is not upscaled
            {{100, 200, 400}, 1600, {100, 200, 400}},
            {{100, 200, 400}, 300, {100, 200, 300}},
            {{1000}, 1600, {640}},
        };
        for (const auto& c : cases) {
            Settings settings{.widths = c.widths, .max_width = c.max_width, .formats = {"jpeg"}};
            Processed out = processed_or_fail(process(fixture("gps_DSCN0010.jpg"), settings));
            std::vector<int> widths;
            for (const auto& rendition : out.renditions) widths.push_back(rendition.width);
            CHECK(widths == c.expected);
            CHECK(out.width == c.expected.back());
            CHECK(out.height == c.expected.back() * 3 / 4);
        }
    }

    TEST_CASE("renditions are every width in every format, named by content hash") {
        Processed out = processed_or_fail(process(fixture("gps_DSCN0010.jpg"), small()));
        REQUIRE(out.renditions.size() == 4);
        const char* expected[][2] = {
            {"jpeg", "-64.jpg"}, {"webp", "-64.webp"}, {"jpeg", "-160.jpg"}, {"webp", "-160.webp"}};
        for (std::size_t i = 0; i < 4; ++i) {
            const Rendition& rendition = out.renditions[i];
            CHECK(rendition.format == expected[i][0]);
            CHECK(rendition.name ==
                  util::sha256_hex(rendition.bytes).substr(0, 16) + expected[i][1]);
            CHECK(std::string(decode(rendition).get_string("vips-loader")) ==
                  (rendition.format == "jpeg" ? "jpegload_buffer" : "webpload_buffer"));
        }
    }

    TEST_CASE("processing leaves nothing of the encoded images in memory") {
        // libvips 8.14's memory targets kept each encoded image until the process ended.
        Settings settings{.widths = {320}, .max_width = 640, .formats = {"jpeg", "webp"}};
        auto in_use = [] {
            struct mallinfo2 heap = mallinfo2();
            return static_cast<long long>(heap.uordblks + heap.hblkhd);
        };
        auto encode = [&] {
            long long bytes = 0;
            for (const Rendition& rendition : processed_or_fail(process(fixture("gps_DSCN0010.jpg"), settings)).renditions)
                bytes += static_cast<long long>(rendition.bytes.size());
            return bytes;
        };
        int cache_max = vips_cache_get_max();
        vips_cache_set_max(0);  // as in a build (prepare_for_workers): it would hold the operations
        for (int i = 0; i < 5; ++i) encode();  // the libraries' own first allocations
        long long before = in_use(), encoded = 0;
        for (int i = 0; i < 20; ++i) encoded += encode();
        long long grown = in_use() - before;
        vips_cache_set_max(cache_max);
        CAPTURE(encoded);
        CHECK(grown < encoded / 4);
    }

    TEST_CASE("damaged and non-image files are media.unreadable, without throwing or hanging") {
        TempDir dir;
        std::string photo = util::read_file(fixture("gps_DSCN0010.jpg"));
        const std::filesystem::path files[] = {
            fixture("corrupted.jpg"),
            dir.write("empty.jpg", ""),
            dir.write("letter.jpg", "Dear parents,\nthe trip is on Friday.\n"),
            dir.write("half.jpg", photo.substr(0, photo.size() / 2)),
        };
        for (const auto& file : files) {
            CAPTURE(file);
            auto start = std::chrono::steady_clock::now();
            ProcessResult result = process(file, small());
            CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
            CHECK_FALSE(result.processed);
            REQUIRE(result.problem);
            CHECK(result.problem->rule == "media.unreadable");
        }
        CHECK(process(fixture("corrupted.jpg"), small())
                  .problem->message.starts_with("cannot decode the image: "));
    }

    TEST_CASE("a decompression bomb is refused before decoding") {
        TempDir dir;
        auto bomb = dir.write("bomb.png", testing::png_claiming(30000, 30000));
        auto start = std::chrono::steady_clock::now();
        ProcessResult result = process(bomb, small());
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
        REQUIRE(result.problem);
        CHECK(result.problem->rule == "media.too-large");
    }

    TEST_CASE("a photo with a colour profile is shown in sRGB, one without is taken as sRGB") {
        // Pure red in sRGB is (234, 51, 35) in Display P3: a photo saved with a P3 profile must come
        // out red again, and a photo without a profile keeps its values.
        TempDir dir;
        VImage red = (VImage::black(64, 64, VImage::option()->set("bands", 3)) + std::vector<double>{255, 0, 0})
                         .cast(VIPS_FORMAT_UCHAR)
                         .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
        auto p3 = dir.path() / "p3.jpg", plain = dir.path() / "plain.jpg";
        red.icc_transform("p3", VImage::option()->set("input_profile", "srgb")).jpegsave(p3.c_str());
        red.jpegsave(plain.c_str());
        REQUIRE(VImage::new_from_file(p3.c_str()).getpoint(10, 10)[1] > 40);  // saved as P3's values

        CHECK_FALSE(probe(p3, 50).probe->plain_srgb);
        CHECK(probe(plain, 50).probe->plain_srgb);
        for (const auto& file : {p3, plain}) {
            CAPTURE(file);
            for (const auto& rendition : processed_or_fail(process(file, small())).renditions) {
                std::vector<double> pixel = decode(rendition).getpoint(10, 10);
                CHECK(pixel[0] > 245);
                CHECK(pixel[1] < 10);
                CHECK(pixel[2] < 10);
            }
        }
    }

    TEST_CASE("CMYK and 16-bit sources become 8-bit sRGB, WebP keeps transparency") {
        TempDir dir;
        VImage photo = VImage::new_from_file(fixture("gps_DSCN0010.jpg").c_str()).resize(0.25);
        auto cmyk = dir.path() / "cmyk.jpg";
        photo.colourspace(VIPS_INTERPRETATION_CMYK).jpegsave(cmyk.c_str());
        auto deep = dir.path() / "deep.png";
        const double opacity = 30000 / 65535.0;
        photo.colourspace(VIPS_INTERPRETATION_RGB16)
            .bandjoin(
                (VImage::black(photo.width(), photo.height()) + 30000).cast(VIPS_FORMAT_USHORT))
            .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_RGB16))
            .pngsave(deep.c_str());
        for (const auto& file : {cmyk, deep}) {
            CAPTURE(file);
            Processed out = processed_or_fail(process(file, small()));
            for (const auto& rendition : out.renditions) {
                VImage image = decode(rendition);
                CHECK(image.format() == VIPS_FORMAT_UCHAR);
                CHECK(image.interpretation() == VIPS_INTERPRETATION_sRGB);
                bool transparent = file == deep && rendition.format == "webp";
                CHECK(image.bands() == (transparent ? 4 : 3));
                // JPEG has no alpha: the half-transparent photo is flattened onto white.
                VImage expected = file == deep && rendition.format == "jpeg"
                                      ? photo * opacity + 255 * (1 - opacity)
                                      : photo;
                CHECK(difference(image.extract_band(0, VImage::option()->set("n", 3)), expected) <
                      12);
            }
        }
    }

    TEST_CASE("the HEIC fixture is processed clean, or refused with a clear message") {
        ProcessResult result = process(fixture("heic_IMG_5195.HEIC"), small());
        if (result.processed) {
            CHECK(result.processed->height > result.processed->width);
            for (const auto& rendition : result.processed->renditions) {
                CHECK(joined(find_metadata(rendition.bytes)) == "");
                CHECK(joined(exiv2_finds(rendition.bytes)) == "");
            }
        } else {
            REQUIRE(result.problem);
            CHECK((result.problem->rule == "media.unsupported" ||
                   result.problem->rule == "media.unreadable"));
            CHECK_FALSE(result.problem->message.empty());
        }
    }

    TEST_CASE("the fingerprint is stable and changes with every setting") {
        Settings base;
        CHECK(base.fingerprint() == Settings{}.fingerprint());
        Settings changed[5] = {base, base, base, base, base};
        changed[0].widths = {480, 960};
        changed[1].max_width = 1200;
        changed[2].quality = 80;
        changed[3].formats = {"jpeg"};
        changed[4].max_megapixels = 50.5;
        for (const auto& settings : changed) CHECK(settings.fingerprint() != base.fingerprint());
    }
}

}  // namespace sg::media
