#include "content/loader.h"

#include <algorithm>
#include <cstdio>

#include "content/body_refs.h"
#include "content/front_matter.h"
#include "content/waivers.h"
#include "diag/rule_ids.h"
#include "util/fs.h"
#include "util/text.h"

namespace sg::content {

namespace fs = std::filesystem;

std::filesystem::path Image::media_key() const {
    if (obscure.empty()) return file;
    std::string key = file.string() + "#obscure";
    char number[32];
    for (const Obscure& part : obscure) {
        if (!part.person.empty()) key += ":person=" + part.person;
        if (part.rect)
            for (double value : *part.rect) {
                std::snprintf(number, sizeof number, ",%.9g", value);
                key += number;
            }
    }
    return key;
}

const Image* Page::declared(std::string_view src) const {
    for (const auto* list : {&photos, &work})
        for (const auto& image : *list)
            if (image.src == src) return &image;
    return nullptr;
}

const Document* Page::declared_document(std::string_view src) const {
    src = src.substr(0, src.find_first_of("?#"));
    for (const auto& document : documents)
        if (document.src == src) return &document;
    return nullptr;
}

namespace {

std::string hex_byte(char byte) {
    const char* digits = "0123456789ABCDEF";
    auto value = static_cast<unsigned char>(byte);
    return std::string("0x") + digits[value >> 4] + digits[value & 15];
}

// The line and column (in bytes) of `offset` in `text`.
diag::Location location_of(std::string_view text, size_t offset, const std::string& source) {
    std::string_view before = text.substr(0, offset);
    size_t line_start = before.rfind('\n');
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    return {source, 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n')),
            static_cast<int>(offset - line_start) + 1};
}

// "content/news/castle.md" -> "news/castle/index.html"; "content/index.md" -> "index.html".
std::string url_of(const fs::path& relative_to_content) {
    fs::path without = relative_to_content;
    without.replace_extension();
    if (without.filename() == "index") return (without.parent_path() / "index.html").generic_string();
    return (without / "index.html").generic_string();
}

}  // namespace

namespace {

// The folders every image reference of a load is checked against, their symlinks resolved once.
struct Roots {
    fs::path content_dir, linked;
    util::Within in_content, in_linked;
    Roots(const fs::path& content, const fs::path& linked_content)
        : content_dir(content), linked(linked_content), in_content(content), in_linked(linked_content) {}
};

Resolved resolve_within(std::string_view src, const fs::path& page_file, const Roots& roots) {
    std::string decoded = util::percent_decode(src.substr(0, src.find_first_of("?#")));
    fs::path reference(decoded);
    if (decoded.empty()) return {{}, std::string(diag::rule::content_invalid), "empty image reference"};
    if (reference.is_absolute() || decoded.front() == '/' || decoded.front() == '\\')
        return {{}, std::string(diag::rule::media_outside_content),
                "'" + std::string(src) + "' is an absolute path; images must be inside content/"};
    fs::path candidate = (page_file.parent_path() / reference).lexically_normal();
    bool linked_in = !roots.linked.empty() && util::is_lexically_within(candidate, roots.content_dir) &&
                     roots.in_linked.holds(candidate);
    if (!roots.in_content.holds(candidate) && !linked_in)
        return {{}, std::string(diag::rule::media_outside_content),
                "'" + std::string(src) + "' points outside content/"};
    std::error_code ec;
    if (!fs::is_regular_file(candidate, ec))
        return {{}, std::string(diag::rule::media_unreadable), "image file '" + std::string(src) + "' not found"};
    return {candidate, {}, {}};
}

Page parse_within(std::string_view text, const std::string& source, const fs::path& file, const Roots& roots,
                  diag::Diagnostics& diagnostics) {
    const fs::path& content_dir = roots.content_dir;
    Page page;
    page.source = source;
    page.file = file;
    page.raw = std::string(text);
    fs::path relative = fs::path(source).lexically_relative("content");
    page.url = url_of(relative);
    page.kind = relative == "index.md"                               ? PageKind::home
                : relative.parent_path() == "news"                   ? PageKind::post
                                                                     : PageKind::page;

    // Hostile or damaged files end here with one located error, before any parser sees them.
    if (size_t bad = util::first_invalid_utf8(text); bad != std::string_view::npos) {
        diag::Location where = location_of(text, bad, source);
        diagnostics.error(diag::rule::content_invalid, where, "page is not valid UTF-8 (byte " + hex_byte(text[bad]) + ")",
                          "save the file as UTF-8 in the editor", source);
        return page;
    }
    Split split = split_front_matter(text);
    if (split.front_matter.size() > max_front_matter_bytes) {
        diagnostics.error(diag::rule::content_invalid, {source, 1, 1},
                          "front matter is " + std::to_string(split.front_matter.size() / 1024) +
                              " KB; the limit is " + std::to_string(max_front_matter_bytes / 1024) + " KB",
                          "keep long text in the Markdown body, and split very large galleries", source);
        return page;
    }
    if (split.unterminated) {
        diagnostics.error(diag::rule::content_invalid, {source, 1, 1}, "front matter is opened with --- but never closed",
                          "end the front matter with a line of ---", source);
        return page;
    }
    if (split.front_matter_line == 0)
        diagnostics.error(diag::rule::content_invalid, {source, 1, 1}, "page has no front matter",
                          "start the page with ---, title: ..., ---", source);
    else
        read_front_matter(split.front_matter, split.front_matter_line, page, diagnostics);
    page.body = std::string(split.body);
    page.body_line = split.body_line;
    if (page.layout.empty())
        page.layout = page.kind == PageKind::home ? "home" : page.kind == PageKind::post ? "post" : "page";
    if (page.kind == PageKind::post && !page.date)
        diagnostics.error(diag::rule::content_invalid, {source, 1, 1}, "a news post needs a date",
                          "add date: YYYY-MM-DD to the front matter", source);

    // The file a declared photo or document names, inside content/; empty when it cannot be used.
    auto resolve = [&](const std::string& src, const diag::Location& at, const char* remote, const char* kind) {
        if (src.empty()) return fs::path();
        if (src.find("://") != std::string::npos || src.substr(0, 2) == "//") {
            diagnostics.error(diag::rule::media_remote, at, std::string(remote) + " another site: " + src,
                              std::string("save the ") + kind + " into content/ next to the page and name it here",
                              source);
            return fs::path();
        }
        Resolved resolved = resolve_within(src, file, roots);
        if (!resolved.rule.empty())
            diagnostics.error(resolved.rule, at, resolved.message,
                              std::string(kind) + "s live next to their page inside content/", source);
        return resolved.file;
    };
    for (auto* list : {&page.photos, &page.work})
        for (auto& image : *list) image.file = resolve(image.src, image.at, "image hot-linked from", "photo");
    for (auto& document : page.documents) document.file = resolve(document.src, document.at, "document on", "PDF");

    scan_body(page, content_dir, diagnostics);
    page.waivers = parse_waivers(page.body, page.body_line, source, diagnostics);
    for (const auto& use : page.body_images)
        if (!page.declared(use.src) && use.src.find("://") == std::string::npos)
            diagnostics.error(diag::rule::photo_undeclared, use.at,
                              "image '" + use.src + "' is used but not declared in the front matter",
                              "add it under photos: with src, alt and people (register ids, [] or unidentifiable)",
                              source);
    return page;
}

}  // namespace

Resolved resolve_reference(std::string_view src, const fs::path& page_file, const fs::path& content_dir,
                           const fs::path& linked) {
    return resolve_within(src, page_file, Roots(content_dir, linked));
}

Page parse_page(std::string_view text, const std::string& source, const fs::path& file, const fs::path& content_dir,
                diag::Diagnostics& diagnostics, const fs::path& linked) {
    return parse_within(text, source, file, Roots(content_dir, linked), diagnostics);
}

std::vector<Page> load_pages(const fs::path& site_root, diag::Diagnostics& diagnostics, const fs::path& linked) {
    fs::path content_dir = site_root / "content";
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(content_dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".md") files.push_back(it->path());
    if (ec) diagnostics.error(diag::rule::content_invalid, {"content", 0, 0}, "cannot read content/: " + ec.message());
    std::sort(files.begin(), files.end());

    Roots roots(content_dir, linked);
    std::vector<Page> pages;
    for (const auto& file : files) {
        std::string source = ("content" / file.lexically_relative(content_dir)).generic_string();
        if (!roots.in_content.holds(file)) {
            // A symlink to a file elsewhere (schoolgate.yml, the register, another site's page) is
            // never read: the page is withheld by this error alone.
            Page page;
            page.source = source;
            page.file = file;
            page.url = url_of(file.lexically_relative(content_dir));
            diagnostics.error(diag::rule::media_outside_content, {source, 1, 1},
                              "page is a link to a file outside content/",
                              "copy the page into content/ instead of linking to it", source);
            pages.push_back(std::move(page));
            continue;
        }
        pages.push_back(parse_within(util::read_file(file), source, file, roots, diagnostics));
    }
    return pages;
}

}  // namespace sg::content
