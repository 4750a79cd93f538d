// What face detection and processing each make of one decode (decode.h), and the width each needs
// it at. Internal to the media stage: detect_faces(), process() and detect_faces_and_process()
// (new_photo.h) are each a probe, one decode and one or both of these.
#pragma once
#include <filesystem>
#include <vector>
#include <vips/vips8>

#include "media/faces.h"
#include "media/image.h"
#include "media/probe.h"

namespace sg::media {

// The width detection decodes `source` at: FaceSettings::decode_width, never below the copy it
// searches nor above the photo itself.
int face_decode_width(const Probe& source, const FaceSettings& settings);
// Loads the detector's networks: a missing or altered model throws util::ConfigurationError here,
// before any image is opened.
void prepare_detector();
// The faces in `upright` (decoded at face_decode_width), searched in a copy of at most
// detect_width on its longer side.
FaceResult faces_in(const vips::VImage& upright, const FaceSettings& settings);

// The width processing decodes `source` at: its widest rendition.
int rendition_decode_width(const Probe& source, const Settings& settings);
// Every rendition of `upright` (decoded at rendition_decode_width), `obscure` obscured first, each
// read back (find_metadata): one that still carries metadata makes the result a media.metadata
// problem. Throws vips::VError when libvips fails.
ProcessResult renditions_of(const vips::VImage& upright, const Settings& settings, const std::vector<Box>& obscure,
                            const std::filesystem::path& file);

}  // namespace sg::media
