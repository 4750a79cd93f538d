// libvips errors turned into short, user-readable text.
#pragma once
#include <filesystem>
#include <string>
#include <vips/vips8>

namespace sg::media {

// libvips' message for `error` while reading `file` (e.g. "VipsJpeg: Premature end of input
// file"), one line, cut to a readable length. libvips 8.14 keeps one error buffer for the whole
// process, so a message may hold lines from another worker's failure at the same moment: a line
// naming `file` is preferred, lines naming another file are left out. Clears the buffer.
std::string brief(const vips::VError& error, const std::filesystem::path& file);

}  // namespace sg::media
