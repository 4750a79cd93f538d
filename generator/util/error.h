// Environment failures (I/O, libvips, exiv2) are exceptions that carry the file they concern;
// main() catches them once. Content problems are never exceptions: they are diagnostics.
#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>

namespace sg::util {

class Error : public std::runtime_error {
public:
    Error(std::filesystem::path path, const std::string& message)
        : std::runtime_error(path.empty() ? message : path.string() + ": " + message),
          path_(std::move(path)) {}
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace sg::util
