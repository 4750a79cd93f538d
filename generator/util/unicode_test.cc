#include "util/unicode.h"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

namespace sg::util {
namespace {

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    for (const Token& token : fold_words(text)) words.push_back(token.folded);
    return words;
}

}  // namespace

TEST_SUITE("util::unicode") {

TEST_CASE("fold turns every spelling of a name into the same words") {
    struct Case {
        const char* text;
        const char* folded;
    };
    const Case cases[] = {
        {"Amelia Thornbury", "amelia thornbury"},
        {"AMELIA THORNBURY", "amelia thornbury"},
        {"Zoë", "zoe"},
        {"Zoe\u0308", "zoe"},                       // decomposed diaeresis
        {"ZOË", "zoe"},
        {"Łucja Wójcik", "łucja wojcik"},           // ł has no decomposition: only the accent on ó goes
        {"Straße", "strasse"},                      // full case folding
        {"ﬁnn", "finn"},                            // compatibility ligature
        {"Ｚｏｅ", "zoe"},                            // full-width letters
        {"Zoë  O’Brien", "zoe o brien"},
        {"O'Brien", "o brien"},
        {"O\u02BCBrien", "o brien"},               // modifier letter apostrophe
        {"Al-Rashid", "al rashid"},
        {"Al\u2011Rashid", "al rashid"},            // non-breaking hyphen
        {"Al\u2013Rashid", "al rashid"},            // en dash
        {"Amelia\u00A0Thornbury", "amelia thornbury"},  // no-break space
        {"Amelia\nThornbury", "amelia thornbury"},
        {"Ame\u200Blia", "amelia"},                 // zero-width space does not split a word
        {"Ame\u00ADlia", "amelia"},                 // soft hyphen
        {"\uFEFFAmelia", "amelia"},                 // byte order mark
        {"Ame\u200Dlia\u2060", "amelia"},
        {"Thornbury, Amelia", "thornbury amelia"},
        {"Thornbury's", "thornbury s"},
        {"Year 3", "year 3"},
        {"", ""},
        {" ,.;- ", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(fold(c.text) == c.folded);
    }
}

TEST_CASE("tokens keep the byte range of the original") {
    const std::string text = "Hi Zoë\u200B O’Brien!";
    std::vector<Token> tokens = fold_words(text);
    REQUIRE(tokens.size() == 4);
    CHECK(tokens[0].folded == "hi");
    CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "Hi");
    CHECK(tokens[1].folded == "zoe");
    CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "Zoë");
    CHECK(tokens[2].folded == "o");
    CHECK(tokens[2].begin == text.find("O’"));
    CHECK(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin) == "Brien");
}

TEST_CASE("a format character inside a word is inside its range") {
    const std::string text = "Ame\u200Blia";
    std::vector<Token> tokens = fold_words(text);
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].begin == 0);
    CHECK(tokens[0].end == text.size());
}

TEST_CASE("invalid UTF-8 is a word boundary") {
    SUBCASE("stray continuation byte") { CHECK(words_of("Ame\x80lia") == std::vector<std::string>{"ame", "lia"}); }
    SUBCASE("truncated sequence at the end") { CHECK(words_of("Zo\xC3") == std::vector<std::string>{"zo"}); }
    SUBCASE("overlong encoding") { CHECK(words_of("a\xC0\xAF" "b") == std::vector<std::string>{"a", "b"}); }
    SUBCASE("only garbage") { CHECK(words_of("\xFF\xFE\xFD").empty()); }
}

TEST_CASE("random bytes give ordered tokens inside the text") {
    std::mt19937 random(2026);
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        for (size_t i = 0, n = random() % 24; i < n; ++i) text += static_cast<char>(random() % 256);
        size_t previous_end = 0;
        for (const Token& token : fold_words(text)) {
            CHECK(previous_end <= token.begin);
            CHECK(token.begin < token.end);
            CHECK(token.end <= text.size());
            CHECK_FALSE(token.folded.empty());
            previous_end = token.end;
        }
    }
}

TEST_CASE("a combining mark with no letter before it is not a word") {
    CHECK(words_of("\u0301 Zoe") == std::vector<std::string>{"zoe"});
}

TEST_CASE("decode_html_entities") {
    struct Case {
        const char* html;
        const char* text;
    };
    const Case cases[] = {
        {"Zo&euml;", "Zoë"},
        {"Ren&Eacute;e", "RenÉe"},
        {"&amp; &lt; &gt; &quot; &apos;", "& < > \" '"},
        {"a&nbsp;b", "a\u00A0b"},
        {"Zo&#235;", "Zoë"},
        {"Zo&#xEB;", "Zoë"},
        {"Zo&#XeB;", "Zoë"},
        {"Zo&#235 y", "Zoë y"},                   // numeric, no ';'
        {"Zo&euml y", "Zoë y"},                   // Latin-1 name, no ';'
        {"O&rsquo;Brien", "O\u2019Brien"},
        {"O&#146;Brien", "O\u2019Brien"},         // Windows-1252 range
        {"&lsquo;&ndash;&mdash;&hellip;", "\u2018\u2013\u2014\u2026"},
        {"Ame&shy;lia", "Ame\u00ADlia"},
        {"Ame&zwnj;l&zwj;ia", "Ame\u200Cl\u200Dia"},
        {"&szlig;&ccedil;&ntilde;&oslash;&aring;&uuml;&ouml;&auml;&iuml;", "ßçñøåüöäï"},
        {"&Lstrok;ucja &Scaron;", "Łucja Š"},
        {"office&commat;example&period;org", "office@example.org"},
        {"&#0;&#xD800;&#99999999;", "\uFFFD\uFFFD\uFFFD"},
        {"&unknown; & &; &# &#x; &rsquo", "&unknown; & &; &# &#x; &rsquo"},
        {"AT&T", "AT&T"},
        {"&amp;amp;", "&amp;"},
        {"&", "&"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.html);
        CHECK(decode_html_entities(c.html) == c.text);
    }
}

TEST_CASE("decode_html_entity reports the bytes it used") {
    std::string out;
    CHECK(decode_html_entity("&eacute;x", out) == 8);
    CHECK(out == "é");
    CHECK(decode_html_entity("&#x41", out) == 5);
    CHECK(out == "éA");
    CHECK(decode_html_entity("&bogus;", out) == 0);
    CHECK(decode_html_entity("x", out) == 0);
    CHECK(out == "éA");
}

TEST_CASE("decoded entities fold like the characters they stand for") {
    CHECK(fold(decode_html_entities("Zo&euml; Al&#8209;Rashid")) == "zoe al rashid");
    CHECK(fold(decode_html_entities("Ame&shy;lia")) == "amelia");
}

}  // TEST_SUITE

}  // namespace sg::util
