// Step 5: every image file the passing pages use, decoded once and re-encoded by a bounded pool of
// workers (one per core unless told otherwise).
#pragma once
#include <filesystem>
#include <map>
#include <set>

#include "media/image.h"

namespace sg::pipeline {

std::map<std::filesystem::path, media::ProcessResult> process_media(const std::set<std::filesystem::path>& files,
                                                                     const media::Settings& settings, int jobs);

}  // namespace sg::pipeline
