#include "pipeline/built_with.h"

#include "media/libraries.h"
#include "util/text.h"
#include "util/version.h"

namespace sg::pipeline {

std::vector<Component> built_with() {
    media::LibraryVersions libraries = media::library_versions();
    const media::FaceModel& model = libraries.face_model;
    return {{"schoolgate", util::program_version()},
            {"libvips", libraries.vips},
            {"exiv2", libraries.exiv2},
            {"OpenCV", libraries.opencv},
            {"face model", model.name + ": " + util::join(model.files, ", ")},
            {"face model sha256", model.sha256.empty() ? "(a file is missing)" : model.sha256}};
}

}  // namespace sg::pipeline
