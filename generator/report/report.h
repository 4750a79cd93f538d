// Machine-readable reports of a `check` or `build` for CI: schoolgate's own JSON, and SARIF 2.1.0
// for code-scanning tools. Both carry only what the diagnostics carry: people appear as register
// id plus initials, as every message names them (Person::redacted); no source lines are quoted.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/pipeline.h"

namespace sg::report {

// What was run, for the report's header.
struct Run {
    std::string command = "check";  // "check" or "build"
    std::string scope = "working tree";  // "working tree", "git index", or "commit <sha>"
    std::string site_uri;           // file:// URI of the site folder, ending in '/'; may be empty
    std::string version;            // schoolgate's version, when known
};

nlohmann::json to_json(const pipeline::Result& result, const Run& run);
nlohmann::json to_sarif(const pipeline::Result& result, const Run& run);

// A relative path as a URI reference: '/' kept, everything but RFC 3986 unreserved characters
// percent-encoded ("news/a b.md" -> "news/a%20b.md").
std::string uri_of(std::string_view path);
// An absolute folder as a file:// URI ending in '/'.
std::string folder_uri(const std::string& absolute_folder);

}  // namespace sg::report
