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

// The installation or configuration is wrong (a file schoolgate needs is missing or altered): the
// command stops with exit status 2 and writes nothing, like a configuration error.
class ConfigurationError : public Error {
public:
    using Error::Error;
};

}  // namespace sg::util
