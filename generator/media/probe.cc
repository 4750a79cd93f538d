#include "media/probe.h"

#include <array>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>

#include "diag/rule_ids.h"
#include "media/isobmff.h"
#include "media/libraries.h"
#include "media/vips_error.h"
#include "util/error.h"
#include "util/fs.h"

namespace sg::media {
namespace {

// libvips source loaders we accept, with the format name SourceInfo reports. libvips can also
// read PDF, SVG, ImageMagick formats and more; those are refused, whatever the file is called.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> accepted_loaders{{
    {"jpegload_source", "jpeg"},
    {"pngload_source", "png"},
    {"webpload_source", "webp"},
    {"tiffload_source", "tiff"},
    {"gifload_source", "gif"},
    {"heifload_source", "heif"},
}};

ProbeResult refuse(std::string_view rule, std::string message) {
    return {.probe = std::nullopt, .problem = Problem{std::string(rule), std::move(message)}};
}

std::string megapixels(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

ProbeResult too_large(long long width, long long height, double max_megapixels) {
    return refuse(diag::rule::media_too_large, "the image claims " + std::to_string(width) + "x" +
                                                   std::to_string(height) + " pixels, more than the limit of " +
                                                   megapixels(max_megapixels) + " megapixels");
}

std::string_view format_of(std::string_view loader) {
    for (const auto& [name, format] : accepted_loaders) {
        if (name == loader) return format;
    }
    return {};
}

}  // namespace

ProbeResult probe(const std::filesystem::path& file, double max_megapixels) {
    prepare_libraries();
    std::error_code error;
    if (std::filesystem::file_size(file, error) == 0 && !error) {
        return refuse(diag::rule::media_unreadable, "the image file is empty");
    }
    try {
        auto source = vips::VSource::new_from_file(file.c_str());
        const char* loader_class = vips_foreign_find_load_source(source.get_source());
        if (loader_class == nullptr) {
            vips_error_clear();
            return refuse(diag::rule::media_unreadable,
                          "the file is not an image in any format libvips recognises");
        }
        std::string loader = vips_nickname_find(g_type_from_name(loader_class));
        std::string_view format = format_of(loader);
        if (format.empty()) {
            std::string kind = loader;
            kind = kind.substr(0, kind.find("load"));
            return refuse(diag::rule::media_unsupported,
                          "the file is a '" + kind +
                              "' file, not a photo format schoolgate can make safe (use JPEG, "
                              "PNG, WebP, TIFF, GIF or HEIF)");
        }
        if (format == "heif") {
            // libheif refuses some huge sizes itself, as an unreadable file; the boxes say first.
            HeifWalk walk = walk_heif(util::read_file(file));
            if (walk.largest && walk.largest->pixels() > max_megapixels * 1e6)
                return too_large(walk.largest->width, walk.largest->height, max_megapixels);
        }
        // Reads the header only: pixels are decoded lazily, and never here.
        auto header = vips::VImage::new_from_source(
            source, "", vips::VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL));
        Probe probe{.source = source,
                    .format = std::string(format),
                    .width = header.width(),
                    .height = header.height()};
        VipsInterpretation interpretation = header.interpretation();
        probe.plain_srgb = header.get_typeof(VIPS_META_ICC_NAME) == 0 && header.format() == VIPS_FORMAT_UCHAR &&
                           (interpretation == VIPS_INTERPRETATION_sRGB || interpretation == VIPS_INTERPRETATION_B_W);
        if (header.get_typeof(VIPS_META_ORIENTATION) != 0) {
            int orientation = header.get_int(VIPS_META_ORIENTATION);
            if (orientation >= 1 && orientation <= 8) probe.orientation = orientation;
        }
        int frames =
            header.get_typeof(VIPS_META_N_PAGES) != 0 ? header.get_int(VIPS_META_N_PAGES) : 1;
        if (frames > 1 && (probe.format == "gif" || probe.format == "webp")) {
            return refuse(diag::rule::media_unsupported,
                          "the image is animated (" + std::to_string(frames) +
                              " frames); schoolgate publishes still images only (export one "
                              "frame as JPEG or PNG)");
        }
        if (double(probe.width) * double(probe.height) > max_megapixels * 1e6)
            return too_large(probe.width, probe.height, max_megapixels);
        return {.probe = std::move(probe), .problem = std::nullopt};
    } catch (const vips::VError& e) {
        return refuse(diag::rule::media_unreadable, "cannot read the image header: " + brief(e, file));
    } catch (const util::Error&) {
        return refuse(diag::rule::media_unreadable, "cannot read the image file");
    }
}

}  // namespace sg::media
