// Which bytes of a page are running prose, for policy.names.phrases (phrases.h): the only place
// words that are also a pupil's full name may be read as an everyday phrase. The source and the
// rendered HTML are judged alike: a paragraph's text is running text; headings, captions, table
// headers, front matter, alt and link text of images, raw HTML and attributes are not.
#pragma once
#include <string_view>

#include "rules/html_text.h"
#include "rules/phrases.h"

namespace sg::rules {

// For a page's source (front matter and Markdown body, the body starting at byte `body_begin`):
// running text is the body outside ATX and setext headings, table header rows, lines of raw HTML,
// the block markers at the start of a line (list bullets and numbers, quote marks, table pipes),
// image alt text (`![...]`), link destinations and titles (`](...)`) and HTML tags. `source`
// must outlive the result.
RunningText markdown_running_text(std::string_view source, size_t body_begin);

// For a piece of rendered HTML: its visible text outside label elements (headings, captions...),
// without the line breaks that stand for block elements. Attributes, comments, the <title> and
// scripts are never running text. `piece` must outlive the result.
RunningText html_running_text(const TextPiece& piece);

}  // namespace sg::rules
