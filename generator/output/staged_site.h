// The site is written into a staging directory beside the output directory and swapped in only
// by commit(): a build that fails or is interrupted leaves the previous site/ untouched, and files
// from earlier builds never survive (the new site/ holds exactly what this build put there).
//
// The staging directory starts from the spare (`.<out>.spare` beside the output): what the
// previous commit kept of the site it replaced, namely the files byte-for-byte identical to ones
// in the site it published. A file already staged with the bytes wanted (a page, compared byte
// for byte; a link, the same inode) is kept as it is; anything else there is replaced or removed
// before the swap. So an unchanged site costs a walk and a read of its pages, not a rewrite of
// every file, and nothing that left the site (a withdrawn photo, a page's old text) is kept
// anywhere beside it. An existing file is never written through: a differing one is unlinked and
// created anew, and symlinks or special files found in the staging directory are removed.
#pragma once
#include <sys/stat.h>
#include <sys/types.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "output/build_record.h"

namespace sg::output {

// A file link() put in the site: its staged path, and what stat says of it there once staged.
struct StagedFile {
    std::filesystem::path path;
    struct stat stat;
};

class StagedSite {
public:
    // Takes the staging directory next to `out_dir` (same filesystem, so the swap is a rename),
    // first removing staging directories that killed builds left there: the caller holds the
    // site's BuildLock (build_lock.h), so no other build is using them.
    explicit StagedSite(std::filesystem::path out_dir);
    ~StagedSite();  // removes the staging directory unless committed
    StagedSite(const StagedSite&) = delete;
    StagedSite& operator=(const StagedSite&) = delete;

    // Puts `bytes` at `relative` (forward slashes, inside the site). Throws util::Error on a
    // path that would leave the site, or a second file at the same path ignoring case (two files
    // that collide on a case-insensitive web server or laptop).
    void write(const std::string& relative, std::string_view bytes);
    // Puts the file `from` at `relative`, as a hard link when `from` is on the same filesystem (the
    // image cache: its files are replaced by rename, never rewritten, so the link keeps exactly
    // these bytes), as a copy otherwise. Returns the staged file and its stat, for the caller to
    // check (the stat is taken once, after staging, so the caller need not stat it again). Same
    // refusals as write().
    StagedFile link(const std::string& relative, const std::filesystem::path& from);
    // Copies the regular files below `from` to `relative` inside the site (theme assets).
    void copy_tree(const std::filesystem::path& from, const std::string& relative);
    bool contains(const std::string& relative) const;
    // Every file put in the site, by relative path: its size, and the SHA-256 of what write()
    // wrote (empty for what link() put there: content-addressed renditions). For the build record.
    const std::map<std::string, FileRecord>& written() const { return written_; }

    // Removes whatever was staged earlier and not put there by this build, swaps the staging
    // directory in as the output directory, atomically where the kernel allows (renameat2
    // RENAME_EXCHANGE), then keeps of the previous site only what is identical to the new one,
    // as the next build's spare.
    void commit();

    const std::filesystem::path& staging_dir() const { return staging_; }
    std::filesystem::path spare_dir() const;

private:
    struct Found {
        bool directory = false;
        dev_t device = 0;
        ino_t inode = 0;
        off_t size = 0;
    };
    void remove_stale_staging() const;
    void take_spare();
    // The staged path for `relative`, its folders created; throws on a refused path. Whatever was
    // staged there earlier is in `found` (nullptr when nothing was).
    std::filesystem::path claim(const std::string& relative, const Found*& found);
    void remove_unclaimed();
    StagedFile note_link(const std::string& relative, const std::filesystem::path& target);
    void keep_spare(const std::filesystem::path& previous);

    std::filesystem::path out_;
    std::filesystem::path staging_;
    std::map<std::string, Found> found_;  // what the staging directory held when taken, by relative path
    std::set<std::string> claimed_;       // what this build put there, and its folders
    std::set<std::string> written_folded_;
    std::set<std::string> created_dirs_;
    std::map<std::string, FileRecord> written_;
    bool committed_ = false;
};

}  // namespace sg::output
