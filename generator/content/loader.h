// Loads the pages below content/: front matter, Markdown body, and every image reference with its
// source location. Problems in a page are content.* / media.* diagnostics that withhold that page.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "content/page.h"
#include "diag/diagnostic.h"

namespace sg::content {

// Front matter above this size is refused (content.invalid) before YAML parses it: real front
// matter is a few KB even for a large gallery.
inline constexpr size_t max_front_matter_bytes = 256 * 1024;

// Parses one page's text. `source` is its path relative to the site root ("content/news/x.md"),
// `content_dir` the absolute content/ folder that image references must stay inside; `linked` a
// content/ folder whose files `content_dir` may hold links to (resolve_reference).
Page parse_page(std::string_view text, const std::string& source, const std::filesystem::path& file,
                const std::filesystem::path& content_dir, diag::Diagnostics& diagnostics,
                const std::filesystem::path& linked = {});

// Every *.md below `site_root`/content, in a stable order. `linked`: as for parse_page.
std::vector<Page> load_pages(const std::filesystem::path& site_root, diag::Diagnostics& diagnostics,
                             const std::filesystem::path& linked = {});

// Resolves an image reference of a page: percent-decoded, relative to the page's directory, and
// required to stay inside `content_dir` after symlinks are followed. Returns the problem's rule
// and message instead when it cannot be used. A snapshot of a git index (check --staged) links its
// unchanged photos to the work tree's own: such a link, inside `content_dir` itself, may lead
// into `linked` (the work tree's content/ folder).
struct Resolved {
    std::filesystem::path file;
    std::string rule;  // empty when resolved
    std::string message;
};
Resolved resolve_reference(std::string_view src, const std::filesystem::path& page_file,
                           const std::filesystem::path& content_dir, const std::filesystem::path& linked = {});

}  // namespace sg::content
