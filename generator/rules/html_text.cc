#include "rules/html_text.h"

#include <algorithm>
#include <array>

#include "util/unicode.h"

namespace sg::rules {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_nocase(std::string_view text, size_t at, std::string_view prefix) {
    if (text.size() - std::min(at, text.size()) < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (lower(text[at + i]) != prefix[i]) return false;
    return true;
}

// Elements that start a new line when rendered.
constexpr auto block_elements = std::to_array<std::string_view>({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend",
    "li", "main", "menu", "nav", "ol", "option", "p", "pre", "section", "summary", "table",
    "td", "textarea", "th", "tr", "ul",
});

// Attributes whose values are published: shown, read aloud, indexed or followed.
constexpr auto published_attributes = std::to_array<std::string_view>({
    "alt", "title", "aria-label", "aria-description", "aria-valuetext", "content", "href", "src",
    "srcset", "imagesrcset", "poster", "background", "xlink:href", "action", "cite", "value", "placeholder",
    "label", "download",
});

bool is_block(std::string_view tag) {
    return std::find(block_elements.begin(), block_elements.end(), tag) != block_elements.end();
}

bool is_published_attribute(std::string_view name) {
    return name.starts_with("data-") ||
           std::find(published_attributes.begin(), published_attributes.end(), name) != published_attributes.end();
}

void append(TextPiece& piece, std::string_view text, size_t html_begin, bool verbatim) {
    if (text.empty()) return;
    if (piece.spans.empty()) piece.html_offset = html_begin;
    piece.spans.push_back({piece.text.size(), html_begin, verbatim});
    piece.text += text;
}

// Appends HTML source text with its character references decoded.
void append_decoded(TextPiece& piece, std::string_view source, size_t html_begin) {
    size_t plain = 0;
    for (size_t i = source.find('&'); i != std::string_view::npos; i = source.find('&', i + 1)) {
        std::string decoded;
        size_t used = util::decode_html_entity(source.substr(i), decoded);
        if (!used) continue;
        append(piece, source.substr(plain, i - plain), html_begin + plain, true);
        append(piece, decoded, html_begin + i, false);
        plain = i + used;
        i = plain - 1;
    }
    append(piece, source.substr(plain), html_begin + plain, true);
}

// Reads the HTML once from left to right, filling the visible text and the other pieces.
class Scanner {
public:
    // In an XML document (the feed, the sitemap) every element is a block: "<loc>…</loc><lastmod>"
    // are two words, as they are to a reader of the feed.
    explicit Scanner(std::string_view html) : html_(html), xml_(html.substr(0, 5) == "<?xml") { text_.where = "text"; }

    std::vector<TextPiece> run() {
        while (pos_ < html_.size()) {
            size_t lt = html_.find('<', pos_);
            append_decoded(text_, html_.substr(pos_, lt == std::string_view::npos ? lt : lt - pos_), pos_);
            if (lt == std::string_view::npos) break;
            pos_ = lt;
            markup();
        }
        bool visible = std::any_of(text_.text.begin(), text_.text.end(), [](char c) { return !is_space(c); });
        if (visible) pieces_.push_back(std::move(text_));
        std::stable_sort(pieces_.begin(), pieces_.end(),
                         [](const TextPiece& a, const TextPiece& b) { return a.html_offset < b.html_offset; });
        return std::move(pieces_);
    }

private:
    // At a '<': a comment, a declaration, an end tag, a start tag, or just a '<' in the text.
    void markup() {
        if (html_.substr(pos_, 4) == "<!--") {
            size_t end = html_.find("-->", pos_ + 4);
            add_piece("comment", "", pos_ + 4, end);
            pos_ = end == std::string_view::npos ? html_.size() : end + 3;
        } else if (starts_with_nocase(html_, pos_, "<!doctype")) {
            skip_past('>');
        } else if (html_.substr(pos_, 2) == "<!" || html_.substr(pos_, 2) == "<?") {
            size_t end = html_.find('>', pos_);
            add_piece("comment", "", pos_ + 2, end);  // a bogus comment, still in the page source
            skip_past('>');
        } else if (html_.substr(pos_, 2) == "</" && pos_ + 2 < html_.size() && is_letter(html_[pos_ + 2])) {
            pos_ += 2;
            std::string tag = tag_name();
            skip_past('>');
            if (xml_ || is_block(tag)) line_break(pos_);
        } else if (pos_ + 1 < html_.size() && is_letter(html_[pos_ + 1])) {
            start_tag();
        } else {
            append(text_, "<", pos_, true);
            ++pos_;
        }
    }

