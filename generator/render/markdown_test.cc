#include "render/markdown.h"

#include <doctest/doctest.h>

#include "render/renderer.h"
#include "util/error.h"

namespace {

std::string picture(const std::string& src) { return "<picture data-src=\"" + src + "\"></picture>"; }

}  // namespace

TEST_SUITE("render::markdown") {

TEST_CASE("GitHub-flavoured Markdown: tables, strikethrough, autolinks") {
    auto body = sg::render::markdown_to_html(
        "| Term | Starts |\n|---|---|\n| Spring | 6 January |\n\n~~Cancelled~~ See https://www.example.org\n", picture);
    CHECK(body.html.find("<table>") != std::string::npos);
    CHECK(body.html.find("<td>Spring</td>") != std::string::npos);
    CHECK(body.html.find("<del>Cancelled</del>") != std::string::npos);
    CHECK(body.html.find("<a href=\"https://www.example.org\">") != std::string::npos);
}

TEST_CASE("every image becomes the theme's picture for its renditions") {
    auto body = sg::render::markdown_to_html("Look: ![A lake](lake.jpg)\n\n<p><img src='hill.jpg' alt='x'></p>\n",
                                             picture);
    CHECK(body.html.find("<picture data-src=\"lake.jpg\"></picture>") != std::string::npos);
    CHECK(body.html.find("<picture data-src=\"hill.jpg\"></picture>") != std::string::npos);
    CHECK(body.html.find("<img") == std::string::npos);
    CHECK(body.placed == std::set<std::string>{"hill.jpg", "lake.jpg"});
}

TEST_CASE("an image without a picture stops the render: it is never published as written") {
    auto refuse = [](const std::string& src) -> std::string { throw sg::util::Error(src, "not declared"); };
    CHECK_THROWS_AS(sg::render::markdown_to_html("![x](elsewhere.jpg)", refuse), sg::util::Error);
}

TEST_CASE("dangerous raw HTML is filtered") {
    auto body = sg::render::markdown_to_html("<script>alert(1)</script>\n", picture);
    CHECK(body.html.find("<script>") == std::string::npos);
}

TEST_CASE("relative roots and human dates") {
    CHECK(sg::render::root_of("index.html") == "");
    CHECK(sg::render::root_of("news/trip/index.html") == "../../");
    CHECK(sg::render::human_date({2026, 10, 14}) == "14 October 2026");
}

}  // TEST_SUITE
