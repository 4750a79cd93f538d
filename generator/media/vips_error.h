// libvips errors turned into short, user-readable text.
#pragma once
#include <string>
#include <vips/vips8>

namespace sg::media {

// The first line of libvips' message for `error` (e.g. "VipsJpeg: Premature end of input file"),
// cut to a readable length. Clears libvips' error buffer so the next failure starts clean.
std::string brief(const vips::VError& error);

}  // namespace sg::media
