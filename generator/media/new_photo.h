// A photo the cache has never seen, decoded once for its first two uses: face detection (load,
// step 3) and its renditions as shown without obscuring (step 5). The renditions are made from the
// same decode, read back (find_metadata) and returned in memory only: where they go is the
// caller's, who must write them nowhere before the check passed a page showing the photo plainly.
#pragma once
#include <filesystem>
#include <optional>

#include "media/faces.h"
#include "media/image.h"

namespace sg::media {

struct NewPhoto {
    FaceResult faces;  // what detect_faces(file, face_settings) finds
    // What process(file, settings) gives, byte for byte; unset when the two need different decodes
    // (FaceSettings::decode_width is not the widest rendition) or the photo could not be decoded
    // (process() then says why).
    std::optional<ProcessResult> renditions;
};

// Throws util::ConfigurationError when the face model is missing or altered, before the photo is
// opened.
NewPhoto detect_faces_and_process(const std::filesystem::path& file, const FaceSettings& face_settings,
                                  const Settings& settings);

}  // namespace sg::media
