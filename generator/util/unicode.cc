#include "util/unicode.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace sg::util {
namespace {

// Letters and digits make words; combining marks continue the word they follow.
enum class CharClass { word, mark, ignored, boundary };

CharClass classify(UChar32 c) {
    if (c < 0) return CharClass::boundary;  // invalid UTF-8
    if (c < 0x80) {
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        return alnum ? CharClass::word : CharClass::boundary;
    }
    if (c == 0x02BC) return CharClass::boundary;  // modifier letter apostrophe, a look-alike of ’ ("OʼBrien")
    int8_t category = u_charType(c);
    if (category == U_FORMAT_CHAR) return CharClass::ignored;
    if (category == U_NON_SPACING_MARK || category == U_COMBINING_SPACING_MARK || category == U_ENCLOSING_MARK)
        return CharClass::mark;
    if (u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) return CharClass::word;
    return CharClass::boundary;
}

const icu::Normalizer2& nfkd() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* instance = icu::Normalizer2::getNFKDInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: NFKD normaliser unavailable");
    return *instance;
}

// NFKD, case folded, NFKD again (folding can produce decomposable characters: "İ" -> "i̇"),
// then every combining mark removed: "Zoë" -> "zoe", "ﬁ" -> "fi", "ß" -> "ss".
std::string fold_word(const icu::UnicodeString& word) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString text = nfkd().normalize(word, status);
    text.foldCase();
    text = nfkd().normalize(text, status);
    if (U_FAILURE(status)) return {};
    icu::UnicodeString bare;
    for (int32_t i = 0; i < text.length();) {
        UChar32 c = text.char32At(i);
        if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
        i += U16_LENGTH(c);
    }
    std::string out;
    bare.toUTF8String(out);
    return out;
}

std::string fold_ascii_word(std::string_view word) {
    std::string out(word);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

void append_utf8(UChar32 c, std::string& out) {
    if (c <= 0 || c > 0x10FFFF || U_IS_SURROGATE(c)) c = 0xFFFD;
    char bytes[4];
    int32_t length = 0;
    U8_APPEND_UNSAFE(bytes, length, c);
    out.append(bytes, static_cast<size_t>(length));
}

}  // namespace

std::vector<Token> fold_words(std::string_view text) {
    std::vector<Token> tokens;
    icu::UnicodeString word;  // the current word's characters, format characters left out
    bool ascii = true;
    std::string ascii_word;
    size_t begin = 0, end = 0;
    auto finish = [&] {
        if (word.isEmpty()) return;
        std::string folded = ascii ? fold_ascii_word(ascii_word) : fold_word(word);
        if (!folded.empty()) tokens.push_back({std::move(folded), begin, end});
        word.remove();
        ascii_word.clear();
        ascii = true;
    };
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX));
    for (int32_t i = 0; i < length;) {
        size_t start = static_cast<size_t>(i);
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        CharClass kind = classify(c);
        if (kind == CharClass::ignored) continue;
        if (kind == CharClass::boundary || (kind == CharClass::mark && word.isEmpty())) {
            finish();
            continue;
        }
        if (word.isEmpty()) begin = start;
        word.append(c);
        if (c < 0x80) ascii_word.push_back(static_cast<char>(c));
        else ascii = false;
        end = static_cast<size_t>(i);
    }
    finish();
    return tokens;
}

std::string fold(std::string_view text) {
    std::string out;
    for (const Token& token : fold_words(text)) {
        if (!out.empty()) out += ' ';
        out += token.folded;
    }
    return out;
}

