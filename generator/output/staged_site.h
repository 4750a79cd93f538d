// The site is written into a staging directory beside the output directory and swapped in only
// by commit(): a build that fails or is interrupted leaves the previous site/ untouched, and files
// from earlier builds never survive (the new site/ holds only what this build wrote).
#pragma once
#include <filesystem>
#include <set>
#include <string>
#include <string_view>

namespace sg::output {

class StagedSite {
public:
    // Creates the staging directory next to `out_dir` (same filesystem, so the swap is a rename),
    // first removing staging directories that killed builds left there: the caller holds the
    // site's BuildLock (build_lock.h), so no other build is using them.
    explicit StagedSite(std::filesystem::path out_dir);
    ~StagedSite();  // removes the staging directory unless committed
    StagedSite(const StagedSite&) = delete;
    StagedSite& operator=(const StagedSite&) = delete;

    // Writes `bytes` at `relative` (forward slashes, inside the site). Throws util::Error on a
    // path that would leave the site, or a second file at the same path ignoring case (two files
    // that collide on a case-insensitive web server or laptop).
    void write(const std::string& relative, std::string_view bytes);
    // Puts the file `from` at `relative`, as a hard link when `from` is on the same filesystem (the
    // image cache: its files are replaced by rename, never rewritten, so the link keeps exactly
    // these bytes), as a copy otherwise. Returns the staged file, for the caller to check. Same
    // refusals as write().
    std::filesystem::path link(const std::string& relative, const std::filesystem::path& from);
    // Copies the regular files below `from` to `relative` inside the site (theme assets).
    void copy_tree(const std::filesystem::path& from, const std::string& relative);
    bool contains(const std::string& relative) const;

    // Swaps the staging directory in as the output directory, atomically where the kernel allows
    // (renameat2 RENAME_EXCHANGE), then removes the previous site.
    void commit();

    const std::filesystem::path& staging_dir() const { return staging_; }

private:
    void remove_stale_staging() const;
    // The staged path for `relative`, its folder created; throws on a refused path.
    std::filesystem::path claim(const std::string& relative);

    std::filesystem::path out_;
    std::filesystem::path staging_;
    std::set<std::string> written_folded_;
    std::set<std::string> created_dirs_;
    bool committed_ = false;
};

}  // namespace sg::output
