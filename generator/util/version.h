// The program's own version (CMake's project(VERSION), compiled into version.cc alone, so a new
// version rebuilds one file).
#pragma once

namespace sg::util {

// e.g. "0.9.0".
const char* program_version();

}  // namespace sg::util
