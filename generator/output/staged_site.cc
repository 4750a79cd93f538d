#include "output/staged_site.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <optional>
#include <vector>

#include "util/error.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/text.h"

namespace sg::output {

namespace fs = std::filesystem;

namespace {

// True when the regular file at `path` (never followed if a symlink) holds exactly `bytes`.
bool holds(const fs::path& path, std::string_view bytes) {
    std::optional<std::string> held = util::read_regular_file(path);
    return held && *held == bytes;
}

bool same_bytes(const fs::path& a, const fs::path& b) {
    std::optional<std::string> bytes = util::read_regular_file(b);
    return bytes && holds(a, *bytes);
}

void remove_or_throw(const fs::path& path) {
    std::error_code error;
    fs::remove_all(path, error);
    if (error) throw util::Error(path, "cannot remove an earlier build's file from the staged site: " + error.message());
}

}  // namespace

StagedSite::StagedSite(fs::path out_dir) : out_(fs::absolute(std::move(out_dir)).lexically_normal()) {
    if (out_.filename().empty()) out_ = out_.parent_path();
    fs::create_directories(out_.parent_path());
    remove_stale_staging();
    std::string pattern = (out_.parent_path() / ("." + out_.filename().string() + ".staging-XXXXXX")).string();
    if (!mkdtemp(pattern.data())) throw util::Error(out_, "cannot create a staging directory beside the output");
    staging_ = pattern;
    take_spare();
}

fs::path StagedSite::spare_dir() const { return out_.parent_path() / ("." + out_.filename().string() + ".spare"); }

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

// The spare becomes the staging directory (renamed over the empty one mkdtemp made), and what it
// holds is noted; anything but regular files and folders is removed at once.
void StagedSite::take_spare() {
    fs::path spare = spare_dir();
    struct stat s {};
    if (::lstat(spare.c_str(), &s) != 0) return;
    std::error_code error;
    if (!S_ISDIR(s.st_mode) || ::rename(spare.c_str(), staging_.c_str()) != 0) {
        fs::remove_all(spare, error);
        return;
    }
    bool stated = true;  // an entry that cannot be stat'ed could not be judged, so is not kept
    bool readable = util::walk_tree(staging_, {}, [&](const std::string& relative, const struct stat* entry,
                                                      const struct stat*) {
        if (!entry) {
            stated = false;
            return false;
        }
        if (S_ISDIR(entry->st_mode))
            found_[relative] = Found{.directory = true};
        else if (S_ISREG(entry->st_mode))
            found_[relative] = Found{.directory = false, .device = entry->st_dev, .inode = entry->st_ino, .size = entry->st_size};
        else
            remove_or_throw(staging_ / relative);  // a symlink, fifo or device: never followed, never published
        return true;
    });
    if (readable && stated) return;
    // Unreadable: start from an empty staging directory instead.
    found_.clear();
    remove_or_throw(staging_);
    fs::create_directory(staging_);
}

StagedSite::~StagedSite() {
    if (committed_) return;
    std::error_code ignored;
    fs::remove_all(staging_, ignored);
}

fs::path StagedSite::claim(const std::string& relative, const Found*& found) {
    fs::path path = fs::path(relative).lexically_normal();
    if (path.empty() || path.is_absolute() || *path.begin() == "..")
        throw util::Error(relative, "refusing to write outside the site");
    if (!written_folded_.insert(util::to_lower_ascii(path.generic_string())).second)
        throw util::Error(relative, "two outputs would have the same name (ignoring case)");
    fs::path parent = path.parent_path();
    if (!parent.empty() && created_dirs_.insert(parent.generic_string()).second) {
        fs::path folder;
        for (const fs::path& part : parent) {
            folder /= part;
            std::string key = folder.generic_string();
            claimed_.insert(key);
            auto earlier = found_.find(key);
            if (earlier != found_.end() && !earlier->second.directory) {  // a file where a folder goes
                remove_or_throw(staging_ / folder);
                found_.erase(earlier);
            }
        }
        fs::create_directories(staging_ / parent);
    }
    std::string key = path.generic_string();
    claimed_.insert(key);
    auto earlier = found_.find(key);
    found = nullptr;
    if (earlier != found_.end()) {
        if (earlier->second.directory) {  // a folder where a file goes
            remove_or_throw(staging_ / path);
            found_.erase(earlier);
        } else {
            found = &earlier->second;
        }
    }
    return staging_ / path;
}

StagedFile StagedSite::link(const std::string& relative, const fs::path& from) {
    const Found* found = nullptr;
    fs::path target = claim(relative, found);
    if (found) {
        struct stat s {};
        if (::stat(from.c_str(), &s) == 0 && s.st_dev == found->device && s.st_ino == found->inode)
            return note_link(relative, target);
        remove_or_throw(target);
    }
    std::error_code error;
    fs::create_hard_link(from, target, error);
    if (error) {
        std::string bytes = util::read_file(from);
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) throw util::Error(target, "write failed (disk full?)");
    }
    return note_link(relative, target);
}

