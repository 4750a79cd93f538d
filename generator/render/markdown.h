// Markdown to HTML with cmark-gfm (tables, strikethrough, autolinks, tag filter), with every image
// replaced by the theme's <picture> markup for its processed renditions.
#pragma once
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace sg::render {

// Returns the <picture> markup for the declared image `src`, or throws when `src` has none
// (the gate withholds such pages before rendering).
using PictureFor = std::function<std::string(const std::string& src)>;

// Where a link to `url` goes on the published site, when it is one of the page's documents (the
// clean copy, under its content-hash name); nullopt leaves the link as written.
using LinkFor = std::function<std::optional<std::string>(const std::string& url)>;

struct BodyHtml {
    std::string html;
    std::set<std::string> placed;  // srcs placed inline, so they are not repeated below the text
};

BodyHtml markdown_to_html(std::string_view markdown, const PictureFor& picture_for, const LinkFor& link_for = {});

}  // namespace sg::render
