#include <doctest/doctest.h>

#include <algorithm>

#include "media/containers.h"
#include "media/image.h"
#include "media/test_support.h"

namespace sg::media {
namespace {

using testing::append_u32_le;
using testing::fixture;
using testing::joined;
using testing::png_chunk;
using testing::save_buffer;

bool mentions(const std::vector<std::string>& found, std::string_view text) {
    return std::any_of(found.begin(), found.end(), [&](const std::string& item) {
        return item.find(text) != std::string::npos;
    });
}

// Pixels without any metadata.
vips::VImage plain_image() {
    return vips::VImage::black(64, 48, vips::VImage::option()->set("bands", 3)) + 128;
}

vips::VImage small_photo() {
    return vips::VImage::new_from_file(fixture("gps_DSCN0010.jpg").c_str()).resize(0.1);
}

// A RIFF WebP around `chunks`, with a correct RIFF size.
std::string webp_file(std::string_view chunks) {
    std::string out = "RIFF";
    append_u32_le(out, std::uint32_t(4 + chunks.size()));
    return out + "WEBP" + std::string(chunks);
}

std::string riff_chunk(std::string_view type, std::string_view data) {
    std::string out(type);
    append_u32_le(out, std::uint32_t(data.size()));
    out += data;
    if (data.size() % 2 == 1) out += '\0';
    return out;
}

}  // namespace

TEST_SUITE("media::verify") {
    TEST_CASE("images with nothing but pixels are clean") {
        for (std::string suffix : {".jpg", ".png"}) {
            CAPTURE(suffix);
            std::string bytes = save_buffer(plain_image(), suffix.c_str(), true);
            CHECK(joined(find_metadata(bytes)) == "");
        }
    }

    TEST_CASE("a JPEG saved without strip from a GPS photo is reported") {
        std::string bytes = save_buffer(small_photo(), ".jpg", false);
        auto found = find_metadata(bytes);
        CHECK(mentions(found, "APP1 segment (EXIF)"));
        CHECK(mentions(found, "Exif.GPSInfo"));
    }

    TEST_CASE("a WebP saved with strip from a GPS photo is reported (libvips 8.14 keeps EXIF)") {
        auto found = find_metadata(save_buffer(small_photo(), ".webp", true));
        CHECK(mentions(found, "EXIF chunk"));
        CHECK(mentions(found, "Exif.GPSInfo"));
    }

    TEST_CASE("strip_webp_metadata leaves only image chunks, with and without alpha") {
        auto with_alpha = plain_image().bandjoin(128.0);  // half transparent
        for (const auto& image : {plain_image(), small_photo(), with_alpha}) {
            std::string stripped = strip_webp_metadata(save_buffer(image, ".webp", true));
            CHECK(joined(find_metadata(stripped)) == "");
            auto decoded = vips::VImage::new_from_buffer(stripped, "");
            CHECK(decoded.width() == image.width());
            CHECK(decoded.bands() == image.bands());
        }
    }

    TEST_CASE("JPEG segments and structure outside the pixels are reported") {
        std::string clean = save_buffer(plain_image(), ".jpg", true);
        auto segment = [](char marker, std::string_view payload) {
            std::string out = {'\xFF', marker, char((payload.size() + 2) >> 8),
                               char((payload.size() + 2) & 0xFF)};
            return out + std::string(payload);
        };
        auto after_soi = [&](std::string_view inserted) {
            return clean.substr(0, 2) + std::string(inserted) + clean.substr(2);
        };
        struct Case {
            const char* name;
            std::string bytes;
            const char* expected;
        };
        const Case cases[] = {
            {"comment", after_soi(segment('\xFE', "taken by J. Smith")), "COM segment (comment)"},
            {"ICC profile", after_soi(segment('\xE2', std::string("ICC_PROFILE\0", 12))),
             "APP2 segment (ICC profile)"},
            {"Photoshop IPTC", after_soi(segment('\xED', "Photoshop 3.0")), "APP13 segment"},
            {"data after EOI", clean + "hidden name", "11 bytes after the end of the image"},
            {"truncated", clean.substr(0, clean.size() / 2), "the JPEG is truncated"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.name);
            CHECK(mentions(find_metadata(c.bytes), c.expected));
        }
    }

    TEST_CASE("a WebP with an EXIF chunk is reported") {
        std::string simple = strip_webp_metadata(save_buffer(plain_image(), ".webp", true));
        std::string vp8 = simple.substr(12);  // the one image chunk after the RIFF header
        std::string vp8x(10, '\0');
        vp8x[0] = 0x08;  // EXIF flag
        std::string exif = riff_chunk("EXIF", "II*\0\x08\0\0\0");
        auto found = find_metadata(webp_file(riff_chunk("VP8X", vp8x) + vp8 + exif));
        CHECK(mentions(found, "EXIF chunk"));
        CHECK(mentions(found, "VP8X header announces EXIF"));
        CHECK(mentions(find_metadata(webp_file(vp8 + riff_chunk("XMP ", "<x:xmpmeta/>"))),
                       "XMP chunk"));
        CHECK(mentions(find_metadata(webp_file(vp8 + riff_chunk("ABCD", "x"))),
                       "unknown WebP chunk 'ABCD'"));
    }

    TEST_CASE("a PNG with a text chunk is reported") {
        std::string clean = save_buffer(plain_image(), ".png", true);
        std::size_t after_ihdr = 8 + 12 + 13;
        std::string with_text = clean.substr(0, after_ihdr) +
                                png_chunk("tEXt", std::string("Author\0Jane Smith", 17)) +
                                clean.substr(after_ihdr);
        CHECK(mentions(find_metadata(with_text), "tEXt chunk"));
        std::string with_exif =
            clean.substr(0, after_ihdr) + png_chunk("eXIf", "MM\0*") + clean.substr(after_ihdr);
        CHECK(mentions(find_metadata(with_exif), "eXIf chunk (EXIF)"));
    }

    // Found by fuzz/media_fuzz.cc: walk_webp read a RIFF size from bytes it did not have.
    TEST_CASE("each walk reports input too short for its container as truncated") {
        for (std::string bytes : {std::string(), std::string("R"), std::string("RIFF\x04\0\0", 7),
                                  std::string("RIFF\x04\0\0\0WEB", 11)})
            CHECK(walk_webp(bytes) == std::vector<std::string>{"the WebP is truncated (no RIFF header)"});
        for (std::string bytes : {std::string(), std::string("\xFF"), std::string("\xFF\xD8\xFF", 3)})
            CHECK(walk_jpeg(bytes) == std::vector<std::string>{"the JPEG is truncated (no end-of-image marker)"});
        for (std::string bytes : {std::string(), std::string("\x89PNG")})
            CHECK(walk_png(bytes) == std::vector<std::string>{"the PNG is truncated (no IEND chunk)"});
    }

    TEST_CASE("anything that is not a known container is reported") {
        for (std::string bytes : {std::string(), std::string("just some text"),
                                  std::string("GIF89a\x01\x00\x01\x00", 10)}) {
            CHECK(find_metadata(bytes) ==
                  std::vector<std::string>{
                      "not a JPEG, PNG, WebP or AVIF file, so its metadata cannot be checked"});
        }
    }
}

}  // namespace sg::media
