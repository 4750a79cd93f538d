#include <algorithm>
#include <cmath>

#include "diag/rule_ids.h"
#include "media/containers.h"
#include "media/decode.h"
#include "media/encoded.h"
#include "media/from_decode.h"
#include "media/image.h"
#include "media/probe.h"
#include "media/vips_error.h"
#include "util/error.h"
#include "util/hash.h"

namespace sg::media {
namespace {

using vips::VImage;

// An obscured region grows by this fraction of its size on every side (a face region drawn tight
// round the face leaves hair and ears), and is cut into about this many blocks across.
constexpr double obscure_margin = 0.25;
constexpr int obscure_blocks = 8;

ProcessResult refuse(std::string_view rule, std::string message) {
    return {.processed = std::nullopt, .problem = Problem{std::string(rule), std::move(message)}};
}

// `image` with every box (and a margin around it) pixelated into blocks of about an eighth of the
// region, then blurred over the block edges: no detail of the original survives, and nothing in
// the output records what was there.
VImage obscured(VImage image, const std::vector<Box>& boxes) {
    if (boxes.empty()) return image;
    const int W = image.width(), H = image.height();
    for (const Box& box : boxes) {
        double margin_x = box.width * obscure_margin, margin_y = box.height * obscure_margin;
        int left = std::clamp(int(std::floor((box.x - margin_x) * W)), 0, W);
        int top = std::clamp(int(std::floor((box.y - margin_y) * H)), 0, H);
        int right = std::clamp(int(std::ceil((box.x + box.width + margin_x) * W)), 0, W);
        int bottom = std::clamp(int(std::ceil((box.y + box.height + margin_y) * H)), 0, H);
        int w = right - left, h = bottom - top;
        if (w <= 0 || h <= 0) continue;
        int block = std::max(2, std::max(w, h) / obscure_blocks);
        VImage region = image.crop(left, top, w, h);
        VImage blocks = region.shrink(block, block).zoom(block, block);
        if (blocks.width() < w || blocks.height() < h)
            blocks = blocks.embed(0, 0, std::max(w, blocks.width()), std::max(h, blocks.height()),
                                  VImage::option()->set("extend", VIPS_EXTEND_COPY));
        blocks = blocks.crop(0, 0, w, h).gaussblur(block / 2.0).cast(VIPS_FORMAT_UCHAR);
        image = image.insert(blocks, left, top);
    }
    return image.copy_memory();
}

// `image` resized to `width`; alpha is premultiplied so transparent pixels do not bleed colour.
VImage scaled(const VImage& image, int width) {
    double scale = double(width) / image.width();
    if (!image.has_alpha()) return image.resize(scale);
    return image.premultiply().resize(scale).unpremultiply().cast(VIPS_FORMAT_UCHAR);
}

// Every configured width below the largest, then the largest itself, smallest first.
std::vector<int> output_widths(const std::vector<int>& configured, int largest) {
    std::vector<int> widths;
    for (int width : configured) {
        if (width > 0 && width < largest) widths.push_back(width);
    }
    widths.push_back(largest);
    std::sort(widths.begin(), widths.end());
    widths.erase(std::unique(widths.begin(), widths.end()), widths.end());
    return widths;
}

std::string encode_jpeg(const VImage& image, int quality) {
    VImage opaque =
        image.has_alpha() ? image.flatten(VImage::option()->set("background", 255.0)) : image;
    return encoded([&](const vips::VTarget& target) {
        opaque.jpegsave_target(target, VImage::option()
                                           ->set("Q", quality)
                                           ->set("strip", true)
                                           ->set("optimize_coding", true)
                                           ->set("interlace", true));
    });
}

std::string encode_webp(const VImage& image, int quality) {
    return strip_webp_metadata(encoded([&](const vips::VTarget& target) {
        image.webpsave_target(target, VImage::option()->set("Q", quality)->set("strip", true));
    }));
}

// AVIF through libheif's AV1 encoder (aom in Debian 12) at its fastest setting: even so it takes
// several times as long as JPEG and WebP together, which is why it is off unless configured.
std::string encode_avif(const VImage& image, int quality) {
    return encoded([&](const vips::VTarget& target) {
        image.heifsave_target(target, VImage::option()
                                          ->set("Q", quality)
                                          ->set("compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1)
                                          ->set("effort", 0)
                                          ->set("strip", true));
    });
}

// Whether this libvips can write AVIF: libheif may have been built without an AV1 encoder.
bool avif_available() {
    static const bool available = [] {
        try {
            return !encode_avif(VImage::black(16, 16, VImage::option()->set("bands", 3)).cast(VIPS_FORMAT_UCHAR), 50)
                        .empty();
        } catch (const vips::VError&) {
            vips_error_clear();
            return false;
        }
    }();
    return available;
}

Rendition encode(const VImage& image, const std::string& format, int quality,
                 const std::filesystem::path& file) {
    std::string bytes, extension;
    if (format == "jpeg") {
        bytes = encode_jpeg(image, quality);
        extension = ".jpg";
    } else if (format == "webp") {
        bytes = encode_webp(image, quality);
        extension = ".webp";
    } else if (format == "avif") {
        if (!avif_available())
            throw util::Error(file, "this libvips cannot write AVIF (its libheif has no AV1 encoder); "
                                    "remove avif from images.formats");
        bytes = encode_avif(image, quality);
        extension = ".avif";
    } else {
        throw util::Error(file, "unknown output image format '" + format + "'");
    }
    std::string name =
        util::sha256_hex(bytes).substr(0, 16) + "-" + std::to_string(image.width()) + extension;
    return {.format = format,
            .width = image.width(),
            .height = image.height(),
            .name = std::move(name),
            .bytes = std::move(bytes)};
}

// media.metadata for the first rendition that still carries anything.
std::optional<Problem> verify_clean(const std::vector<Rendition>& renditions) {
    for (const auto& rendition : renditions) {
        std::vector<std::string> found = find_metadata(rendition.bytes);
        if (found.empty()) continue;
        std::string list;
        for (const auto& item : found) list += (list.empty() ? "" : "; ") + item;
        return Problem{std::string(diag::rule::media_metadata),
                       "the processed image " + rendition.name + " still carries " + list};
    }
    return std::nullopt;
}

}  // namespace

int rendition_decode_width(const Probe& source, const Settings& settings) {
    int largest_configured =
        settings.widths.empty() ? settings.max_width
                                : *std::max_element(settings.widths.begin(), settings.widths.end());
    return std::max(1, std::min({settings.max_width, largest_configured, source.upright_width()}));
}

ProcessResult renditions_of(const VImage& upright, const Settings& settings, const std::vector<Box>& obscure,
                            const std::filesystem::path& file) {
    VImage decoded = obscured(upright, obscure);
    Processed processed{.width = decoded.width(), .height = decoded.height(), .renditions = {}};
    for (int width : output_widths(settings.widths, decoded.width())) {
        VImage sized = width == decoded.width() ? decoded : scaled(decoded, width);
        for (const auto& format : settings.formats)
            processed.renditions.push_back(encode(sized, format, settings.quality, file));
    }
    if (auto problem = verify_clean(processed.renditions)) return {.processed = std::nullopt, .problem = problem};
    return {.processed = std::move(processed), .problem = std::nullopt};
}

ProcessResult process(const std::filesystem::path& file, const Settings& settings,
                      const std::vector<Box>& obscure) {
    ProbeResult probed = probe(file, settings.max_megapixels);
    if (probed.problem) return {.processed = std::nullopt, .problem = probed.problem};
    const Probe& source = *probed.probe;
    try {
        return renditions_of(decode_upright(source, rendition_decode_width(source, settings)), settings, obscure, file);
    } catch (const vips::VError& e) {
        return refuse(diag::rule::media_unreadable, "cannot decode the image: " + brief(e, file));
    }
}

}  // namespace sg::media
