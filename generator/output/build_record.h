// What a build published and withheld, written to .schoolgate/build-record.json (never into
// site/). People appear only as register ids.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace sg::output {

struct PhotoRecord {
    std::string src;                     // the source, relative to the site root
    std::vector<std::string> outputs;    // rendition names in site/media/
    std::vector<std::string> people;     // register ids
    std::string declaration;             // "listed", "unidentifiable"
};

struct PageRecord {
    std::string source;  // "content/news/castle.md", or empty for generated pages
    std::string url;
    std::string hash;    // sha256 of the rendered HTML
    std::vector<PhotoRecord> photos;
};

struct WithheldRecord {
    std::string source;
    std::vector<std::string> rules;
};

struct BuildRecord {
    std::string date;  // the build date consent was judged on
    std::vector<PageRecord> pages;
    std::vector<WithheldRecord> withheld;

    std::string to_json() const;
};

}  // namespace sg::output
