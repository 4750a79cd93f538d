#include "rules/phrases.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "util/unicode.h"

namespace sg::rules {
namespace {

// The code point that ends just before byte `at` of `text`, and where it starts; U+FFFD for an
// invalid sequence.
std::pair<UChar32, size_t> code_point_before(std::string_view text, size_t at) {
    int32_t i = static_cast<int32_t>(at);
    UChar32 c = 0;
    U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, i, c);
    return {c < 0 ? 0xFFFD : c, static_cast<size_t>(i)};
}

// Between a sentence's words and the phrase: spacing, inline Markdown markup, opening quotes.
bool is_skipped(UChar32 c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '*' || c == '_' || c == '~' || c == '`' || c == '[' ||
           c == '"' || c == '\'' || c == 0x00A0 || c == 0x201C || c == 0x2018;
}

// What may stand right before a phrase in the middle of a sentence.
bool continues_sentence(UChar32 c) {
    return u_isalnum(c) || c == ',' || c == ';' || c == ':' || c == '(' || c == 0x2013 || c == 0x2014;
}

}  // namespace

const config::Phrase* listed_phrase(std::string_view text, size_t begin, size_t end,
                                    const std::vector<config::Phrase>& phrases) {
    if (phrases.empty()) return nullptr;
    std::string words = util::fold(text.substr(begin, end - begin));
    for (const config::Phrase& phrase : phrases)
        if (util::fold(phrase.phrase) == words) return &phrase;
    return nullptr;
}

bool is_lower_case(std::string_view text) {
    for (int32_t i = 0, size = static_cast<int32_t>(text.size()); i < size;) {
        UChar32 c = 0;
        U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, size, c);
        if (c >= 0 && (u_isupper(c) || u_istitle(c))) return false;
    }
    return true;
}

bool reads_as_running_text(std::string_view text, size_t begin, size_t end, const RunningText& running) {
    if (!running || begin >= end || end > text.size() || !is_lower_case(text.substr(begin, end - begin)))
        return false;
    for (size_t i = begin; i < end; ++i)
        if (!running(i)) return false;
    // Back to the word before, within the paragraph: one line break at most (a soft break).
    int line_breaks = 0;
    for (size_t at = begin; at > 0;) {
        auto [c, start] = code_point_before(text, at);
        if (!running(start)) return false;
        if (c == '\n') {
            if (++line_breaks > 1) return false;
        } else if (!is_skipped(c)) {
            return continues_sentence(c);
        }
        at = start;
    }
    return false;  // first in the text
}

}  // namespace sg::rules
