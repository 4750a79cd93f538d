// What earlier builds found out about images, kept in <site>/.schoolgate/cache/ so that an
// unchanged photo is never inspected, searched for faces or processed twice. Every entry is keyed
// by the source's content hash and by a fingerprint of the code and settings that made it:
// Limits::fingerprint() for inspections, FaceSettings::fingerprint() for face detection,
// Settings::fingerprint() and the regions obscured (process()'s `obscure`) for processing.
// Renditions are files named by the SHA-256 prefix of their bytes.
//
//   cache/index                   stat index: sources (path, size, mtime, ctime, inode, device ->
//                                 content hash) and renditions (name -> size, mtime, inode, device
//                                 when its bytes last hashed to its name)
//   cache/entries/HASH-inspect-K  what inspect() found: header, GPS, the people the image names
//   cache/entries/HASH-faces-K    what detect_faces() returned: boxes only, never anything about a face
//   cache/entries/KEY             what process() returned for one source, settings and obscure list
//   cache/entries/HASH-KIND       what another stage keeps (find_entry): a PDF's inspection, its clean copy
//   cache/media/NAME              one rendition's bytes (NAME is Rendition::name)
//
// What stays true: a cache hit is only ever returned after every rendition was found to hold the
// bytes that hash to its name: read and hashed in this build, or stat-identical (size, mtime,
// inode, device) to when this cache wrote it or last hashed it (renditions were read back clean
// when stored, and are published as hard links, so ctime moves with every build and is not
// compared). Anything else (missing, truncated, tampered, unparsable) is a miss and the source is
// processed again. A result is stored only when the source's stat did not change between hashing
// and processing. A source's or a found rendition's stat is trusted only when every field matches
// and the file was already old when it was hashed (the window in which a same-size rewrite keeps
// its mtime), as ccache's direct mode does; on any doubt the file is hashed again.
// Nothing from consent/ is ever written here. An inspection entry holds the names an image carries
// in its own metadata (the same names as the photo in content/); like every entry it is removed by
// the first build that no longer uses it.
#pragma once
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "media/faces.h"
#include "media/image.h"

namespace sg::media {

class Cache {
public:
    // Loads the stat index of `dir` (created on first store). `settings` are part of every
    // processing key, `faces` of every detection key; Limits{settings.max_megapixels} of every
    // inspection key.
    Cache(std::filesystem::path dir, const Settings& settings, const FaceSettings& faces = {});

    // SHA-256 of `file`'s bytes, from the stat index when it can be trusted. Throws util::Error
    // when the file cannot be read. Thread-safe.
    std::string content_hash(const std::filesystem::path& file);

    // The verified result cached for a source with `content_hash`, or nullopt. Renditions come back
    // without bytes: their `file` is in the cache (read them with rendition_bytes). Thread-safe.
    // `obscure` is the list process() was given.
    std::optional<ProcessResult> find(const std::string& content_hash, const std::vector<Box>& obscure = {});

    // Whether an entry is kept for a source with `content_hash` and `obscure` (what find() reads
    // first: find() may still refuse it). Thread-safe.
    bool holds(const std::string& content_hash, const std::vector<Box>& obscure = {}) const;

    // Keeps `result` for a source with `content_hash`, unless `file` changed since it was hashed.
    // Renditions are moved out of memory into the cache: their bytes are emptied and their `file`
    // set. Throws util::Error when the cache cannot be written. Thread-safe.
    void store(const std::string& content_hash, const std::filesystem::path& file, ProcessResult& result,
               const std::vector<Box>& obscure = {});

    // The inspection cached for a source with `content_hash`, or nullopt. Thread-safe.
    std::optional<InspectResult> find_inspection(const std::string& content_hash);
    // Keeps `result` for a source with `content_hash`, unless `file` changed since it was hashed.
    void store_inspection(const std::string& content_hash, const std::filesystem::path& file,
                          const InspectResult& result);

    // The face detection result cached for a source with `content_hash`, or nullopt. Thread-safe.
    std::optional<FaceResult> find_faces(const std::string& content_hash);
    // Keeps `result` for a source with `content_hash`, unless `file` changed since it was hashed.
    void store_faces(const std::string& content_hash, const std::filesystem::path& file, const FaceResult& result);

    // An entry another stage keeps for a source with `content_hash` (a PDF document's inspection,
    // its clean copy), as stored, or nullopt. `kind` names what made it, settings included (e.g.
    // "document-" and a fingerprint's hash): [a-z0-9-] only. Thread-safe.
    std::optional<std::string> find_entry(const std::string& content_hash, const std::string& kind);
    // Keeps `bytes` for a source with `content_hash`, unless `file` changed since it was hashed.
    void store_entry(const std::string& content_hash, const std::string& kind, const std::filesystem::path& file,
                     const std::string& bytes);

    // Whether `file`'s stat is still the one it had when this build hashed it to `content_hash`: what
    // was made from it since is of those bytes, as far as stat can tell. Thread-safe.
    bool unchanged_since_hashed(const std::string& content_hash, const std::filesystem::path& file);

    // Writes the stat index of the files seen by this build and removes every entry and rendition
    // this build did not use.
    void finish();

private:
    struct Stat {
        long long size = 0, mtime_ns = 0, ctime_ns = 0, inode = 0, device = 0;
        bool operator==(const Stat&) const = default;
    };
    struct Indexed {
        Stat stat;
        std::string hash;
    };
    static std::optional<Stat> stat_of(const std::filesystem::path& file);
    static std::optional<Stat> regular(const struct stat& s);  // nullopt unless a regular file
    std::optional<std::string> read_entry(const std::string& name);
    void write_entry(const std::string& name, const std::string& text);
    bool trusted_rendition(const std::string& name, const FileStamp& stamp);
    void remember_rendition(const std::string& name, const FileStamp& stamp);
    std::filesystem::path entry_path(const std::string& content_hash, const std::vector<Box>& obscure) const;
    void create_directories();
    void mark_used(const std::string& entry, const std::vector<Rendition>& renditions);

    std::filesystem::path dir_;
    std::string settings_key_, faces_key_, inspect_key_;
    std::mutex mutex_;
    std::map<std::string, Indexed> index_;  // by absolute path, as loaded
    std::map<std::string, Indexed> seen_;   // trusted entries for the next index
    std::map<std::string, Indexed> hashed_;  // what this build hashed, stat unchanged while reading
    std::map<std::string, FileStamp> renditions_index_;  // by rendition name, as loaded
    std::map<std::string, FileStamp> renditions_seen_;   // trusted stamps for the next index
    std::set<std::string> used_entries_, used_media_;
};

// A rendition's bytes: those in memory, or its cache file's, which must still hash to its name.
// Throws util::Error otherwise.
std::string rendition_bytes(const Rendition& rendition);

}  // namespace sg::media
