#include "pipeline/inspect_images.h"

#include <atomic>
#include <optional>
#include <vector>

#include "pipeline/workers.h"
#include "util/error.h"

namespace sg::pipeline {

namespace fs = std::filesystem;

InspectedImages inspect_all(const std::set<fs::path>& files, const media::Limits& limits, int jobs, media::Cache& cache) {
    std::vector<fs::path> queue(files.begin(), files.end());
    std::vector<media::InspectResult> results(queue.size());
    std::atomic<size_t> inspected{0}, from_cache{0};
    for_each_image(queue.size(), jobs, [&](size_t i) {
        std::optional<std::string> hash;
        try {
            hash = cache.content_hash(queue[i]);
        } catch (const util::Error&) {
            // Unreadable: inspect() says why, as a media.unreadable problem.
        }
        std::optional<media::InspectResult> cached = hash ? cache.find_inspection(*hash) : std::nullopt;
        if (cached) {
            results[i] = std::move(*cached);
            ++from_cache;
            return;
        }
        results[i] = media::inspect(queue[i], limits);
        ++inspected;
        try {
            if (hash) cache.store_inspection(*hash, queue[i], results[i]);
        } catch (const util::Error&) {
            // The cache only saves time.
        }
    });

    InspectedImages out;
    out.inspected = inspected;
    out.from_cache = from_cache;
    for (size_t i = 0; i < queue.size(); ++i) out.results.emplace(queue[i], std::move(results[i]));
    return out;
}

}  // namespace sg::pipeline
