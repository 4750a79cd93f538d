#include <charconv>
#include <vips/vips8>

#include "media/image.h"

namespace sg::media {
namespace {

// Bump when process() changes what it writes for the same settings, so cached outputs of the
// old pipeline are not reused. 2: cached renditions are published on their hash alone, so they
// must have been read back by the verifier that knows AVIF and HEIF (isobmff.h). 3: plain sRGB is
// decoded without a colour transform (Probe::plain_srgb).
constexpr int pipeline_version = 3;

std::string exact(double value) {
    char text[32];
    auto end = std::to_chars(text, text + sizeof text, value).ptr;
    return std::string(text, end);
}

template <typename T>
std::string join(const std::vector<T>& values) {
    std::string text;
    for (const auto& value : values) {
        if (!text.empty()) text += ',';
        if constexpr (std::is_same_v<T, std::string>) {
            text += value;
        } else {
            text += std::to_string(value);
        }
    }
    return text;
}

}  // namespace

std::string Settings::fingerprint() const {
    return "media-pipeline=" + std::to_string(pipeline_version) +
           ";libvips=" + vips_version_string() + ";widths=" + join(widths) +
           ";max_width=" + std::to_string(max_width) + ";quality=" + std::to_string(quality) +
           ";formats=" + join(formats) + ";max_megapixels=" + exact(max_megapixels);
}

}  // namespace sg::media
