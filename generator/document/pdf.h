// PDF documents (newsletters, policies) through the gate, as plain structs: the rules never see
// poppler or qpdf types. Reading (`inspect`) gives what the rules check: each page's text, and each
// embedded image with the people its own metadata names and the faces the detector finds.
// Writing (`rewrite_clean`) gives the only bytes that may be published: a full rewrite (no earlier
// revision survives) without the Info dictionary, XMP, attachments, JavaScript and other actions,
// annotations other than links, form fields, thumbnails, page-piece data, outlines or the
// structure tree, and with every embedded JPEG re-encoded without metadata. `find_leftovers` reads
// written bytes back.
//
// Fail closed: whatever the gate cannot understand (an encrypted or damaged file, a stream it
// cannot decode, an image it cannot read, a font whose text cannot be extracted, hidden optional
// content, a document over a bound) is a Problem, never an empty result.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/faces.h"
#include "media/image.h"

namespace sg::document {

struct Limits {
    int max_pages = 200;
    long long max_bytes = 50LL * 1024 * 1024;
    int max_images = 1000;
    double max_megapixels = 50.0;  // per embedded image
    // A stable string of the bounds and of the reader's version, poppler's and qpdf's: part of the
    // key an inspection is cached under.
    std::string fingerprint() const;
};

// An image the document shows (an image XObject, once however often it is drawn).
struct EmbeddedImage {
    int page = 0;  // the first page (1-based) that draws it
    int width = 0, height = 0;
    std::string encoding;  // "jpeg" (DCTDecode) or "pixels" (decoded by qpdf: Flate, LZW, ...)
    bool has_gps = false;
    std::vector<std::string> people_tags;     // as media::SourceInfo::people_tags (JPEG metadata)
    std::vector<media::FaceRegion> face_regions;
    std::vector<media::Box> faces;            // detected, fractions of the image (a JPEG's turned
                                              // upright by its EXIF orientation, as media gives them)
};

struct Inspection {
    std::optional<media::Problem> problem;  // media.unreadable, media.too-large, media.unsupported
    int pages = 0;
    std::vector<std::string> page_text;  // UTF-8, one per page (index 0 is page 1)
    std::vector<EmbeddedImage> images;
    // The URIs of the links the clean copy keeps (mailto: ones too), which are not page text: for
    // the contact rules.
    std::vector<std::string> links;
    // What the source carries that the clean copy leaves out, for review: e.g. "Info dictionary
    // (Author, Creator)", "XMP metadata", "1 attachment", "JavaScript", "3 form fields".
    std::vector<std::string> removed;
};

// Reads `file`: text per page (poppler), structure and images (qpdf), faces (media::detect_faces
// with `faces`). Throws util::ConfigurationError when the face model is missing or altered.
Inspection inspect(const std::filesystem::path& file, const Limits& limits, const media::FaceSettings& faces);

struct Cleaned {
    std::optional<media::Problem> problem;
    std::string bytes;  // the clean PDF; the same source always gives the same bytes
    int pages = 0;
};

// The clean copy of `file`, read back with find_leftovers before it is returned (leftovers turn
// into a media.metadata problem).
Cleaned rewrite_clean(const std::filesystem::path& file, const Limits& limits);

// Everything in written PDF bytes that a clean copy must not hold: an Info dictionary, XMP, an
// attachment, JavaScript or another action than a link's, an annotation other than a link, form
// fields, thumbnails, page-piece data, an incremental update, an embedded JPEG with EXIF, XMP,
// IPTC or comment segments. Empty means clean. Unparsable bytes are a leftover, not clean.
std::vector<std::string> find_leftovers(std::string_view bytes);

// The text of each page of PDF `bytes` (poppler), to scan the written copy again; nullopt when it
// cannot be read.
std::optional<std::vector<std::string>> page_text(std::string_view bytes);

}  // namespace sg::document
