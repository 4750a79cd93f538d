#include "media/embedded.h"
#include "media/image.h"
#include "media/probe.h"

namespace sg::media {

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
