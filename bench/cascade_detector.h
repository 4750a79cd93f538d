// The face detector schoolgate used before BlazeFace (media/faces.h), kept here, in the benchmark
// only, so bench/face_detection can measure both side by side: OpenCV's Haar cascades from Debian's
// opencv-data (frontal and profile), each face confirmed by an LBP cascade, on a 1000-pixel grey
// copy. Not part of schoolgate.
#pragma once
#include <filesystem>

#include "media/faces.h"

namespace sg::bench {

struct CascadeSettings {
    int detect_width = 1000;     // the longer side of the copy detection runs on (never upscaled)
    double scale_factor = 1.1;   // the cascades' pyramid step
    int min_neighbors = 4;       // overlapping hits a face needs in the first cascade
    double min_face = 0.025;     // smallest face side, as a fraction of the copy's shorter side
    bool profiles = true;        // look for faces in profile too, not only frontal ones
    bool confirm = true;         // a second, differently trained cascade must agree on each face
    double max_megapixels = 50.0;
};

media::FaceResult detect_faces_with_cascades(const std::filesystem::path& file, const CascadeSettings& settings);

// Where the cascade files are read from (opencv-data's folder).
std::filesystem::path cascade_dir();

}  // namespace sg::bench
