// What the media stage knows about images, as plain structs: the rules never see libvips or
// exiv2 types.
#pragma once
#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sg::media {

// A problem that makes an image unusable, with its DESIGN.md rule id (media.unreadable,
// media.too-large, media.unsupported, media.metadata).
struct Problem {
    std::string rule;
    std::string message;
};

// A rectangle on a photo as fractions of the upright image (after EXIF orientation): left, top,
// width, height, each in 0..1. Independent of any output size.
struct Box {
    double x = 0, y = 0, width = 0, height = 0;
    bool operator==(const Box&) const = default;
};

// A named region an image carries in its metadata: an MWG (mwg-rs) or Microsoft (MP:RegionInfo)
// face region, turned upright like the pixels.
struct FaceRegion {
    std::string name;  // raw, as stored (matched to register people by the rules)
    Box box;
};

// Read from the header and metadata of a source image, without decoding its pixels.
struct SourceInfo {
    std::string format;  // "jpeg", "png", "webp", "tiff", "gif", "heif"
    int width = 0, height = 0;  // as stored, before orientation
    int orientation = 1;        // EXIF orientation 1..8
    bool has_gps = false;
    // People named by the image itself: XMP Iptc4xmpExt:PersonInImage, MWG face regions
    // (mwg-rs:Name), Microsoft MP:RegionInfo person names, IPTC/XMP keywords. Raw strings as
    // stored; matching them to register people is the rules' job.
    std::vector<std::string> people_tags;
    std::vector<std::string> keywords;
    std::vector<FaceRegion> face_regions;  // the named regions among the people tags' sources
};

struct Limits {
    double max_megapixels = 50.0;
    // A stable string of the limit and of what reads the metadata (inspect()'s version, libvips,
    // exiv2): part of the key an inspection is cached under.
    std::string fingerprint() const;
};

struct InspectResult {
    std::optional<SourceInfo> info;  // set when usable
    std::optional<Problem> problem;  // set when not
};

// Reads the header (pixel count checked before any decode) and the metadata of `file`.
InspectResult inspect(const std::filesystem::path& file, const Limits& limits);

struct Settings {
    std::vector<int> widths{480, 960, 1600};
    int max_width = 1600;
    int quality = 82;
    std::vector<std::string> formats{"jpeg", "webp"};  // "avif" too when configured: slow (process.cc)
    double max_megapixels = 50.0;
    // A stable string of everything above, part of the cache key.
    std::string fingerprint() const;
};

// What stat says about a file: equal stamps mean, as far as the filesystem can tell, the same
// unchanged bytes (a write moves mtime; a replacement changes the inode).
struct FileStamp {
    long long size = 0, mtime_ns = 0, inode = 0, device = 0;
    bool operator==(const FileStamp&) const = default;
};
std::optional<FileStamp> file_stamp(const std::filesystem::path& file);
// The stamp of what `stat` describes, for a caller that has already stat'ed the file.
FileStamp stamp_of(const struct stat& stat);

// One written output file.
struct Rendition {
    std::string format;  // "jpeg", "webp" or "avif"
    int width = 0, height = 0;
    std::string name;    // content-hash file name, e.g. "9f86d081884c7d65-960.jpg"
    std::string bytes;   // empty once kept in the cache: then read `file` (rendition_bytes, cache.h)
    std::filesystem::path file;
    // Set by Cache::find: `file`'s stamp while its bytes were read and found to hash to `name`.
    // Those bytes were read back clean when they were cached.
    std::optional<FileStamp> verified;
};

struct Processed {
    int width = 0, height = 0;  // of the largest rendition, upright
    std::vector<Rendition> renditions;  // every width x every format, smallest first
};

struct ProcessResult {
    std::optional<Processed> processed;
    std::optional<Problem> problem;
};

// Decodes `file` once (shrink-on-load), applies EXIF orientation to the pixels, converts to sRGB,
// obscures every box of `obscure` (obscure.h) in that one decode, so no rendition ever holds the
// original pixels there, resizes to each configured width not above the source width or
// max_width (never upscales), re-encodes with all metadata stripped, and reads every output back
// (verify_clean); a rendition that still carries metadata turns the result into a
// media.metadata problem.
ProcessResult process(const std::filesystem::path& file, const Settings& settings,
                      const std::vector<Box>& obscure = {});

// Everything identifying found in an encoded output image: EXIF, XMP, IPTC, comments, ICC
// profiles, thumbnails, unknown chunks. Read back with exiv2 and by walking the container
// (JPEG segments, WebP RIFF chunks, PNG chunks). Empty means clean.
std::vector<std::string> find_metadata(std::string_view bytes);

}  // namespace sg::media
