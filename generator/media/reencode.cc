#include "media/reencode.h"

#include <vips/vips8>

#include "media/encoded.h"
#include "media/libraries.h"

namespace sg::media {

std::optional<std::string> reencode_jpeg(std::string_view jpeg, int quality) {
    prepare_libraries();
    VipsBlob* source = vips_blob_copy(jpeg.data(), jpeg.size());
    std::string bytes;
    try {
        vips::VImage image = vips::VImage::jpegload_buffer(
            source, vips::VImage::option()->set("autorotate", false)->set("fail_on", VIPS_FAIL_ON_ERROR));
        if ((image.bands() != 1 && image.bands() != 3) || image.format() != VIPS_FORMAT_UCHAR) {
            vips_area_unref(VIPS_AREA(source));
            return std::nullopt;
        }
        // Decoded in full here, so a damaged stream fails now rather than half-way through saving.
        image = image.copy_memory();
        bytes = encoded([&](const vips::VTarget& target) {
            image.jpegsave_target(target, vips::VImage::option()
                                              ->set("Q", quality)
                                              ->set("strip", true)
                                              ->set("optimize_coding", true));
        });
    } catch (const vips::VError&) {
        vips_error_clear();
        vips_area_unref(VIPS_AREA(source));
        return std::nullopt;
    }
    vips_area_unref(VIPS_AREA(source));
    return bytes;
}

}  // namespace sg::media
