#include "content/body_refs.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <mutex>
#include <regex>

#include "diag/rule_ids.h"
#include "util/fs.h"
#include "util/text.h"

namespace sg::content {

cmark_node* parse_markdown(std::string_view markdown) {
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    // cmark-gfm 0.29 keeps the table of characters that start an inline in one global array,
    // which a parse with extensions attached rewrites as it goes: one parse at a time.
    static std::mutex one_parse;
    std::lock_guard lock(one_parse);
    cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"})
        if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser, extension);
    cmark_parser_feed(parser, markdown.data(), markdown.size());
    cmark_node* document = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return document;
}

namespace {

bool is_local(std::string_view url) {
    static const std::regex scheme(R"(^[A-Za-z][A-Za-z0-9+.-]*:)");
    return !std::regex_search(url.begin(), url.end(), scheme) && url.substr(0, 2) != "//";
}

bool is_remote_image(std::string_view url) {
    return !is_local(url) || url.substr(0, 2) == "//";
}

std::string_view extension_of(std::string_view url) {
    url = url.substr(0, url.find_first_of("?#"));
    size_t dot = url.rfind('.');
    if (dot == std::string_view::npos || url.find('/', dot) != std::string_view::npos) return {};
    return url.substr(dot + 1);
}

bool has_extension(std::string_view url, const std::vector<std::string_view>& kinds) {
    std::string ext = util::to_lower_ascii(extension_of(url));
    return std::find(kinds.begin(), kinds.end(), ext) != kinds.end();
}

// Office files: the same text can be published as a PDF, which schoolgate checks and cleans.
bool is_office_document(std::string_view url) {
    return has_extension(url, {"doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "pub"});
}

bool is_unsafe_file(std::string_view url) {
    return has_extension(url, {"mp4", "mov", "avi", "mkv", "webm", "m4v", "mp3", "wav", "zip", "heic", "heif", "csv",
                               "yml", "yaml"});
}

// Block quotes and lists nested deeper than this are refused: no page needs them, and a browser
// (or a reader's screen reader) given 100,000 nested blocks may not cope.
constexpr int max_markdown_depth = 32;

class BodyScanner {
public:
    BodyScanner(Page& page, const std::filesystem::path& content_dir, diag::Diagnostics& diagnostics)
        : page_(page), content_dir_(content_dir), diagnostics_(diagnostics) {}

    void scan() {
        cmark_node* document = parse_markdown(page_.body);
        cmark_iter* iter = cmark_iter_new(document);
        int depth = 0;  // enclosing block quotes and lists
        bool too_deep = false;
        for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
            cmark_node* node = cmark_iter_get_node(iter);
            cmark_node_type type = cmark_node_get_type(node);
            if (type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST) {
                depth += event == CMARK_EVENT_ENTER ? 1 : event == CMARK_EVENT_EXIT ? -1 : 0;
                if (depth > max_markdown_depth && !too_deep) {
                    too_deep = true;
                    fail(diag::rule::content_invalid, at(node),
                         "Markdown nests deeper than " + std::to_string(max_markdown_depth) + " levels",
                         "quotes and lists need only a few levels");
                }
            }
            if (event != CMARK_EVENT_ENTER) continue;
            switch (type) {
                case CMARK_NODE_IMAGE: image(cmark_node_get_url(node), at(node), node); break;
                case CMARK_NODE_LINK: link(cmark_node_get_url(node), at(node)); break;
                case CMARK_NODE_HTML_BLOCK:
                case CMARK_NODE_HTML_INLINE: html(cmark_node_get_literal(node), at(node)); break;
                default: break;
            }
        }
        cmark_iter_free(iter);
        cmark_node_free(document);
    }

private:
    void image(std::string_view url, diag::Location where, cmark_node* node) {
        if (is_remote_image(url)) {
            fail(diag::rule::media_remote, where, "image hot-linked from another site: " + std::string(url),
                 "save the photo into content/, declare it under photos: with its people, and use it by name");
            return;
        }
        if (node && !cmark_node_first_child(node) && !page_.declared(url))
            fail(diag::rule::content_invalid, where, "image '" + std::string(url) + "' has no alt text",
                 "write ![what the picture shows](file.jpg)");
        page_.body_images.push_back({std::string(url), where});
    }

    void link(std::string_view url, diag::Location where) {
        if (is_local(url) && has_extension(url, {"pdf"})) {
            if (!page_.declared_document(url))
                fail(diag::rule::document_undeclared, where,
                     "link to the PDF '" + std::string(url) + "', which is not declared in the front matter",
                     "add it under documents: with src, title and people (register ids of everyone pictured in it, "
                     "[] or unidentifiable)");
        } else if (is_local(url) && is_office_document(url))
            fail(diag::rule::media_unsupported, where,
                 "link to a ." + std::string(extension_of(url)) + " file, which schoolgate cannot check or clean",
                 "export it as a PDF (File > Export as PDF) and declare that under documents:");
        else if (is_local(url) && is_unsafe_file(url))
            fail(diag::rule::media_unsupported, where,
                 "link to a ." + std::string(extension_of(url)) + " file, which schoolgate cannot check or clean",
                 "publish the information as a page, or export photos as JPEG and declare them");
        else if (is_local(url) && names_source_outside_content(url))
            fail(diag::rule::media_outside_content, where,
                 "link '" + std::string(url) + "' points outside content/, at files that are never published",
                 "link to pages of the site (e.g. /news/) or to the school's own public pages");
    }

    // A relative link that, read as a file path from the page's folder (as an editor's preview
    // reads it), names something that exists outside content/: schoolgate.yml, consent/, the
    // cache. Percent-encoding ("%2e%2e/") is decoded first.
    bool names_source_outside_content(std::string_view url) const {
        std::string path = util::percent_decode(url.substr(0, url.find_first_of("?#")));
        if (path.empty() || path.front() == '/' || path.front() == '\\') return false;  // site-absolute
        std::filesystem::path candidate = (page_.file.parent_path() / path).lexically_normal();
        std::error_code ec;
        return std::filesystem::exists(candidate, ec) && !util::is_within(candidate, content_dir_);
    }

    // Raw HTML: <img> is an image use like any other; embedded media and scripts are refused.
    void html(std::string_view literal, diag::Location where) {
        static const std::regex tag(R"(<\s*([A-Za-z]+)\b([^>]*)>?)");
        static const std::regex src(R"re(\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))re", std::regex::icase);
        static const std::regex href(R"re(\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))re", std::regex::icase);
        std::string text(literal);
        for (auto it = std::sregex_iterator(text.begin(), text.end(), tag); it != std::sregex_iterator(); ++it) {
            std::string name = util::to_lower_ascii((*it)[1].str());
            std::string attributes = (*it)[2].str();
            diag::Location here = where;
            here.line += static_cast<int>(std::count(text.begin(), text.begin() + it->position(), '\n'));
            if (name == "img") {
                std::smatch value;
                if (std::regex_search(attributes, value, src))
                    image(value[1].matched ? value[1].str() : value[2].matched ? value[2].str() : value[3].str(), here,
                          nullptr);
                else
                    fail(diag::rule::content_invalid, here, "<img> without a src", "remove it");
            } else if (name == "a") {
                std::smatch value;
                if (std::regex_search(attributes, value, href))
                    link(value[1].matched ? value[1].str() : value[2].matched ? value[2].str() : value[3].str(), here);
            } else if (name == "video" || name == "audio" || name == "iframe" || name == "object" ||
                       name == "embed" || name == "source" || name == "picture" || name == "svg") {
                fail(diag::rule::media_unsupported, here,
                     "<" + name + "> embeds media that schoolgate cannot check or clean",
                     "use a declared photo instead");
            } else if (name == "script" || name == "style" || name == "link" || name == "meta" || name == "base") {
                fail(diag::rule::content_invalid, here, "<" + name + "> is not allowed in page content",
                     "the theme provides scripts and styles");
            }
        }
    }

    diag::Location at(cmark_node* node) const {
        return {page_.source, page_.body_line + cmark_node_get_start_line(node) - 1, cmark_node_get_start_column(node)};
    }

    void fail(std::string_view rule, diag::Location where, std::string message, std::string hint) {
        diagnostics_.error(rule, std::move(where), std::move(message), std::move(hint), page_.source);
    }

    Page& page_;
    const std::filesystem::path& content_dir_;
    diag::Diagnostics& diagnostics_;
};

}  // namespace

void scan_body(Page& page, const std::filesystem::path& content_dir, diag::Diagnostics& diagnostics) {
    BodyScanner(page, content_dir, diagnostics).scan();
}

}  // namespace sg::content
