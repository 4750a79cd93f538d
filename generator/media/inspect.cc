#include <exiv2/exiv2.hpp>
#include <vips/vips8>

#include "media/embedded.h"
#include "media/image.h"
#include "media/probe.h"

namespace sg::media {

namespace {

// Bump when inspect() finds more, or other things, in the same bytes (a new source of people
// tags, say), so no cached inspection of the old code is trusted.
constexpr int inspect_version = 1;

}  // namespace

std::string Limits::fingerprint() const {
    return "inspect=" + std::to_string(inspect_version) + ";libvips=" + vips_version_string() +
           ";exiv2=" + Exiv2::versionString() + ";max_megapixels=" + std::to_string(max_megapixels);
}

InspectResult inspect(const std::filesystem::path& file, const Limits& limits) {
    ProbeResult probed = probe(file, limits.max_megapixels);
    if (probed.problem) return {.info = std::nullopt, .problem = probed.problem};
    EmbeddedResult read = read_embedded(file, probed.probe->format);
    if (read.problem) return {.info = std::nullopt, .problem = read.problem};
    return {.info = SourceInfo{.format = probed.probe->format,
                               .width = probed.probe->width,
                               .height = probed.probe->height,
                               .orientation = probed.probe->orientation,
                               .has_gps = read.embedded->has_gps,
                               .people_tags = std::move(read.embedded->people_tags),
                               .keywords = std::move(read.embedded->keywords),
                               .face_regions = std::move(read.embedded->face_regions)},
            .problem = std::nullopt};
}

}  // namespace sg::media
