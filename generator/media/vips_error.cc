#include "media/vips_error.h"

namespace sg::media {

std::string brief(const vips::VError& error) {
    vips_error_clear();
    std::string text = error.what();
    text = text.substr(0, text.find('\n'));
    constexpr std::size_t max_length = 200;
    if (text.size() > max_length) text = text.substr(0, max_length) + "...";
    return text;
}

}  // namespace sg::media
