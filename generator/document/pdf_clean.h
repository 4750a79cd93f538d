// The clean structure of a PDF, made in memory: what rewrite_clean writes and what inspect reads
// the images of. Internal to the document stage.
#pragma once
#include <qpdf/QPDF.hh>

#include <string>
#include <utility>
#include <vector>

namespace sg::document {

// Strips `qpdf` down to what may be published, in place, and says what went (Inspection::removed):
// - the trailer keeps /Root alone (no /Info, no original /ID);
// - the catalog keeps only /Type, /Pages, /Version, /PageLayout, /PageMode (None or FullScreen),
//   /ViewerPreferences, /Lang, /Dests and /Names /Dests (so internal links still work): no XMP,
//   attachments, JavaScript, actions, form, outlines, structure tree, page labels, optional
//   content configuration, threads, output intents or other data;
// - the page tree is one level, each page keeps only its boxes, resources, contents, rotation,
//   transparency group and links; a link keeps its place, border, destination and an /A that is a
//   URI or GoTo action, nothing else;
// - inline images become image XObjects (so every image is found as one), resources the contents
//   never use go;
// - no object keeps /Metadata, /PieceInfo, /AF, /Thumb, /AA, /OPI, /Alternates or structure
//   references;
// - content streams (pages, form XObjects, tiling patterns, Type 3 glyphs) lose their comments
//   when written.
// Embedded JPEG bytes are left as they are (rewrite_clean re-encodes them).
std::vector<std::string> strip(QPDF& qpdf);

// The lists strip() keeps to, for find_leftovers to check written bytes against the same ones.
bool kept_in_catalog(const std::string& key);
bool kept_in_page(const std::string& key);
bool kept_in_link(const std::string& key);
// Keys no kept object holds, with what each one is ("/Metadata": "XMP metadata").
const std::vector<std::pair<std::string, std::string>>& removed_everywhere();

}  // namespace sg::document
