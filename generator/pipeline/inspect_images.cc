#include "pipeline/inspect_images.h"

namespace sg::pipeline {

namespace fs = std::filesystem;

Inspections inspect_all(const std::set<fs::path>& files, const media::Limits& limits, int jobs, media::Cache& cache) {
    return through_cache<fs::path, media::InspectResult>(
        "reading images", by_file(files), jobs, cache,
        [&](const fs::path&, const std::string& hash) { return cache.find_inspection(hash); },
        [&](const fs::path&, const fs::path& file, const auto&) { return media::inspect(file, limits); },
        [&](const fs::path&, const std::string& hash, const fs::path& file, const media::InspectResult& result) {
            cache.store_inspection(hash, file, result);
        });
}

}  // namespace sg::pipeline
