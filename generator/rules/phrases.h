// policy.names.phrases: a pupil's full name that, on this site, is an everyday phrase ("summer
// day" for a pupil called Summer Day, "may day" for May Day). A listed phrase excuses a
// name.full-name finding only where the words read as ordinary text, never as a name:
//   - written in lower case, every letter of them;
//   - in running text (the page's body prose; never front matter, a heading, a caption, alt or
//     title text, an attribute or a comment: the TextScope says which bytes are running text);
//   - mid-sentence: after a letter, digit, comma, semicolon, colon, bracket, en or em dash in the same
//     paragraph (inline markup and opening quotes between do not count), never first in a
//     paragraph, a list item, a table cell or after a full stop;
//   - exactly the listed words, not a longer name around them.
// The caller adds what it knows of the page: a phrase never excuses the name of a pupil the page
// pictures or names by their known-as name, nor a protected person (text_scan.cc).
#pragma once
#include <functional>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace sg::rules {

// Whether the byte at an offset of the scanned text is running text (see above).
using RunningText = std::function<bool(size_t offset)>;

// The listed phrase the words at [begin, end) of `text` are, or nothing.
const config::Phrase* listed_phrase(std::string_view text, size_t begin, size_t end,
                                    const std::vector<config::Phrase>& phrases);

// Whether [begin, end) of `text` reads as ordinary lower-case running text mid-sentence.
bool reads_as_running_text(std::string_view text, size_t begin, size_t end, const RunningText& running);

// True when no letter of `text` is upper or title case (any script).
bool is_lower_case(std::string_view text);

}  // namespace sg::rules
