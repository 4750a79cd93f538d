#include "pipeline/verify.h"

#include "diag/rule_ids.h"
#include "rules/html_text.h"
#include "util/text.h"

namespace sg::pipeline {

namespace fs = std::filesystem;

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
    for (std::string_view ext : {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".ico", ".heic", ".tif"})
        if (path.size() >= ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0) return true;
    return false;
}

bool is_image_reference(const rules::TextPiece& piece) {
    if (piece.where == "src attribute" || piece.where == "srcset attribute" || piece.where == "poster attribute")
        return true;
    return piece.where == "href attribute" && piece.tag == "link" && looks_like_image(piece.text);  // icons
}

}  // namespace

void verify_rendered(const RenderedPage& page, const std::vector<const consent::Person*>& pictured,
                     const rules::Context& context, diag::Diagnostics& diagnostics) {
    std::string_view raw = page.source ? std::string_view(page.source->raw) : std::string_view();
    rules::check_rendered(page.key, raw, page.html, pictured, context, diagnostics,
                          page.source ? rules::waived_in_source(*page.source, context) : rules::WaiverBudget{});

    std::vector<std::string> references = css_urls(page.html);
    for (const rules::TextPiece& piece : rules::published_text(page.html))
        if (is_image_reference(piece)) {
            auto urls = piece.where == "srcset attribute" ? srcset_urls(piece.text) : std::vector{piece.text};
            references.insert(references.end(), urls.begin(), urls.end());
        }
    for (const std::string& url : references) {
        fs::path path(url);
        bool ours = path.parent_path().filename() == "media" && page.media.count(path.filename().string());
        if (!ours)
            diagnostics.error(diag::rule::photo_undeclared, {page.key, 0, 0},
                              "the rendered page " + page.url + " references an image the gate did not process: " + url,
                              "every image must be a declared photo; check the theme's templates", page.key);
    }
}

}  // namespace sg::pipeline
