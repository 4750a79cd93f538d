// Walks of the image containers the pipeline writes or might be handed, listing every part that
// could carry metadata. They look at structure only, never at pixels.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sg::media {

enum class Container { jpeg, png, webp, heif, unknown };  // heif: HEIC and AVIF (isobmff.h)

// By magic bytes, never by name.
Container detect_container(std::string_view bytes);

// Each returns one human-readable finding per part that is not plain image data (e.g. "APP1
// segment (EXIF)", "tEXt chunk (text)"), and reports truncation and trailing data, which could
// hide anything. Empty means the structure holds pixels only.
std::vector<std::string> walk_jpeg(std::string_view bytes);
std::vector<std::string> walk_png(std::string_view bytes);
std::vector<std::string> walk_webp(std::string_view bytes);

// `webp` with only its image chunks (VP8, VP8L, ALPH; VP8X with the metadata flags cleared, and
// only when alpha needs it). libvips 8.14's webpsave writes an EXIF chunk even with strip set.
// Bytes that are not a well-formed WebP come back unchanged, for find_metadata to report.
std::string strip_webp_metadata(std::string_view webp);

}  // namespace sg::media
