// A walk of the ISO base media file format (ISO/IEC 14496-12) as HEIF (ISO/IEC 23008-12) uses it:
// HEIC and AVIF photos from phones, and AVIF renditions. It reads boxes only, never pixels: ftyp,
// the meta box with its items (iinf/infe), their locations (iloc, idat), references (iref) and
// properties (iprp/ipco, e.g. colr). Metadata in HEIF lives in items: an 'Exif' item, and XMP as a
// 'mime' item of type application/rdf+xml.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sg::media {

// True for a file that starts with an ISOBMFF 'ftyp' box naming a HEIF/AVIF brand.
bool is_heif(std::string_view bytes);

struct HeifItem {
    std::uint32_t id = 0;
    std::string type;          // 'hvc1', 'av01', 'grid', 'Exif', 'mime', ...
    std::string content_type;  // for 'mime' items
    std::string data;          // the item's bytes, for Exif and mime items only
};

// An image item's declared size (its 'ispe' property).
struct ImageExtent {
    std::uint32_t width = 0, height = 0;
    double pixels() const { return double(width) * double(height); }
};

// What the walk found. `error` is set when the structure cannot be followed (truncated, boxes
// overrunning their parent, an item whose bytes lie outside the file, a location method it does
// not support): then nothing in the file can be vouched for, and the caller fails closed.
struct HeifWalk {
    std::vector<std::string> found;  // one finding per part that is not plain image data
    std::vector<HeifItem> metadata;  // every Exif and mime item, with its bytes
    std::uint32_t primary = 0;       // pitm
    std::optional<ImageExtent> largest;  // the largest size any image item declares
    std::optional<std::string> error;
};

HeifWalk walk_heif(std::string_view bytes);

// The XMP packets and EXIF blocks (as TIFF data, the 'Exif' item's offset skipped) of a walk.
std::vector<std::string> heif_xmp_packets(const HeifWalk& walk);
std::vector<std::string> heif_exif_blocks(const HeifWalk& walk);

}  // namespace sg::media