namespace {

// HTML's names for U+00A0..U+00FF, in code point order.
constexpr std::array<std::string_view, 96> latin1_names = {
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect",
    "uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr",
    "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
    "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil",
    "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml",
    "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
    "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig",
    "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml",
    "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide",
    "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
};

struct NamedEntity {
    std::string_view name;
    UChar32 code_point;
};

// Other HTML names likely in a school's pages: ASCII punctuation (including the ones that spell
// contact details), letters of names from Central European languages, typographic punctuation and
// the invisible characters.
constexpr NamedEntity other_names[] = {
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
    {"commat", '@'}, {"period", '.'}, {"plus", '+'}, {"lpar", '('}, {"rpar", ')'},
    {"colon", ':'}, {"comma", ','}, {"sol", '/'}, {"num", '#'},
    {"OElig", 0x152}, {"oelig", 0x153}, {"Scaron", 0x160}, {"scaron", 0x161},
    {"Zcaron", 0x17D}, {"zcaron", 0x17E}, {"Yuml", 0x178}, {"Cacute", 0x106}, {"cacute", 0x107},
    {"Ccaron", 0x10C}, {"ccaron", 0x10D}, {"Lstrok", 0x141}, {"lstrok", 0x142},
    {"Nacute", 0x143}, {"nacute", 0x144}, {"Sacute", 0x15A}, {"sacute", 0x15B},
    {"Zacute", 0x179}, {"zacute", 0x17A}, {"Zdot", 0x17B}, {"zdot", 0x17C},
    {"Ecaron", 0x11A}, {"ecaron", 0x11B}, {"Rcaron", 0x158}, {"rcaron", 0x159},
    {"Scedil", 0x15E}, {"scedil", 0x15F}, {"Gbreve", 0x11E}, {"gbreve", 0x11F},
    {"ensp", 0x2002}, {"emsp", 0x2003}, {"thinsp", 0x2009}, {"ZeroWidthSpace", 0x200B},
    {"zwnj", 0x200C}, {"zwj", 0x200D}, {"hyphen", 0x2010}, {"ndash", 0x2013}, {"mdash", 0x2014},
    {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"hellip", 0x2026}, {"NoBreak", 0x2060},
};

// Browsers read &#128;..&#159; as Windows-1252 (&#146; is a right single quote).
constexpr std::array<UChar32, 32> windows_1252 = {
    0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021, 0x2C6,  0x2030, 0x160,
    0x2039, 0x152,  0x8D,   0x17D,  0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178,
};

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// "&#233;", "&#xE9;" (';' optional). Returns bytes used, 0 if not a numeric reference.
size_t decode_numeric(std::string_view text, std::string& out) {
    size_t i = 2;
    bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
    if (hex) ++i;
    size_t digits_begin = i;
    UChar32 value = 0;
    for (; i < text.size(); ++i) {
        char c = text[i];
        int digit = c >= '0' && c <= '9'                 ? c - '0'
                    : hex && c >= 'a' && c <= 'f'        ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F'        ? c - 'A' + 10
                                                         : -1;
        if (digit < 0) break;
        value = std::min<UChar32>(value * (hex ? 16 : 10) + digit, 0x110000);
    }
    if (i == digits_begin) return 0;
    if (i < text.size() && text[i] == ';') ++i;
    if (value >= 0x80 && value <= 0x9F) value = windows_1252[static_cast<size_t>(value - 0x80)];
    append_utf8(value, out);
    return i;
}

}  // namespace

size_t decode_html_entity(std::string_view text, std::string& out) {
    if (text.size() < 2 || text[0] != '&') return 0;
    if (text[1] == '#') return decode_numeric(text, out);
    size_t end = 1;
    while (end < text.size() && is_ascii_alnum(text[end])) ++end;
    std::string_view name = text.substr(1, end - 1);
    bool semicolon = end < text.size() && text[end] == ';';
    if (name.empty()) return 0;
    auto latin1 = std::find(latin1_names.begin(), latin1_names.end(), name);
    if (latin1 != latin1_names.end()) {
        append_utf8(static_cast<UChar32>(0xA0 + (latin1 - latin1_names.begin())), out);
        return end + (semicolon ? 1 : 0);
    }
    for (const NamedEntity& entity : other_names) {
        bool legacy = name == "amp" || name == "lt" || name == "gt" || name == "quot";
        if (entity.name == name && (semicolon || legacy)) {
            append_utf8(entity.code_point, out);
            return end + (semicolon ? 1 : 0);
        }
    }
    return 0;
}

std::string decode_html_entities(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        size_t used = text[i] == '&' ? decode_html_entity(text.substr(i), out) : 0;
        if (used) {
            i += used;
        } else {
            out += text[i];
            ++i;
        }
    }
    return out;
}

}  // namespace sg::util
