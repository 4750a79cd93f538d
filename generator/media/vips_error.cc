#include "media/vips_error.h"

#include <sstream>

namespace sg::media {

std::string brief(const vips::VError& error, const std::filesystem::path& file) {
    vips_error_clear();
    std::istringstream lines(error.what());
    std::string line, ours, plain;
    const std::string name = file.filename().string();
    while (std::getline(lines, line)) {
        if (line.empty()) continue;
        if (!name.empty() && line.find(name) != std::string::npos) {
            ours = line;
            break;
        }
        if (plain.empty() && line.find('/') == std::string::npos) plain = line;
    }
    std::string text = !ours.empty() ? ours : !plain.empty() ? plain : "libvips could not read it";
    constexpr std::size_t max_length = 200;
    if (text.size() > max_length) text = text.substr(0, max_length) + "...";
    return text;
}

}  // namespace sg::media
