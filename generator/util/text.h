// Small string helpers that know nothing of schoolgate.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sg::util {

std::string_view trim(std::string_view text);
std::string to_lower_ascii(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// Levenshtein distance, for "did you mean".
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is close enough to be a likely typo, else "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

// The offset of the first byte that is not part of well-formed UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF), or npos.
size_t first_invalid_utf8(std::string_view text);

// Decodes %XX escapes (as in URLs); a '%' not followed by two hex digits is kept as written.
std::string percent_decode(std::string_view text);

// The lines of `text` (without their terminators); "\r\n" and "\n" both end a line.
std::vector<std::string_view> lines_of(std::string_view text);

}  // namespace sg::util
