// Everything a rendered HTML page publishes as text, for the output checks (names, contacts):
// the visible text, the attribute values a reader or a crawler sees (alt, title, aria-label,
// meta content, links, image sources, data-*, form values), comments, the <title> and the
// contents of <script> (JSON-LD). Character references are decoded. This is not a full HTML5
// parser, but it reads malformed HTML (unclosed tags and quotes, stray '<', unquoted attribute
// values) without failing, and always finishes in one pass.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sg::rules {

// One piece of published text and where it came from. `text` is decoded (no entities, no tags);
// html_offset_at() maps any byte of it back to the HTML, so findings can be located there.
struct TextPiece {
    std::string text;
    std::string where;  // "text", "title element", "script", "comment", "alt attribute", "href attribute"...
    std::string tag;    // lower-case element name for attributes and elements ("img"), else empty
    size_t html_offset = 0;  // where the piece starts in the HTML

    // A stretch of `text` starting at `text_begin` that came from the HTML at `html_begin`, byte
    // for byte when `verbatim` (a decoded reference or an inserted line break is not).
    struct Span {
        size_t text_begin = 0;
        size_t html_begin = 0;
        bool verbatim = true;
    };
    std::vector<Span> spans;  // in order of text_begin

    // Of the visible text: the ranges [begin, end) of `text` inside an element that labels rather
    // than tells (h1-h6, caption, figcaption, th, dt, summary, legend, label, button, option). An
    // element left open runs to the end of the text.
    std::vector<std::pair<size_t, size_t>> labels;

    // The HTML byte offset that `text_offset` (a byte of `text`) came from.
    size_t html_offset_at(size_t text_offset) const;
    // Whether the byte at `text_offset` was copied from the HTML as written (not a decoded
    // reference, not a line break standing for a block element).
    bool verbatim_at(size_t text_offset) const;
    bool in_label(size_t text_offset) const;
};

// The visible text of the page is one piece ("text"): inline elements (b, strong, em, span, a...)
// leave nothing between the words around them, so "<strong>Amelia</strong> Thornbury" reads as
// one name; block elements and <br> become a line break (still a word boundary). Every other
// piece is one attribute value, comment, title or script. Pieces are ordered by html_offset;
// empty ones are left out. The contents of <style> are not published text and are skipped.
std::vector<TextPiece> published_text(std::string_view html);

}  // namespace sg::rules
