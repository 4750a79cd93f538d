// .schoolgate-manifest.json at the root of the target: what publish wrote there, so that a later
// publish sends only what changed and removes only what it wrote. Written last, by rename.
//
// It holds only what the server already shows the world: the paths, sizes and SHA-256 of the
// site's public files and the folders they are in (no names of people, no sources, nothing from
// .schoolgate/). The web server may serve it; it tells nobody anything the site does not.
//
// Before anything is uploaded, publish writes it once with every path about to be written marked
// `pending`: should the transfer break off, the next run still knows those files are its own (a
// file uploaded by a broken run and then withdrawn from the site must be removed, never be taken
// for a stranger's upload and kept).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace sg::deploy {

inline constexpr const char* manifest_name = ".schoolgate-manifest.json";
// Files publish writes before renaming them into place start with this; a rerun removes leftovers.
inline constexpr const char* temporary_prefix = ".schoolgate-tmp-";

struct ManifestEntry {
    std::string sha256;
    std::uint64_t size = 0;
    std::int64_t mtime = 0;  // as the server listed the file after publishing it

    bool operator==(const ManifestEntry&) const = default;
};

struct Manifest {
    std::map<std::string, ManifestEntry> files;
    std::set<std::string> pending;      // being written: owned, contents not yet known
    std::set<std::string> directories;  // folders that hold the site

    bool owns(const std::string& path) const { return files.count(path) || pending.count(path); }
    std::string to_json() const;
    // Throws deploy::Error (usage) when `text` is not a manifest.
    static Manifest from_json(std::string_view text);

    bool operator==(const Manifest&) const = default;
};

// True for the name of a temporary file publish writes (any folder).
bool is_temporary(const std::string& path);

}  // namespace sg::deploy