StagedFile StagedSite::note_link(const std::string& relative, const fs::path& target) {
    StagedFile staged{target, {}};
    if (::stat(target.c_str(), &staged.stat) != 0) throw util::Error(target, "cannot stat a staged file");
    written_[fs::path(relative).lexically_normal().generic_string()] =
        FileRecord{static_cast<std::uint64_t>(staged.stat.st_size), {}};
    return staged;
}

void StagedSite::write(const std::string& relative, std::string_view bytes) {
    const Found* found = nullptr;
    fs::path target = claim(relative, found);
    written_[fs::path(relative).lexically_normal().generic_string()] = FileRecord{bytes.size(), util::sha256_hex(bytes)};
    if (found) {
        if (static_cast<size_t>(found->size) == bytes.size() && holds(target, bytes)) return;
        remove_or_throw(target);  // never written through: it may be a link to another file
    }
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

void StagedSite::remove_unclaimed() {
    // found_ is sorted, so a folder comes before what is in it: removing it takes its contents too.
    for (const auto& [relative, found] : found_) {
        if (claimed_.count(relative)) continue;
        std::error_code error;
        fs::remove_all(staging_ / relative, error);
        if (error && error != std::errc::no_such_file_or_directory)
            throw util::Error(staging_ / relative, "cannot remove an earlier build's file: " + error.message());
    }
}

void StagedSite::commit() {
    remove_unclaimed();
    // Everything written must be on disk before the swap makes it the site.
    sync();
    if (fs::exists(out_)) {
        if (renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0)
            throw util::Error(out_, "cannot swap in the new site: " + std::string(strerror(errno)));
        committed_ = true;
        // The staging path now holds the previous site.
        keep_spare(staging_);
    } else {
        fs::rename(staging_, out_);
        committed_ = true;
    }
}

// Of the previous site, only the regular files identical to the new site's at the same path, and
// the folders the new site has too, are kept (as the spare): nothing that left the site or
// changed, not even a folder's name, survives beside it.
void StagedSite::keep_spare(const fs::path& previous) {
    std::error_code error;
    try {
        std::vector<fs::path> gone;
        bool readable = util::walk_tree(previous, out_, [&](const std::string& relative, const struct stat* old,
                                                             const struct stat* now) {
            if (old && now && S_ISDIR(old->st_mode) && S_ISDIR(now->st_mode)) return true;
            bool same = old && now && S_ISREG(old->st_mode) && S_ISREG(now->st_mode) && old->st_size == now->st_size &&
                        ((old->st_dev == now->st_dev && old->st_ino == now->st_ino) ||
                         same_bytes(previous / relative, out_ / relative));
            if (!same) gone.push_back(previous / relative);
            return false;
        });
        if (!readable) error = std::make_error_code(std::errc::io_error);
        for (const fs::path& path : gone) remove_or_throw(path);
        if (!error) {
            fs::remove_all(spare_dir(), error);
            if (!error) fs::rename(previous, spare_dir(), error);
        }
    } catch (const std::exception&) {
        error = std::make_error_code(std::errc::io_error);
    }
    if (error) fs::remove_all(previous, error);  // no spare: the next build writes every file
}

}  // namespace sg::output
