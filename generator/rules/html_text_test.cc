#include "rules/html_text.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "rules/names.h"

namespace sg::rules {
namespace {

// "alt attribute <img>: Amelia" for each piece.
std::vector<std::string> describe(std::string_view html) {
    std::vector<std::string> out;
    for (const TextPiece& piece : published_text(html))
        out.push_back(piece.where + (piece.tag.empty() ? "" : " <" + piece.tag + ">") + ": " + piece.text);
    return out;
}

using Pieces = std::vector<std::string>;

}  // namespace

TEST_SUITE("rules::html_text") {

TEST_CASE("published text of well-formed and malformed HTML") {
    struct Case {
        std::string html;
        Pieces pieces;
    };
    const Case cases[] = {
        {"<p><strong>Amelia</strong> Thornbury</p>", {"text: \nAmelia Thornbury\n"}},
        {"Ame<b>lia</b> <SPAN class=x>Thorn</SPAN>bury", {"text: Amelia Thornbury"}},
        {"<p>Amelia</p><p>Thornbury</p>", {"text: \nAmelia\n\nThornbury\n"}},
        {"Amelia<br>Thornbury<BR/>", {"text: Amelia\nThornbury\n"}},
        {"<td>Amelia</td><td>Thornbury</td>", {"text: \nAmelia\n\nThornbury\n"}},
        {"Zo&euml; &amp; Al&#8209;Rashid", {"text: Zoë & Al\u2011Rashid"}},
        {"<img src=amelia.jpg alt='Amelia at the castle'>",
         {"src attribute <img>: amelia.jpg", "alt attribute <img>: Amelia at the castle"}},
        {"<a href=\"mailto:zoe@example.com\" title=Zo&euml;>Email</a>",
         {"href attribute <a>: mailto:zoe@example.com", "title attribute <a>: Zoë", "text: Email"}},
        {"<meta name=description content=\"Zo&euml; won\">", {"content attribute <meta>: Zoë won"}},
        {"<div data-caption=\"Amelia\" class=photo id=main aria-label='Year 3'></div>",
         {"data-caption attribute <div>: Amelia", "aria-label attribute <div>: Year 3"}},
        {"<img srcset=\"a-480.jpg 480w, a-960.jpg 960w\">", {"srcset attribute <img>: a-480.jpg 480w, a-960.jpg 960w"}},
        {"<input value='Amelia' placeholder=Name type=text>",
         {"value attribute <input>: Amelia", "placeholder attribute <input>: Name"}},
        {"x<!-- Amelia Thornbury -->y", {"text: xy", "comment:  Amelia Thornbury "}},
        {"<title>Zo&euml; at the castle</title>", {"title element <title>: Zoë at the castle"}},
        {"<script type=\"application/ld+json\">{\"name\":\"Amelia &amp;\"}</script>",
         {"script <script>: {\"name\":\"Amelia &amp;\"}"}},
        {"<SCRIPT>a = '<p>'</SCRIPT>after", {"script <script>: a = '<p>'", "text: after"}},
        {"<style>.amelia::after { content: 'Amelia' }</style>x", {"text: x"}},
        {"<textarea>Zo&euml;</textarea>", {"text: \nZoë\n"}},
        {"<!DOCTYPE html><html><body>Hi</body></html>", {"text: \n\nHi\n\n"}},
        {"<![CDATA[Amelia]]>", {"comment: [CDATA[Amelia]]"}},
        {"<?php echo $name ?>", {"comment: php echo $name ?"}},
        // In XML (the feed, the sitemap) every element ends a word.
        {"<?xml version=\"1.0\"?><url><loc>a/</loc><lastmod>2026</lastmod></url>",
         {"comment: xml version=\"1.0\"?", "text: \n\na/\n\n2026\n\n"}},
        {"<url><loc>a/</loc><lastmod>2026</lastmod></url>", {"text: a/2026"}},
        // malformed
        {"1 < 2 and 3 > 2", {"text: 1 < 2 and 3 > 2"}},
        {"I <3 Year 3 & Year 4 </ 5", {"text: I <3 Year 3 & Year 4 </ 5"}},
        {"Amelia <b", {"text: Amelia "}},
        {"<img alt=\"Amelia Thornbury>Rest", {"alt attribute <img>: Amelia Thornbury>Rest"}},
        {"<img alt='Amelia' title=\"x>Zoë", {"alt attribute <img>: Amelia", "title attribute <img>: x>Zoë"}},
        {"<img alt = Amelia title>", {"alt attribute <img>: Amelia"}},
        {"<img alt=>x", {"text: x"}},
        {"<!-- Amelia", {"comment:  Amelia"}},
        {"<!-->x", {"comment: >x"}},
        {"<script>var a='Amelia'", {"script <script>: var a='Amelia'"}},
        {"<p =x alt=y>z", {"text: \nz", "alt attribute <p>: y"}},
        {"", {}},
        {"   \n  ", {}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.html);
        CHECK(describe(c.html) == c.pieces);
    }
}

TEST_CASE("offsets in the text map back to the HTML") {
    const std::string html = "<p>Zo&euml; <b>Al-Rashid</b></p>";
    std::vector<TextPiece> pieces = published_text(html);
    REQUIRE(pieces.size() == 1);
    const TextPiece& text = pieces[0];
    REQUIRE(text.text == "\nZoë Al-Rashid\n");
    CHECK(text.html_offset == 0);
    CHECK(text.html_offset_at(text.text.find("Zo")) == html.find("Zo"));
    CHECK(text.html_offset_at(text.text.find("ë")) == html.find("&euml;"));
    CHECK(text.html_offset_at(text.text.find("Al")) == html.find("Al"));
    CHECK(text.html_offset_at(text.text.find("Rashid")) == html.find("Rashid"));
}

TEST_CASE("attribute pieces start at their value") {
    const std::string html = "<img alt='Amelia'>";
    std::vector<TextPiece> pieces = published_text(html);
    REQUIRE(pieces.size() == 1);
    CHECK(pieces[0].html_offset == html.find("Amelia"));
}

TEST_CASE("names split by markup and references are found and located in the HTML") {
    consent::Person amelia;
    amelia.id = "P0001";
    amelia.first_name = "Amelia";
    amelia.last_name = "Thornbury";
    const consent::Register people(std::vector<consent::Person>{amelia});
    const NameMatcher matcher(people);
    const std::string html = "<p>Well done <em>Ame&shy;lia</em>&nbsp;<strong>THORN</strong>bury&rsquo;s class</p>";
    std::vector<TextPiece> pieces = published_text(html);
    REQUIRE(pieces.size() == 1);
    std::vector<NameMatch> matches = matcher.find(pieces[0].text);
    REQUIRE(matches.size() == 1);
    CHECK(matches[0].form == NameForm::full);
    CHECK(pieces[0].html_offset_at(matches[0].begin) == html.find("Ame&shy;"));
    CHECK(pieces[0].html_offset_at(matches[0].end - 1) == html.find("bury") + 3);
}

TEST_CASE("the visible text knows which of it labels: headings, captions, table headers") {
    auto labelled = [](std::string_view html) {
        std::vector<std::string> out;
        std::vector<TextPiece> pieces = published_text(html);
        REQUIRE(!pieces.empty());
        const TextPiece& text = pieces.front();
        REQUIRE(text.where == "text");
        for (auto [begin, end] : text.labels) out.push_back(text.text.substr(begin, end - begin));
        return out;
    };
    using Labels = std::vector<std::string>;
    CHECK(labelled("<h2>A <em>fair</em> day</h2><p>We went.</p>") == Labels{"A fair day"});
    CHECK(labelled("<p>We went.</p><figure><figcaption>At the fair</figcaption></figure>") ==
          Labels{"At the fair"});
    CHECK(labelled("<table><tr><th>When</th><td>May</td></tr></table>") == Labels{"When"});
    CHECK(labelled("<h1>Outer <span><h2>inner</h2></span> end</h1><p>x</p>") == Labels{"Outer \ninner\n end"});
    CHECK(labelled("<p>x</p></h2><p>y</p>") == Labels{});
    CHECK(labelled("<p>x</p><h3>never closed<p>still in it") == Labels{"never closed\nstill in it"});
}

TEST_CASE("random markup never crashes, hangs or maps outside the HTML") {
    const std::vector<std::string> atoms = {"<", ">", "</", "<!--", "-->", "<!", "<?", "'", "\"", "=", "&",
                                            "&amp;", "&#", "&#x", ";", " ", "\n", "a", "Amelia", "p>",
                                            "script", "<script>", "</script", "style", "title", "/", "\xC3",
                                            "\xFF", "é", "alt", "href="};
    std::mt19937 random(20261014);
    for (int round = 0; round < 3000; ++round) {
        std::string html;
        size_t length = random() % 40;
        for (size_t i = 0; i < length; ++i) html += atoms[random() % atoms.size()];
        CAPTURE(html);
        for (const TextPiece& piece : published_text(html)) {
            size_t furthest = piece.html_offset;
            for (size_t i = 0; i < piece.text.size(); ++i) furthest = std::max(furthest, piece.html_offset_at(i));
            CHECK(furthest < html.size());
        }
    }
}

}  // TEST_SUITE

}  // namespace sg::rules
