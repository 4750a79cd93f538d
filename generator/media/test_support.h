// Shared helpers for the media stage's tests: fixture paths, a scratch directory, exiv2
// read-back and small image builders. Header-only so it stays out of the sg_media library.
#pragma once
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <exiv2/exiv2.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>
#include <vips/vips8>

#include "media/image.h"
#include "util/fs.h"

namespace sg::media::testing {

inline std::filesystem::path fixture(std::string_view name) {
    return std::filesystem::path(SG_FIXTURES_DIR "/camera") / name;
}

// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                ("sg-media-test-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::filesystem::path write(std::string_view name, std::string_view bytes) const {
        auto file = path_ / name;
        std::ofstream(file, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
        return file;
    }
    std::filesystem::path copy(const std::filesystem::path& from, std::string_view name) const {
        return write(name, util::read_file(from));
    }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// "a | b | c", so a failed check shows the list.
inline std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : " | ") + item;
    return text;
}

// What exiv2 itself finds in encoded bytes, as "exif", "xmp", "iptc", "comment" (empty = clean).
inline std::vector<std::string> exiv2_finds(std::string_view bytes) {
    auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(bytes.data()),
                                           long(bytes.size()));
    image->readMetadata();
    std::vector<std::string> found;
    if (!image->exifData().empty()) found.push_back("exif");
    if (!image->xmpData().empty()) found.push_back("xmp");
    if (!image->iptcData().empty()) found.push_back("iptc");
    if (!image->comment().empty()) found.push_back("comment");
    return found;
}

// A face region in the photo's own metadata: a name and, when known, where (top-left based).
struct NamedFace {
    std::string name;
    std::optional<Box> box;
};

// Writes `faces` into `file`'s XMP as MWG regions (mwg-rs), as photo managers do; areas are stored
// centred, as MWG defines them.
inline void write_mwg_faces(const std::filesystem::path& file, const std::vector<NamedFace>& faces) {
    auto image = Exiv2::ImageFactory::open(file.string());
    image->readMetadata();
    Exiv2::XmpData& xmp = image->xmpData();
    Exiv2::XmpTextValue bag, structure;
    bag.setXmpArrayType(Exiv2::XmpValue::xaBag);
    structure.setXmpStruct();
    const std::string list = "Xmp.mwg-rs.Regions/mwg-rs:RegionList";
    xmp.add(Exiv2::XmpKey("Xmp.mwg-rs.Regions"), &structure);
    xmp.add(Exiv2::XmpKey(list), &bag);
    auto number = [](double value) {
        char text[32];
        std::snprintf(text, sizeof text, "%.9g", value);
        return std::string(text);
    };
    for (size_t i = 0; i < faces.size(); ++i) {
        const std::string region = list + "[" + std::to_string(i + 1) + "]";
        xmp.add(Exiv2::XmpKey(region), &structure);
        xmp[region + "/mwg-rs:Name"] = faces[i].name;
        xmp[region + "/mwg-rs:Type"] = "Face";
        if (!faces[i].box) continue;
        const Box& box = *faces[i].box;
        xmp.add(Exiv2::XmpKey(region + "/mwg-rs:Area"), &structure);
        xmp[region + "/mwg-rs:Area/stArea:x"] = number(box.x + box.width / 2);
        xmp[region + "/mwg-rs:Area/stArea:y"] = number(box.y + box.height / 2);
        xmp[region + "/mwg-rs:Area/stArea:w"] = number(box.width);
        xmp[region + "/mwg-rs:Area/stArea:h"] = number(box.height);
        xmp[region + "/mwg-rs:Area/stArea:unit"] = "normalized";
    }
    image->writeMetadata();
}

inline std::string save_buffer(const vips::VImage& image, const char* suffix, bool strip) {
    void* data = nullptr;
    std::size_t length = 0;
    image.write_to_buffer(suffix, &data, &length, vips::VImage::option()->set("strip", strip));
    std::string bytes(static_cast<const char*>(data), length);
    g_free(data);
    return bytes;
}

inline void append_u32_be(std::string& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out += char((value >> shift) & 0xFF);
}

inline void append_u32_le(std::string& out, std::uint32_t value) {
    for (int shift = 0; shift <= 24; shift += 8) out += char((value >> shift) & 0xFF);
}

// A PNG chunk with its CRC-32, as libpng checks it.
inline std::string png_chunk(std::string_view type, std::string_view data) {
    std::string typed = std::string(type) + std::string(data);
    std::uint32_t crc = 0xFFFFFFFF;
    for (unsigned char byte : typed) {
        crc ^= byte;
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
    }
    std::string chunk;
    append_u32_be(chunk, std::uint32_t(data.size()));
    chunk += typed;
    append_u32_be(chunk, crc ^ 0xFFFFFFFF);
    return chunk;
}

// A valid PNG signature and header claiming `width` x `height` pixels, with one tiny IDAT: what a
// decompression bomb looks like to a header reader.
inline std::string png_claiming(std::uint32_t width, std::uint32_t height) {
    std::string ihdr;
    append_u32_be(ihdr, width);
    append_u32_be(ihdr, height);
    ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, no interlace
    return "\x89PNG\r\n\x1A\n" + png_chunk("IHDR", ihdr) +
           png_chunk("IDAT", std::string("\x78\x9C\x03\x00\x00\x00\x00\x01", 8)) +
           png_chunk("IEND", "");
}

}  // namespace sg::media::testing
