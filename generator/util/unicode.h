// Text normalised for matching names (ICU): NFKD, accents removed, case folded, every kind of
// white space and punctuation a word boundary, format characters (zero-width space and joiner,
// soft hyphen, BOM) ignored, apostrophes and hyphens word boundaries.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sg::util {

// One word of folded text and the bytes of the original it came from. A word is a run of letters
// and digits with the combining marks that follow them; format characters inside it are skipped
// ("Ame\u200Blia" is one word, "amelia", spanning all of its bytes).
struct Token {
    std::string folded;  // e.g. "zoe" for "Zoë", "obrien" is NOT produced: "O'Brien" -> "o", "brien"
    size_t begin = 0;    // byte offsets into the original UTF-8 text
    size_t end = 0;
};

// Splits UTF-8 `text` into folded words. Invalid UTF-8 bytes are word boundaries.
std::vector<Token> fold_words(std::string_view text);

// The folded words of `text` joined by single spaces ("Zoë  O’Brien" -> "zoe o brien").
std::string fold(std::string_view text);

// Decodes HTML character references (&amp; &#233; &#xE9; &nbsp; and the common named ones).
// Numeric references and the Latin-1 names may omit the ';' as browsers allow; unknown names are
// kept as written.
std::string decode_html_entities(std::string_view text);

// Decodes the one character reference at the start of `text` (which begins with '&'), appending
// its UTF-8 to `out`. Returns the number of bytes it used, or 0 when `text` does not start with a
// reference (then nothing is appended).
size_t decode_html_entity(std::string_view text, std::string& out);

}  // namespace sg::util
