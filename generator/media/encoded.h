// An image encoded into memory through libvips, without its memory targets.
#pragma once
#include <functional>
#include <string>
#include <vips/vips8>

namespace sg::media {

// The bytes `save` writes to the target it is given (e.g. an image's jpegsave_target). libvips
// 8.14's own memory targets, behind every *save_buffer operation, never free the buffer they
// grow: each encoded image stayed in memory until the process ended (about 160 MB of a
// 1,000-photo cold build). This target appends to a string and holds nothing itself. Throws
// vips::VError as `save` does.
std::string encoded(const std::function<void(const vips::VTarget&)>& save);

}  // namespace sg::media
