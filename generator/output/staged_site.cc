#include "output/staged_site.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cstring>
#include <fstream>

#include "util/error.h"
#include "util/fs.h"
#include "util/text.h"

namespace sg::output {

namespace fs = std::filesystem;

StagedSite::StagedSite(fs::path out_dir) : out_(fs::absolute(std::move(out_dir)).lexically_normal()) {
    if (out_.filename().empty()) out_ = out_.parent_path();
    fs::create_directories(out_.parent_path());
    remove_stale_staging();
    std::string pattern = (out_.parent_path() / ("." + out_.filename().string() + ".staging-XXXXXX")).string();
    if (!mkdtemp(pattern.data())) throw util::Error(out_, "cannot create a staging directory beside the output");
    staging_ = pattern;
}

void StagedSite::remove_stale_staging() const {
    std::string prefix = "." + out_.filename().string() + ".staging-";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(out_.parent_path(), ec)) {
        std::string name = entry.path().filename().string();
        if (name.size() == prefix.size() + 6 && name.starts_with(prefix) && entry.is_directory(ec) &&
            !entry.is_symlink(ec))
            fs::remove_all(entry.path(), ec);
    }
}

StagedSite::~StagedSite() {
    if (committed_) return;
    std::error_code ignored;
    fs::remove_all(staging_, ignored);
}

fs::path StagedSite::claim(const std::string& relative) {
    fs::path path = fs::path(relative).lexically_normal();
    if (path.empty() || path.is_absolute() || *path.begin() == "..")
        throw util::Error(relative, "refusing to write outside the site");
    if (!written_folded_.insert(util::to_lower_ascii(path.generic_string())).second)
        throw util::Error(relative, "two outputs would have the same name (ignoring case)");
    fs::path target = staging_ / path;
    if (created_dirs_.insert(target.parent_path().string()).second) fs::create_directories(target.parent_path());
    return target;
}

fs::path StagedSite::link(const std::string& relative, const fs::path& from) {
    fs::path target = claim(relative);
    std::error_code error;
    fs::create_hard_link(from, target, error);
    if (error) {
        std::string bytes = util::read_file(from);
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) throw util::Error(target, "write failed (disk full?)");
    }
    return target;
}

void StagedSite::write(const std::string& relative, std::string_view bytes) {
    fs::path target = claim(relative);
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw util::Error(target, "write failed (disk full?)");
}

void StagedSite::copy_tree(const fs::path& from, const std::string& relative) {
    std::error_code ec;
    if (!fs::is_directory(from, ec)) return;
    for (auto it = fs::recursive_directory_iterator(from); it != fs::recursive_directory_iterator(); ++it) {
        if (!it->is_regular_file() || it->is_symlink()) continue;
        fs::path target = fs::path(relative) / it->path().lexically_relative(from);
        std::ifstream in(it->path(), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in && !in.eof()) throw util::Error(it->path(), "cannot read");
        write(target.generic_string(), bytes);
    }
}

bool StagedSite::contains(const std::string& relative) const {
    return written_folded_.count(util::to_lower_ascii(fs::path(relative).lexically_normal().generic_string())) > 0;
}

void StagedSite::commit() {
    // Everything written must be on disk before the swap makes it the site.
    sync();
    if (fs::exists(out_)) {
        if (renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0)
            throw util::Error(out_, "cannot swap in the new site: " + std::string(strerror(errno)));
        committed_ = true;
        // The staging path now holds the previous site.
        std::error_code ignored;
        fs::remove_all(staging_, ignored);
    } else {
        fs::rename(staging_, out_);
        committed_ = true;
    }
}

}  // namespace sg::output
