// What `schoolgate publish` does with a target, protocol aside: reads site/ and checks it against
// the build record, plans what to send and remove, does it in an order that never shows a visitor
// a page whose photo is missing, and checks that the server ends up holding exactly the site.
//
// Order (execute): the manifest marks what is about to be written as pending; folders; new and
// changed media and assets; then pages, feeds, the sitemap and robots.txt (each written under a
// temporary name in its folder and renamed into place); then files the site no longer has, and
// folders left empty; then the server is listed again (every path and size compared with site/,
// every file sent read back and hashed) and the manifest is written last.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "deploy/manifest.h"
#include "deploy/target.h"
#include "output/build_record.h"

namespace sg::deploy {

struct LocalFile {
    std::filesystem::path file;
    std::uint64_t size = 0;
    std::string sha256;
};

// The site as the last build wrote it, by path relative to site/.
using LocalSite = std::map<std::string, LocalFile>;

struct SiteCheck {
    LocalSite files;
    std::vector<std::string> problems;  // one line each, naming the file; any problem refuses the site
};

// Reads and hashes every file below `site` and compares each with `record.files`: a file the build
// did not write, a file whose size or hash differs (for a content-addressed rendition: whose hash
// does not start with its name), a recorded file that is missing, and anything that is not a
// regular file or folder (a symlink) is a problem. Names publish keeps for itself are refused too.
SiteCheck read_site(const std::filesystem::path& site, const output::BuildRecord& record);

struct Plan {
    std::vector<std::string> uploads;      // in the order they are sent
    std::uint64_t upload_bytes = 0;
    size_t unchanged = 0;                  // site files the server already holds
    std::vector<std::string> make_directories;    // parents first
    std::vector<std::string> removals;     // published earlier, no longer in the site (with --delete-unknown: unknown files too)
    std::vector<std::string> temporaries;  // left by an interrupted publish: removed
    std::vector<std::string> remove_directories;  // deepest first
    std::vector<std::string> unknown;      // not written by schoolgate ("dir/" for a folder); kept unless --delete-unknown
    bool delete_unknown = false;
    std::vector<std::string> conflicts;    // cannot be resolved: nothing is sent

    bool changes_anything() const {
        return !uploads.empty() || !make_directories.empty() || !removals.empty() || !temporaries.empty() ||
               !remove_directories.empty();
    }
};

// Pages (.html), feeds (.xml) and other text (robots.txt) go after everything they may show.
bool is_page(const std::string& path);

// `manifest`: what the target's manifest says (nullopt when it has none: a first publish).
Plan make_plan(const LocalSite& site, const std::optional<Manifest>& manifest, const Listing& listing,
               bool delete_unknown);

// Told of each step: "upload", "remove", "verify", with a count.
using Progress = std::function<void(const std::string& step, size_t done, size_t total)>;

struct Outcome {
    size_t uploaded = 0;
    std::uint64_t bytes = 0;
    std::vector<std::string> removed;  // site paths removed from the server (temporaries not included)
    size_t verified = 0;               // files compared after publishing
    size_t read_back = 0;              // of those, read back and hashed
};

// Carries out `plan` (made from `manifest` and a listing of `target`). Throws Error (failed) when
// the server does not hold the site afterwards.
Outcome execute(Target& target, const LocalSite& site, const Plan& plan, const std::optional<Manifest>& manifest,
                const Progress& progress = {});

// The manifest on `target`, if any.
std::optional<Manifest> read_manifest(Target& target);

// The public URL of a site path: base_url + path, "dir/index.html" as "dir/".
std::string public_url(const std::string& base_url, const std::string& path);

}  // namespace sg::deploy
