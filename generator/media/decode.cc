#include "media/decode.h"

#include <atomic>

namespace sg::media {
namespace {

std::atomic<std::size_t> decodes{0};

using vips::VImage;

// A new image holding `image`'s pixels and nothing else: no EXIF, XMP, IPTC, ICC profile or
// thumbnail can reach an encoder, whatever its `strip` option does (libvips 8.14's webpsave
// keeps EXIF and XMP despite strip).
VImage pixels_only(const VImage& image) {
    std::size_t size = 0;
    void* data = image.write_to_memory(&size);
    return VImage::new_from_memory_steal(data, size, image.width(), image.height(), image.bands(),
                                         image.format())
        .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

// A photo with a colour profile, or in another colour space, is converted to sRGB by lcms; plain
// sRGB needs nothing.
vips::VOption* thumbnail_options(const Probe& probe) {
    vips::VOption* options = VImage::option()
                                 ->set("height", VIPS_MAX_COORD)  // only the width limits the size
                                 ->set("size", VIPS_SIZE_DOWN);
    return probe.plain_srgb ? options : options->set("export_profile", "srgb");
}

}  // namespace

// The one decode, turned upright by its EXIF orientation, converted to 8-bit sRGB and held in
// memory so every rendition is made from it. A damaged file fails rather than decoding to grey.
VImage decode_upright(const Probe& probe, int width) {
    ++decodes;
    VImage image;
    if (probe.format == "jpeg" || probe.format == "webp") {
        // Shrink-on-load scales the main image while decoding it. libvips 8.14's
        // thumbnail_source ignores its own fail_on, so the option goes to the loader directly.
        image = VImage::thumbnail_source(
            probe.source, width, thumbnail_options(probe)->set("option_string", "fail_on=error"));
    } else {
        // HEIF and TIFF can hold smaller images (a HEIF thumbnail, TIFF pyramid pages) that
        // thumbnail would use instead; after an edit they may still show what was cropped out.
        // Decode the primary image only.
        VImage primary = VImage::new_from_source(probe.source, "",
                                                 VImage::option()
                                                     ->set("access", VIPS_ACCESS_SEQUENTIAL)
                                                     ->set("fail_on", VIPS_FAIL_ON_ERROR));
        image = primary.thumbnail_image(width, thumbnail_options(probe));
    }
    image = image.colourspace(VIPS_INTERPRETATION_sRGB);
    if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
    return pixels_only(image);
}

std::size_t decode_count() { return decodes.load(); }

}  // namespace sg::media
