#include "pipeline/verify_rendered.h"

#include <optional>

#include "diag/rule_ids.h"
#include "util/text.h"

namespace sg::pipeline {

namespace {

// The URLs of a srcset value ("a.jpg 480w, b.jpg 960w").
std::vector<std::string> srcset_urls(std::string_view srcset) {
    std::vector<std::string> urls;
    for (const std::string& candidate : util::split(srcset, ',')) {
        std::string_view item = util::trim(candidate);
        if (!item.empty()) urls.emplace_back(item.substr(0, item.find_first_of(" \t\n")));
    }
    return urls;
}

// Every url(...) in CSS text (style attributes, <style> elements).
std::vector<std::string> css_urls(std::string_view html) {
    std::vector<std::string> urls;
    for (size_t at = html.find("url("); at != std::string_view::npos; at = html.find("url(", at + 4)) {
        size_t end = html.find(')', at);
        std::string_view url = util::trim(html.substr(at + 4, end == std::string_view::npos ? 0 : end - at - 4));
        if (!url.empty() && (url.front() == '"' || url.front() == '\'')) url = url.substr(1, url.size() - 2);
        urls.emplace_back(url);
    }
    return urls;
}

bool looks_like_image(std::string_view url) {
    std::string path = util::to_lower_ascii(url.substr(0, url.find_first_of("?#")));
    for (std::string_view ext : {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".ico", ".heic", ".heif",
                                 ".tif", ".tiff", ".bmp", ".jxl"})
        if (path.ends_with(ext)) return true;
    return false;
}

// The image URLs inside free text (a meta tag's content, a link, a data-* value, JSON-LD): every
// word that names an image file. JSON's escaped slashes ("https:\/\/...") are read as slashes.
std::vector<std::string> image_urls_in(std::string_view text) {
    std::string plain;
    for (size_t i = 0; i < text.size(); ++i)
        if (text[i] != '\\' || i + 1 == text.size() || text[i + 1] != '/') plain += text[i];
    std::vector<std::string> urls;
    size_t at = 0;
    while (at < plain.size()) {
        size_t begin = plain.find_first_not_of(" \t\r\n\"'<>,;()[]{}", at);
        if (begin == std::string::npos) break;
        size_t end = plain.find_first_of(" \t\r\n\"'<>,;()[]{}", begin);
        if (end == std::string::npos) end = plain.size();
        std::string word = plain.substr(begin, end - begin);
        if (looks_like_image(word)) urls.push_back(std::move(word));
        at = end;
    }
    return urls;
}

// Everything in the page that a browser or a crawler would fetch as an image.
std::vector<std::string> image_references(std::string_view html, const std::vector<rules::TextPiece>& pieces) {
    std::vector<std::string> references = css_urls(html);
    auto add = [&](std::vector<std::string> urls) { references.insert(references.end(), urls.begin(), urls.end()); };
    for (const rules::TextPiece& piece : pieces) {
        const std::string& where = piece.where;
        if (where == "src attribute" || where == "poster attribute" || where == "background attribute" ||
            where == "xlink:href attribute")
            references.push_back(piece.text);
        else if (where == "srcset attribute" || where == "imagesrcset attribute")
            add(srcset_urls(piece.text));
        else if (where == "href attribute" || where == "content attribute" || where.starts_with("data-") ||
                 where == "script")
            add(image_urls_in(piece.text));
    }
    return references;
}

// The file a URL names when it is one of the site's own files in `folder` ("media/", "documents/"):
// "media/NAME" relative to the page (any number of "../" first), or the same under the site's base
// URL or its path.
std::optional<std::string> site_file(std::string_view url, const std::string& base_url, std::string_view folder) {
    size_t scheme = base_url.find("://");
    size_t path_at = scheme == std::string::npos ? std::string::npos : base_url.find('/', scheme + 3);
    std::string base_path = path_at == std::string::npos ? "/" : base_url.substr(path_at);
    if (!base_url.empty() && url.starts_with(base_url))
        url.remove_prefix(base_url.size());
    else if (url.starts_with(base_path))
        url.remove_prefix(base_path.size());
    else
        while (url.starts_with("../")) url.remove_prefix(3);
    if (!url.starts_with(folder)) return std::nullopt;
    url.remove_prefix(folder.size());
    if (url.empty() || url.find('/') != std::string_view::npos) return std::nullopt;
    return std::string(url);
}

// Whether a link is to a PDF this site would serve: relative, site-absolute or under the base URL
// (a link to another site's PDF, such as a government leaflet, is that site's to publish).
bool links_own_pdf(std::string_view url, const std::string& base_url) {
    std::string path = util::to_lower_ascii(url.substr(0, url.find_first_of("?#")));
    if (!path.ends_with(".pdf")) return false;
    bool has_scheme = url.find("://") != std::string_view::npos || url.starts_with("//");
    return !has_scheme || (!base_url.empty() && url.starts_with(base_url));
}

}  // namespace

void verify_rendered(const RenderedPage& page, const std::vector<rules::TextPiece>& pieces,
                     const std::vector<const consent::Person*>& pictured, const rules::Context& context,
                     diag::Diagnostics& diagnostics) {
    std::string_view raw = page.source ? std::string_view(page.source->raw) : std::string_view();
    rules::check_rendered(page.key, raw, pieces, pictured, context, diagnostics,
                          page.source ? rules::waived_in_source(*page.source, context) : rules::WaiverBudget{});

    for (const std::string& url : image_references(page.html, pieces)) {
        std::optional<std::string> name = site_file(url, context.config.base_url, "media/");
        if (!name || !page.media.count(*name))
            diagnostics.error(diag::rule::photo_undeclared, {page.key, 0, 0},
                              "the rendered page " + page.url + " references an image the gate did not process for it: " + url,
                              "every image must be a declared photo of this page; check the theme's templates", page.key);
    }
    for (const rules::TextPiece& piece : pieces) {
        if (piece.where != "href attribute" || !links_own_pdf(piece.text, context.config.base_url)) continue;
        std::optional<std::string> name = site_file(piece.text, context.config.base_url, "documents/");
        if (!name || !page.documents.count(*name))
            diagnostics.error(diag::rule::document_undeclared, {page.key, 0, 0},
                              "the rendered page " + page.url + " links a PDF the gate did not make clean for it: " +
                                  piece.text,
                              "every PDF must be a declared document of this page; check the theme's templates",
                              page.key);
    }
}

}  // namespace sg::pipeline
