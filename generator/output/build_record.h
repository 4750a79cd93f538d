// What a build published and withheld, written to .schoolgate/build-record.json (never into
// site/) and read back by `schoolgate review` as "what the public site shows now".
//
// Per page: its URL, source, the hash of the rendered HTML, its visible text (the words a reader
// sees, for review's word diffs: that text is public anyway) and its photos with their rendition
// names, the register ids of the people pictured and the consent each was published under
// (channel and dates only); its PDF documents alike. The text of a page's documents follows its own
// (review diffs it with the page). People appear only as register ids, never as names.
//
// Per file of the site written (`files`): its size and SHA-256, so that `schoolgate publish` can
// tell the site as built from one changed by hand. A rendition in media/ linked from the image cache
// has no `sha256` here: its name starts with the first 16 hex digits of its SHA-256 (content
// addressed), which publish checks instead; hashing every cached image again would double a warm
// build. The options the site was built with (`out`, `require_approval`) let publish judge whether
// a build now would publish the same site.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sg::output {

// The consent a pictured person was published under on the build date.
struct ConsentRecord {
    std::string person;      // register id
    std::string channel;     // "website"
    std::string granted_on;  // ISO dates; empty when the register leaves them blank
    std::string expires_on;

    bool operator==(const ConsentRecord&) const = default;
};

struct PhotoRecord {
    std::string src;                     // as the page declares it (relative to the page)
    std::string alt;                     // public: it is in the page
    std::vector<std::string> outputs;    // rendition names in site/media/, smallest first
    std::vector<std::string> people;     // register ids
    std::string declaration;             // "listed", "unidentifiable"
    std::vector<ConsentRecord> consents;  // one per person, in the order of `people`

    bool operator==(const PhotoRecord&) const = default;
};

struct PageRecord {
    std::string source;  // "content/news/castle.md", or empty for generated pages
    std::string url;
    std::string hash;    // sha256 of the rendered HTML
    std::string text;    // the visible text of the rendered page (rules::published_text)
    std::vector<PhotoRecord> photos;
    // Its PDF documents, recorded as photos are: `alt` is the document's title, `outputs` its clean
    // copy in site/documents/.
    std::vector<PhotoRecord> documents;
};

struct WithheldRecord {
    std::string source;
    std::vector<std::string> rules;
};

// One file of the site as the build wrote it.
struct FileRecord {
    std::uint64_t size = 0;
    std::string sha256;  // empty for a content-addressed rendition linked from the image cache

    bool operator==(const FileRecord&) const = default;
};

struct BuildRecord {
    std::string date;  // the build date consent was judged on
    // What built it: the program's and the libraries' versions and the face model, by name
    // ("schoolgate", "libvips", ...); empty in records written before it was kept.
    std::map<std::string, std::string> built_with;
    std::vector<PageRecord> pages;
    std::vector<WithheldRecord> withheld;
    // Every file written, by path relative to the site (forward slashes). Empty in a record written
    // before publish existed: such a record cannot vouch for site/.
    std::map<std::string, FileRecord> files;
    bool has_files = false;        // the record lists its files (possibly none)
    std::string out;               // the output folder, relative to the site's folder when inside it
    bool require_approval = false;  // built with --require-approval

    std::string to_json() const;
    // Reads what to_json() wrote (version 1; records written before `text`, `alt` and `consents`
    // existed read with those empty). Throws util::Error naming `path` when it is not a record.
    static BuildRecord from_json(std::string_view json, const std::filesystem::path& path);

    const PageRecord* find(std::string_view url) const;
};

// Text as the record keeps it: each line with its spacing collapsed, blank lines dropped.
std::string compact_text(std::string_view text);

}  // namespace sg::output
