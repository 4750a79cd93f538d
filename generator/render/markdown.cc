#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <memory>
#include <regex>
#include <vector>

#include "content/body_refs.h"
#include "content/waivers.h"

namespace sg::render {

namespace {

// Raw HTML <img src="x"> in a body: the tag becomes the theme's <picture> for x.
std::string replace_raw_images(const std::string& html, const PictureFor& picture_for, std::set<std::string>& placed) {
    static const std::regex img(R"re(<\s*img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>)re",
                                std::regex::icase);
    std::string out;
    auto last = html.cbegin();
    for (auto it = std::sregex_iterator(html.begin(), html.end(), img); it != std::sregex_iterator(); ++it) {
        const std::smatch& match = *it;
        std::string src = match[1].matched ? match[1].str() : match[2].matched ? match[2].str() : match[3].str();
        out.append(last, match[0].first);
        out += picture_for(src);
        placed.insert(src);
        last = match[0].second;
    }
    out.append(last, html.cend());
    return out;
}

// Raw HTML <a href="x.pdf">: the href becomes the published copy's address.
std::string replace_raw_links(const std::string& html, const LinkFor& link_for) {
    static const std::regex anchor(R"re((<\s*a\b[^>]*?\bhref\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>]+)))re", std::regex::icase);
    std::string out;
    auto last = html.cbegin();
    for (auto it = std::sregex_iterator(html.begin(), html.end(), anchor); it != std::sregex_iterator(); ++it) {
        const std::smatch& match = *it;
        std::string url = match[2].matched ? match[2].str() : match[3].matched ? match[3].str() : match[4].str();
        std::optional<std::string> published = link_for(url);
        if (!published) continue;
        out.append(last, match[0].first);
        out += match[1].str() + "\"" + *published + "\"";
        last = match[0].second;
    }
    out.append(last, html.cend());
    return out;
}

}  // namespace

BodyHtml markdown_to_html(std::string_view markdown, const PictureFor& picture_for, const LinkFor& link_for) {
    BodyHtml body;
    // Freed however this returns: picture_for may throw (an undeclared image stops the render).
    std::unique_ptr<cmark_node, void (*)(cmark_node*)> owned(content::parse_markdown(markdown), cmark_node_free);
    cmark_node* document = owned.get();
    std::vector<cmark_node*> images, raw;
    cmark_iter* iter = cmark_iter_new(document);
    for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (event != CMARK_EVENT_ENTER) continue;
        cmark_node_type type = cmark_node_get_type(node);
        if (type == CMARK_NODE_IMAGE) images.push_back(node);
        if (type == CMARK_NODE_LINK && link_for)
            if (std::optional<std::string> published = link_for(cmark_node_get_url(node)))
                cmark_node_set_url(node, published->c_str());
        if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) raw.push_back(node);
    }
    cmark_iter_free(iter);

    for (cmark_node* image : images) {
        std::string src = cmark_node_get_url(image);
        std::string html = picture_for(src);
        cmark_node* picture = cmark_node_new(CMARK_NODE_HTML_INLINE);
        cmark_node_set_literal(picture, html.c_str());
        cmark_node_replace(image, picture);
        cmark_node_free(image);
        body.placed.insert(src);
    }
    for (cmark_node* node : raw) {
        // Waiver comments (content/waivers.h) are for the editors, never published.
        std::string literal = content::remove_waiver_comments(cmark_node_get_literal(node));
        std::string replaced = replace_raw_images(literal, picture_for, body.placed);
        if (link_for) replaced = replace_raw_links(replaced, link_for);
        cmark_node_set_literal(node, replaced.c_str());
    }

    cmark_llist* extensions = nullptr;
    cmark_mem* allocator = cmark_get_default_mem_allocator();
    if (cmark_syntax_extension* tagfilter = cmark_find_syntax_extension("tagfilter"))
        extensions = cmark_llist_append(allocator, extensions, tagfilter);
    char* html = cmark_render_html(document, CMARK_OPT_UNSAFE, extensions);
    body.html = html;
    allocator->free(html);
    cmark_llist_free(allocator, extensions);
    return body;
}

}  // namespace sg::render
