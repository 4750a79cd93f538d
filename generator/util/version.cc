#include "util/version.h"

namespace sg::util {

const char* program_version() { return SG_VERSION; }

}  // namespace sg::util
