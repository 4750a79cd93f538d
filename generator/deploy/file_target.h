// A target folder on this machine (file:///path): a web root served from here, or a mounted
// network share. Symlinks below it are listed as `other`, never followed; a file is replaced by
// rename(2), atomically.
#pragma once
#include <filesystem>

#include "deploy/target.h"

namespace sg::deploy {

class FileTarget : public Target {
public:
    // Throws Error (usage) when `root` is not an existing folder.
    explicit FileTarget(std::filesystem::path root);

    std::string describe() const override;
    Listing list() override;
    std::optional<std::string> read(const std::string& path) override;
    void write(const std::string& path, std::string_view bytes) override;
    void rename(const std::string& from, const std::string& to) override;
    void make_directory(const std::string& path) override;
    void remove(const std::string& path) override;
    void remove_directory(const std::string& path) override;

private:
    std::filesystem::path at(const std::string& path) const;
    std::filesystem::path root_;
};

}  // namespace sg::deploy
