// The one decode of a source image that everything downstream works from: processing (every
// rendition) and face detection (a smaller copy). Internal to the media stage.
#pragma once
#include <cstddef>
#include <vips/vips8>

#include "media/probe.h"

namespace sg::media {

// `probe`'s image decoded at (at most) `width` pixels wide with shrink-on-load, turned upright by
// its EXIF orientation, converted to 8-bit sRGB and held in memory with nothing but its pixels.
// A damaged file throws vips::VError rather than decoding to grey.
vips::VImage decode_upright(const Probe& probe, int width);

// How many times decode_upright() has run in this process, successful or not: what tests count to
// see that a new photo is decoded once for detection and processing (media/new_photo.h).
std::size_t decode_count();

}  // namespace sg::media
