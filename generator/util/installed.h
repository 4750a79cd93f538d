// Where the program's read-only data is: the default theme and the example school that
// `schoolgate init` copies (and, once installed, the face model). One place answers it.
//
// Installed (`cmake --install`, the .deb), the data is <prefix>/share/schoolgate/, found from the
// running executable <prefix>/bin/schoolgate, so /usr and any --prefix work alike:
//   share/schoolgate/themes/default/
//   share/schoolgate/example/{schoolgate.yml, content/, consent/}
// A binary run from its build folder, with no share/schoolgate/ beside it, uses the source tree
// it was built from, whose example school is at the top level.
#pragma once
#include <filesystem>

namespace sg::util {

struct InstalledData {
    std::filesystem::path root;     // share/schoolgate/, or the source tree
    std::filesystem::path themes;   // holds default/
    std::filesystem::path example;  // holds schoolgate.yml, content/, consent/
    bool found = false;             // false: neither layout exists (the paths say where it was looked for)
};

InstalledData installed_data();

}  // namespace sg::util
