// What a source image says about itself in its metadata (EXIF, IPTC, XMP), read with exiv2.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/image.h"

namespace sg::media {

// The metadata facts the rules need, as plain values.
struct Embedded {
    bool has_gps = false;
    std::vector<std::string> people_tags;  // in the order stored, duplicates removed
    std::vector<std::string> keywords;     // IPTC keywords then XMP dc:subject, duplicates removed
    // Named MWG and MP face regions with a usable area, as stored: fractions of the image as
    // displayed (MWG and Microsoft both define regions on the oriented image).
    std::vector<FaceRegion> face_regions;
};

struct EmbeddedResult {
    std::optional<Embedded> embedded;
    std::optional<Problem> problem;  // media.unreadable when exiv2 cannot parse the metadata
};

// Fails closed: metadata exiv2 cannot parse at all could hide a name or a position, so it is a
// problem, not an empty result. Mere exiv2 warnings are not.
// `format` is the one probe() found.
EmbeddedResult read_embedded(const std::filesystem::path& file, std::string_view format);

}  // namespace sg::media
