#include "util/installed.h"

#include <system_error>

namespace sg::util {

namespace fs = std::filesystem;

namespace {

fs::path running_executable() {
    std::error_code error;
    fs::path exe = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : exe;
}

}  // namespace

InstalledData installed_data() {
    fs::path exe = running_executable();
    fs::path share = (exe.parent_path().parent_path() / "share" / "schoolgate").lexically_normal();
    InstalledData installed{.root = share, .themes = share / "themes", .example = share / "example"};
    std::error_code error;
    if (!exe.empty() && fs::is_directory(installed.themes, error)) {
        installed.found = true;
        return installed;
    }
    // SG_SOURCE_DIR: set on this file alone by CMakeLists.txt.
    fs::path source = SG_SOURCE_DIR;
    if (fs::is_directory(source / "themes", error) && fs::exists(source / "schoolgate.yml", error))
        return {.root = source, .themes = source / "themes", .example = source, .found = true};
    return installed;
}

}  // namespace sg::util
