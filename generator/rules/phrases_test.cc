#include "rules/phrases.h"

#include <doctest/doctest.h>

#include "rules/html_text.h"
#include "rules/running_text.h"
#include "util/text.h"

namespace sg::rules {
namespace {

const std::string front_matter = "---\ntitle: Summer fair\nsummary: on a lovely summer day\n---\n";

// The first "summer day", in any case, at or after `from`.
size_t find_phrase(std::string_view text, size_t from) { return util::to_lower_ascii(text).find("summer day", from); }

// Whether the first "summer day" of the body reads as running text, as the source check sees it.
bool in_markdown(const std::string& body) {
    std::string source = front_matter + body;
    size_t at = find_phrase(source, front_matter.size());
    REQUIRE(at != std::string::npos);
    return reads_as_running_text(source, at, at + 10, markdown_running_text(source, front_matter.size()));
}

// The same for rendered HTML: the first piece holding the words.
bool in_html(const std::string& html) {
    for (const TextPiece& piece : published_text(html)) {
        size_t at = find_phrase(piece.text, 0);
        if (at != std::string::npos) return reads_as_running_text(piece.text, at, at + 10, html_running_text(piece));
    }
    FAIL("no summer day in the HTML");
    return false;
}

struct Case {
    std::string text;
    bool running;
};

}  // namespace

TEST_SUITE("rules::phrases") {

TEST_CASE("a phrase reads as running text only in lower case, mid-sentence, in a paragraph of the body") {
    const Case cases[] = {
        {"We spent a lovely summer day at the beach.", true},
        {"We spent a lovely, summer day at the beach.", true},
        {"We spent a lovely *summer day* at the beach.", true},
        {"We spent a lovely [summer day](https://example.org/beach) out.", true},
        {"We spent a lovely\nsummer day at the beach.", true},
        {"> We spent a lovely summer day at the beach.", true},
        {"| Trip | When |\n|---|---|\n| beach | on a summer day |", true},
        {"- we spent a summer day at the beach", true},
        {"- we spent a lovely\n  summer day at the beach", true},
        // capitals
        {"We spent a lovely Summer Day at the beach.", false},
        {"We spent a lovely Summer day at the beach.", false},
        {"We spent a lovely summer Day at the beach.", false},
        // not mid-sentence
        {"summer day at the beach.", false},
        {"It was hot. summer day at the beach.", false},
        {"It was hot!\nsummer day at the beach.", false},
        {"We went out.\n\nsummer day at the beach.", false},
        {"We went out  \nsummer day at the beach.", false},
        {"- summer day at the beach", false},
        {"1. summer day at the beach", false},
        {"Fun\n- summer day at the beach", false},
        {"Fun\n  - summer day at the beach", false},
        // not running text
        {"## a lovely summer day", false},
        {"a lovely summer day\n---", false},
        {"a lovely summer day\n===", false},
        {"| on a summer day | b |\n|---|---|\n| x | y |", false},
        {"![a lovely summer day](beach.jpg)", false},
        {"[Beach](https://example.org/beach \"a lovely summer day\")", false},
        {"<p>a lovely summer day</p>", false},
        {"We had <span title=\"a lovely summer day\">fun</span>.", false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(in_markdown(c.text) == c.running);
    }
    // The front matter (title, summary, captions) is never running text.
    std::string source = front_matter + "Body.\n";
    size_t at = find_phrase(source, 0);
    CHECK_FALSE(reads_as_running_text(source, at, at + 10, markdown_running_text(source, front_matter.size())));
}

TEST_CASE("the rendered page is judged alike: visible paragraph text only, never labels or attributes") {
    const Case cases[] = {
        {"<p>We spent a lovely summer day at the beach.</p>", true},
        {"<p>We spent a lovely <em>summer day</em> at the beach.</p>", true},
        {"<p>We spent a lovely\nsummer day at the beach.</p>", true},
        {"<p>We spent a lovely summer&#32;day at the beach.</p>", true},
        {"<ul><li>we spent a summer day at the beach</li></ul>", true},
        {"<p>We spent a lovely Summer Day at the beach.</p>", false},
        {"<p>Fun.</p>\n<p>summer day at the beach.</p>", false},
        {"<p>Fun</p><p>summer day at the beach.</p>", false},
        {"<p>Fun<br>summer day at the beach.</p>", false},
        {"<h2>a lovely summer day</h2>", false},
        {"<h2>A <em>lovely summer day</em></h2>", false},
        {"<figure><figcaption>a lovely summer day</figcaption></figure>", false},
        {"<table><tr><th>on a summer day</th></tr></table>", false},
        {"<h2>an unclosed heading <p>on a summer day</p>", false},
        {"<img src=\"a.jpg\" alt=\"a lovely summer day\">", false},
        {"<a href=\"/\" title=\"a lovely summer day\">x</a>", false},
        {"<title>a lovely summer day</title>", false},
        {"<!-- a lovely summer day -->", false},
        {"<meta name=\"description\" content=\"a lovely summer day\">", false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(in_html(c.text) == c.running);
    }
}

TEST_CASE("a listed phrase is the same words, folded, and nothing longer") {
    std::vector<config::Phrase> phrases{{"summer day", "the season", {}}, {"may day", "the fair", {}}};
    std::string text = "on a summer  day; the may-day fair; summer rose day";
    CHECK(listed_phrase(text, 5, 16, phrases) == &phrases[0]);
    CHECK(listed_phrase(text, 22, 29, phrases) == &phrases[1]);
    CHECK(listed_phrase(text, 36, 51, phrases) == nullptr);
    CHECK(listed_phrase(text, 5, 16, {}) == nullptr);
}

TEST_CASE("lower case means no upper or title case letter in any script") {
    CHECK(is_lower_case("summer day"));
    CHECK(is_lower_case("zoë al-rashid"));
    CHECK_FALSE(is_lower_case("summer Day"));
    CHECK_FALSE(is_lower_case("zoË"));
    CHECK_FALSE(is_lower_case("\u01C5ord"));  // title-case digraph
}

}  // TEST_SUITE

}  // namespace sg::rules
