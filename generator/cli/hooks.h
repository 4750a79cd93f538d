// The git hooks of `schoolgate hook install`, for other commands (`init`).
#pragma once
#include <filesystem>

namespace sg::cli {

// Installs the pre-commit and pre-push hooks for the site folder `site` (inside a git work tree;
// util::Error when it is not), as `hook install` does. Returns its exit status: 2 when a hook
// schoolgate did not write is in the way (nothing installed, and it says so).
int install_hooks(const std::filesystem::path& site);

}  // namespace sg::cli
