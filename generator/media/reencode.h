// A JPEG re-encoded from its pixels with nothing else: for JPEG bytes held inside another file (a
// PDF's DCTDecode images), where the pixels must stay exactly as the container draws them.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sg::media {

// `jpeg` decoded and saved again at `quality` without any metadata (EXIF, XMP, IPTC, comments,
// ICC profile): same width, height and number of components (1 or 3). The EXIF orientation is
// not applied (PDF viewers ignore it, so the pixels stay as stored). nullopt when libvips cannot
// decode the bytes or they hold other than 1 or 3 components (CMYK, YCCK).
std::optional<std::string> reencode_jpeg(std::string_view jpeg, int quality);

}  // namespace sg::media
