// A second pair of eyes on a photo: how many faces does it show, and where? Detection only, never
// recognition: the result is boxes, nothing that could tell one face from another, and nothing
// but the boxes is kept. MediaPipe's BlazeFace (media/face_model.h) runs through OpenCV's dnn
// module on a downscaled, upright RGB copy of the same libvips decode that processing uses: the
// whole picture in the network's 256 px square, and the copy at two scales shown whole (the network
// sees faces from about 20 px, so small faces need the copy near its own size), every candidate
// confirmed by the close-up network. No OpenCV type leaves the media stage.
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
    // The width the photo is decoded at, the copy made from that decode: processing's widest
    // rendition (Settings), so that a new photo's one decode serves both (new_photo.h). Never
    // below the copy's width nor above the photo's.
    int decode_width = 1600;
    int detect_width = 1000;  // the longer side of the copy detection runs on (never upscaled)
    // Besides the whole copy in the network's square (close-ups), the copy resized by each of
    // these and shown to the network at that size, where it finds faces of about 20 to 128 pixels:
    // 1.25 reaches faces of 2% of a 750 px shorter side, 0.57 the middle sizes.
    std::vector<double> scales{1.25, 0.57};
    float candidate_score = 0.6f;  // the far network's score for a candidate
    bool confirm = true;           // the close-up network must agree on each candidate...
    float confirm_score = 0.65f;   // ... with at least this score
    double min_face = 0.02;        // smallest face side, as a fraction of the copy's shorter side
    double max_megapixels = 50.0;
    // The settings, the detector's version, OpenCV's and the model files' hashes. Checks the model
    // (read_model): throws util::ConfigurationError when it is missing or altered.
    std::string fingerprint() const;
};

struct FaceResult {
    std::optional<std::vector<Box>> faces;  // set when the image could be decoded
    std::optional<Problem> problem;         // media.unreadable, media.too-large, ...
};

// The faces in `file`, left to right, as tight boxes (about eyebrows to chin). Throws
// util::ConfigurationError when the model is missing or altered (an installation problem: never
// an empty answer).
FaceResult detect_faces(const std::filesystem::path& file, const FaceSettings& settings);

// How many threads the detector's networks run on. They are loaded once per process and used by
// one image at a time, on all these threads (OpenCV's default: one per core); a pool of workers
// sets its own size (media/libraries.h: prepare_for_workers).
void set_detector_threads(int threads);
// Frees the networks (about 135 MB at most: faces.cc) until the next detection loads them again:
// a build calls it when every photo has been searched.
void release_detector();

}  // namespace sg::media
