#include "media/containers.h"

#include "media/isobmff.h"

#include <cstdint>
#include <cstdio>

namespace sg::media {
namespace {

std::uint8_t byte_at(std::string_view bytes, std::size_t pos) {
    return static_cast<std::uint8_t>(bytes[pos]);
}

std::uint32_t big_endian(std::string_view bytes, std::size_t pos, int length) {
    std::uint32_t value = 0;
    for (int i = 0; i < length; ++i) value = value << 8 | byte_at(bytes, pos + i);
    return value;
}

std::uint32_t little_endian32(std::string_view bytes, std::size_t pos) {
    std::uint32_t value = 0;
    for (int i = 3; i >= 0; --i) value = value << 8 | byte_at(bytes, pos + i);
    return value;
}

std::string hex(std::uint8_t value) {
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X", value);
    return text;
}

std::string trailing(std::size_t count) {
    return std::to_string(count) + " bytes after the end of the image";
}

// --- JPEG: markers from SOI to EOI, skipping entropy-coded data between them. -----------------

bool is_rst(std::uint8_t marker) { return marker >= 0xD0 && marker <= 0xD7; }

bool is_sof(std::uint8_t marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// What an APP0..APP15 or COM segment carries, for the finding's text.
std::string describe_segment(std::uint8_t marker, std::string_view payload) {
    auto starts = [&](std::string_view prefix) {
        return payload.substr(0, prefix.size()) == prefix;
    };
    if (marker == 0xFE) return "COM segment (comment)";
    std::string name = "APP" + std::to_string(marker - 0xE0) + " segment";
    if (marker == 0xE0 && starts("JFIF")) return name + " (JFIF thumbnail)";
    if (marker == 0xE0 && starts("JFXX")) return name + " (JFXX thumbnail)";
    if (marker == 0xE1 && starts(std::string_view("Exif\0\0", 6))) return name + " (EXIF)";
    if (marker == 0xE1 && starts("http://ns.adobe.com/")) return name + " (XMP)";
    if (marker == 0xE2 && starts("ICC_PROFILE")) return name + " (ICC profile)";
    if (marker == 0xE2 && starts("MPF")) return name + " (MPF embedded images)";
    if (marker == 0xED) return name + " (IPTC/Photoshop)";
    return name;
}

// A JFIF APP0 is image data unless its own thumbnail fields are non-zero.
bool is_plain_jfif(std::string_view payload) {
    return payload.size() >= 14 && payload.substr(0, 5) == std::string_view("JFIF\0", 5) &&
           byte_at(payload, 12) == 0 && byte_at(payload, 13) == 0;
}

}  // namespace

Container detect_container(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xFF\xD8\xFF") return Container::jpeg;
    if (bytes.substr(0, 8) == "\x89PNG\r\n\x1A\n") return Container::png;
    if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP") {
        return Container::webp;
    }
    if (is_heif(bytes)) return Container::heif;
    return Container::unknown;
}

std::vector<std::string> walk_jpeg(std::string_view bytes) {
    std::vector<std::string> found;
    std::size_t pos = 2;  // after SOI
    bool in_scan = false;
    while (true) {
        if (in_scan) {
            // Entropy-coded data: 0xFF is followed by a stuffed 0x00, a restart marker, fill
            // 0xFF, or the next real marker.
            pos = bytes.find('\xFF', pos);
            if (pos == std::string_view::npos || pos + 1 >= bytes.size()) break;
            std::uint8_t next = byte_at(bytes, pos + 1);
            if (next == 0x00 || is_rst(next)) {
                pos += 2;
            } else if (next == 0xFF) {
                pos += 1;
            } else {
                in_scan = false;
            }
            continue;
        }
        if (pos >= bytes.size()) break;
        if (byte_at(bytes, pos) != 0xFF) {
            found.push_back("unexpected data at offset " + std::to_string(pos));
            return found;
        }
        while (pos < bytes.size() && byte_at(bytes, pos) == 0xFF) ++pos;
        if (pos >= bytes.size()) break;
        std::uint8_t marker = byte_at(bytes, pos++);
        if (marker == 0xD9) {  // EOI
            if (pos < bytes.size()) found.push_back(trailing(bytes.size() - pos));
            return found;
        }
        if (is_rst(marker) || marker == 0x01) continue;  // no length field
        if (pos + 2 > bytes.size()) break;
        std::size_t length = big_endian(bytes, pos, 2);
        if (length < 2 || pos + length > bytes.size()) break;
        std::string_view payload = bytes.substr(pos + 2, length - 2);
        bool image_data = is_sof(marker) || marker == 0xC4 || marker == 0xCC || marker == 0xDB ||
                          marker == 0xDD || marker == 0xDC || marker == 0xDA ||
                          (marker == 0xE0 && is_plain_jfif(payload));
        if (marker >= 0xE0 || marker == 0xFE) {
            if (!image_data) found.push_back(describe_segment(marker, payload));
        } else if (!image_data) {
            found.push_back("unknown JPEG marker " + hex(marker));
        }
        pos += length;
        if (marker == 0xDA) in_scan = true;
    }
    found.push_back("the JPEG is truncated (no end-of-image marker)");
    return found;
}

std::vector<std::string> walk_png(std::string_view bytes) {
    // Chunks that describe pixels only; everything else could carry text, time or a profile.
    static constexpr std::string_view image_chunks[] = {"IHDR", "PLTE", "IDAT", "tRNS", "gAMA",
                                                        "sRGB", "cHRM", "sBIT", "bKGD", "pHYs"};
    std::vector<std::string> found;
    std::size_t pos = 8;  // after the signature
    while (pos + 12 <= bytes.size()) {
        std::size_t length = big_endian(bytes, pos, 4);
        std::string type(bytes.substr(pos + 4, 4));
        if (length > bytes.size() - pos - 12) break;
        pos += 12 + length;
        if (type == "IEND") {
            if (pos < bytes.size()) found.push_back(trailing(bytes.size() - pos));
            return found;
        }
        bool image_data = false;
        for (auto chunk : image_chunks) image_data = image_data || chunk == type;
        if (image_data) continue;
        if (type == "eXIf") {
            found.push_back("eXIf chunk (EXIF)");
        } else if (type == "tEXt" || type == "zTXt" || type == "iTXt") {
            found.push_back(type + " chunk (text, e.g. XMP or a comment)");
        } else if (type == "iCCP") {
            found.push_back("iCCP chunk (ICC profile)");
        } else if (type == "tIME") {
            found.push_back("tIME chunk (timestamp)");
        } else {
            found.push_back("unknown PNG chunk '" + type + "'");
        }
    }
    found.push_back("the PNG is truncated (no IEND chunk)");
    return found;
}

std::vector<std::string> walk_webp(std::string_view bytes) {
    // VP8X flag bits: ICC profile, EXIF, XMP.
    constexpr std::uint8_t icc_flag = 0x20, exif_flag = 0x08, xmp_flag = 0x04;
    std::vector<std::string> found;
    if (bytes.size() < 12) return {"the WebP is truncated (no RIFF header)"};
    std::size_t riff_end = std::size_t(little_endian32(bytes, 4)) + 8;
    if (riff_end > bytes.size()) {
        found.push_back("the WebP is truncated (shorter than its RIFF header says)");
        riff_end = bytes.size();
    } else if (riff_end < bytes.size()) {
        found.push_back(trailing(bytes.size() - riff_end));
    }
    std::size_t pos = 12;
    while (pos + 8 <= riff_end) {
        std::string type(bytes.substr(pos, 4));
        std::size_t length = little_endian32(bytes, pos + 4);
        if (length > riff_end - pos - 8) {
            found.push_back("the WebP is truncated (chunk '" + type + "' runs past the end)");
            return found;
        }
        std::string_view payload = bytes.substr(pos + 8, length);
        pos += 8 + length + (length & 1);
        if (type == "VP8X" && !payload.empty()) {
            std::uint8_t flags = byte_at(payload, 0);
            if (flags & icc_flag) found.push_back("VP8X header announces an ICC profile");
            if (flags & exif_flag) found.push_back("VP8X header announces EXIF");
            if (flags & xmp_flag) found.push_back("VP8X header announces XMP");
        } else if (type == "EXIF") {
            found.push_back("EXIF chunk");
        } else if (type == "XMP ") {
            found.push_back("XMP chunk");
        } else if (type == "ICCP") {
            found.push_back("ICCP chunk (ICC profile)");
        } else if (type != "VP8 " && type != "VP8L" && type != "ALPH" && type != "ANIM" &&
                   type != "ANMF") {
            found.push_back("unknown WebP chunk '" + type + "'");
        }
    }
    return found;
}

std::string strip_webp_metadata(std::string_view webp) {
    constexpr std::uint8_t alpha_flag = 0x10;
    if (detect_container(webp) != Container::webp ||
        std::size_t(little_endian32(webp, 4)) + 8 != webp.size()) {
        return std::string(webp);
    }
    std::string vp8x, image;
    bool has_alph = false;
    for (std::size_t pos = 12; pos < webp.size();) {
        if (pos + 8 > webp.size()) return std::string(webp);
        std::string_view type = webp.substr(pos, 4);
        std::size_t length = little_endian32(webp, pos + 4);
        std::size_t padded = length + (length & 1);
        if (padded > webp.size() - pos - 8) return std::string(webp);
        std::string_view chunk = webp.substr(pos, 8 + padded);
        if (type == "VP8X" && length >= 10) {
            vp8x = std::string(chunk);
            vp8x[8] = char(byte_at(chunk, 8) & alpha_flag);
        } else if (type == "ALPH" || type == "VP8 " || type == "VP8L") {
            has_alph = has_alph || type == "ALPH";
            image += chunk;
        }
        pos += 8 + padded;
    }
    std::string body = "WEBP" + (has_alph ? vp8x : std::string()) + image;
    std::string out = "RIFF";
    for (int shift = 0; shift <= 24; shift += 8) out += char((body.size() >> shift) & 0xFF);
    return out + body;
}

}  // namespace sg::media
