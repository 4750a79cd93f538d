// `schoolgate new post "Title"`: a news post with front matter and a photos block to fill in.
#pragma once
#include <filesystem>
#include <string>

namespace sg::cli {

// Writes content/news/<date>-<slug>.md below `source`; never overwrites. Returns the exit status.
int new_post(const std::filesystem::path& source, const std::string& title);

}  // namespace sg::cli
