// Markdown to HTML with cmark-gfm (tables, strikethrough, autolinks, tag filter), with every image
// replaced by the theme's <picture> markup for its processed renditions.
#pragma once
#include <functional>
#include <set>
#include <string>
#include <string_view>

namespace sg::render {

// Returns the <picture> markup for the declared image `src`, or throws when `src` has none
// (the gate withholds such pages before rendering).
using PictureFor = std::function<std::string(const std::string& src)>;

struct BodyHtml {
    std::string html;
    std::set<std::string> placed;  // srcs placed inline, so they are not repeated below the text
};

BodyHtml markdown_to_html(std::string_view markdown, const PictureFor& picture_for);

}  // namespace sg::render
