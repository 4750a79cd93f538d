// What builds a site: the program's version, the versions of the image libraries in use and the
// face model. `schoolgate --version` prints it; review and the build record show it, so a record
// says what built it.
#pragma once
#include <string>
#include <vector>

namespace sg::pipeline {

struct Component {
    std::string name;     // "schoolgate", "libvips", "exiv2", "OpenCV", "face model", "face model sha256"
    std::string version;  // for the face model: what it is and the files it reads
};

std::vector<Component> built_with();

}  // namespace sg::pipeline
