// Finds what a Markdown body refers to that the gate must see: images (Markdown and raw HTML),
// embedded media the pipeline cannot make safe, and links to local documents.
#pragma once
#include <filesystem>
#include <string_view>
#include <vector>

#include "content/page.h"
#include "diag/diagnostic.h"

struct cmark_node;

namespace sg::content {

// Scans the page's body with cmark-gfm and fills page.body_images; raw HTML that embeds media
// (<video>, <iframe>, <object>...) or scripts, links to local documents (.pdf, .docx, .mp4...) and
// links that name files outside `content_dir` (Markdown or <a href>) are reported against the page.
void scan_body(Page& page, const std::filesystem::path& content_dir, diag::Diagnostics& diagnostics);

// A cmark-gfm parser with the GFM extensions used throughout (table, strikethrough, autolink,
// tagfilter, tasklist). Callers free the document with cmark_node_free. Safe on several threads:
// parses are taken one at a time.
::cmark_node* parse_markdown(std::string_view markdown);

}  // namespace sg::content
