// The first, cheap look at a source image: which decoder would read it and how big it claims to
// be, taken from the file's header without decoding a single pixel.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vips/vips8>

#include "media/image.h"

namespace sg::media {

// A source image whose header libvips has read and which passed the safety checks: a photo
// format we accept (by content, never by file name), a single frame, a pixel count within the
// limit. `source` stays open on the same file, so the decode reads exactly what was checked.
struct Probe {
    vips::VSource source;
    std::string format;         // "jpeg", "png", "webp", "tiff", "gif", "heif"
    int width = 0, height = 0;  // as stored, before orientation
    int orientation = 1;        // the EXIF orientation libvips will apply, 1..8
    // 8-bit sRGB or grey pixels with no ICC profile: what a browser shows as they are, so the
    // decode needs no colour transform (one through lcms from sRGB to sRGB costs a fifth of a
    // decode and changes nothing).
    bool plain_srgb = false;

    int upright_width() const { return orientation >= 5 ? height : width; }
    int upright_height() const { return orientation >= 5 ? width : height; }
};

struct ProbeResult {
    std::optional<Probe> probe;
    std::optional<Problem> problem;  // media.unreadable, media.unsupported or media.too-large
};

ProbeResult probe(const std::filesystem::path& file, double max_megapixels);

}  // namespace sg::media