    void start_tag() {
        size_t tag_begin = pos_;
        ++pos_;
        std::string tag = tag_name();
        attributes(tag);
        if (xml_ || is_block(tag)) line_break(tag_begin);
        if (tag == "script" || tag == "style" || tag == "title" || tag == "textarea") raw_text(tag);
    }

    // The contents of an element that holds no markup, up to its end tag.
    void raw_text(const std::string& tag) {
        size_t end = pos_;
        while ((end = html_.find("</", end)) != std::string_view::npos && !starts_with_nocase(html_, end + 2, tag)) ++end;
        std::string_view contents = html_.substr(pos_, end == std::string_view::npos ? end : end - pos_);
        if (tag == "textarea") {
            append_decoded(text_, contents, pos_);
        } else if (tag == "title") {
            add_piece("title element", tag, pos_, end);
        } else if (tag == "script") {
            TextPiece piece;
            piece.where = "script";
            piece.tag = tag;
            append(piece, contents, pos_, true);
            if (!piece.text.empty()) pieces_.push_back(std::move(piece));
        }
        pos_ = end == std::string_view::npos ? html_.size() : end;
    }

    std::string tag_name() {
        std::string name;
        while (pos_ < html_.size() && !is_space(html_[pos_]) && html_[pos_] != '>' && html_[pos_] != '/')
            name += lower(html_[pos_++]);
        return name;
    }

    // name, name=value, name="value", name='value' ... up to '>' (or the end of the HTML).
    void attributes(const std::string& tag) {
        while (pos_ < html_.size()) {
            while (pos_ < html_.size() && (is_space(html_[pos_]) || html_[pos_] == '/')) ++pos_;
            if (pos_ >= html_.size()) return;
            if (html_[pos_] == '>') {
                ++pos_;
                return;
            }
            std::string name(1, lower(html_[pos_++]));  // at least one character, even '='
            while (pos_ < html_.size() && !is_space(html_[pos_]) && html_[pos_] != '/' && html_[pos_] != '>' &&
                   html_[pos_] != '=')
                name += lower(html_[pos_++]);
            size_t k = pos_;
            while (k < html_.size() && is_space(html_[k])) ++k;
            if (k >= html_.size() || html_[k] != '=') continue;
            pos_ = k + 1;
            while (pos_ < html_.size() && is_space(html_[pos_])) ++pos_;
            attribute_value(tag, name);
        }
    }

    void attribute_value(const std::string& tag, const std::string& name) {
        size_t begin = pos_, end = pos_;
        if (pos_ < html_.size() && (html_[pos_] == '"' || html_[pos_] == '\'')) {
            begin = pos_ + 1;
            end = html_.find(html_[pos_], begin);
            if (end == std::string_view::npos) end = html_.size();
            pos_ = std::min(end + 1, html_.size());
        } else {
            while (end < html_.size() && !is_space(html_[end]) && html_[end] != '>') ++end;
            pos_ = end;
        }
        if (is_published_attribute(name)) add_piece(name + " attribute", tag, begin, end);
    }

    // A piece of its own from html_[begin, end) (end npos: to the end), references decoded.
    void add_piece(std::string where, std::string tag, size_t begin, size_t end) {
        TextPiece piece;
        piece.where = std::move(where);
        piece.tag = std::move(tag);
        begin = std::min(begin, html_.size());
        append_decoded(piece, html_.substr(begin, end == std::string_view::npos ? end : end - begin), begin);
        if (!piece.text.empty()) pieces_.push_back(std::move(piece));
    }

    void line_break(size_t html_at) { append(text_, "\n", html_at, false); }

    void skip_past(char c) {
        size_t at = html_.find(c, pos_);
        pos_ = at == std::string_view::npos ? html_.size() : at + 1;
    }

    std::string_view html_;
    bool xml_ = false;
    size_t pos_ = 0;
    TextPiece text_;
    std::vector<TextPiece> pieces_;
};

}  // namespace

size_t TextPiece::html_offset_at(size_t text_offset) const {
    auto after = std::upper_bound(spans.begin(), spans.end(), text_offset,
                                  [](size_t offset, const Span& span) { return offset < span.text_begin; });
    if (after == spans.begin()) return html_offset;
    const Span& span = *(after - 1);
    return span.verbatim ? span.html_begin + (text_offset - span.text_begin) : span.html_begin;
}

std::vector<TextPiece> published_text(std::string_view html) { return Scanner(html).run(); }

}  // namespace sg::rules
