// A second pair of eyes on a photo: how many faces does it show, and where? Detection only, never
// recognition: the result is boxes, nothing that could tell one face from another, and nothing
// but the boxes is kept. OpenCV's cascades (Debian's opencv-data) run on a downscaled, upright,
// grey copy from the same libvips decode that processing uses; no OpenCV type leaves faces.cc.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "media/image.h"

namespace sg::media {

// How the detector runs. Every field is part of fingerprint(), so a cached result of another
// setting is never reused.
struct FaceSettings {
    int detect_width = 1000;     // the longer side of the copy detection runs on (never upscaled)
    double scale_factor = 1.1;   // the cascades' pyramid step
    int min_neighbors = 4;       // overlapping hits a face needs in the first cascade
    double min_face = 0.025;     // smallest face side, as a fraction of the copy's shorter side
    bool profiles = true;        // look for faces in profile too, not only frontal ones
    bool confirm = true;         // a second, differently trained cascade must agree on each face
    double max_megapixels = 50.0;
    std::string fingerprint() const;
};

struct FaceResult {
    std::optional<std::vector<Box>> faces;  // set when the image could be decoded
    std::optional<Problem> problem;         // media.unreadable, media.too-large, ...
};

// The faces in `file`, left to right. Throws util::Error when the detector's model files are
// missing (an installation problem: never an empty answer).
FaceResult detect_faces(const std::filesystem::path& file, const FaceSettings& settings);

// Where the cascade files are read from (opencv-data's folder).
std::filesystem::path cascade_dir();

// What the detector runs on: its model's name, the files it reads, and their SHA-256 (in the
// order listed), so `--version` and the build record say which model judged
// `photo.undeclared-faces`.
struct FaceModel {
    std::string name;
    std::vector<std::string> files;  // absolute paths
    std::string sha256;              // of the files' bytes, one after another; empty when one is missing
};
FaceModel face_model();

}  // namespace sg::media
