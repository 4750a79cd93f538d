// SHA-256 (OpenSSL), for content-addressed output names, caches and the build record.
#pragma once
#include <string>
#include <string_view>

namespace sg::util {

// Lower-case hex digest of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace sg::util
