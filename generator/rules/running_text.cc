#include "rules/running_text.h"

#include <algorithm>
#include <memory>
#include <vector>

namespace sg::rules {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// One line of the Markdown body as far as running text is concerned.
struct Line {
    size_t begin = 0, end = 0;  // without the '\n'
    size_t text_begin = 0;      // after the block markers
    bool running = true;        // false for a heading, a table header, raw HTML
    bool hard_break = false;    // ends in two spaces or a backslash: its line break is a <br>
};

std::string_view trimmed(std::string_view line) {
    size_t first = 0;
    while (first < line.size() && is_space(line[first])) ++first;
    size_t last = line.size();
    while (last > first && is_space(line[last - 1])) --last;
    return line.substr(first, last - first);
}

bool is_atx_heading(std::string_view text) {  // `text` trimmed
    size_t hashes = 0;
    while (hashes < text.size() && text[hashes] == '#') ++hashes;
    return hashes >= 1 && hashes <= 6 && (hashes == text.size() || text[hashes] == ' ' || text[hashes] == '\t');
}

// A setext underline ("===", "---") or a table's delimiter row ("|---|:--:|"): the line above it
// is a heading or a table header.
bool underlines(std::string_view text) {  // `text` trimmed
    return !text.empty() && text.find_first_not_of("|:-= \t") == std::string_view::npos &&
           text.find_first_of("-=") != std::string_view::npos;
}

// The end of the block markers that open a line: indentation, '>' quote marks, a list bullet or
// number with the space after it, a table's leading pipe.
size_t after_markers(std::string_view line) {
    size_t i = 0;
    for (bool more = true; more;) {
        more = false;
        while (i < line.size() && is_space(line[i])) ++i;
        if (i < line.size() && (line[i] == '>' || line[i] == '|')) {
            ++i;
            more = true;
        } else if (i + 1 < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+') &&
                   is_space(line[i + 1])) {
            i += 2;
            more = true;
        } else if (i < line.size() && is_digit(line[i])) {
            size_t k = i;
            while (k < line.size() && is_digit(line[k])) ++k;
            if (k < line.size() && (line[k] == '.' || line[k] == ')') && (k + 1 == line.size() || is_space(line[k + 1]))) {
                i = k + 1;
                more = true;
            }
        }
    }
    return i;
}

// Whether `at` (within `line`) stands inside an image's alt text, a link's destination or title,
// or an HTML tag opened earlier on the line.
bool inside_inline_markup(std::string_view line, size_t at) {
    std::string_view before = line.substr(0, at);
    size_t image = before.rfind("![");
    if (image != std::string_view::npos && before.find(']', image) == std::string_view::npos) return true;
    size_t link = before.rfind("](");
    if (link != std::string_view::npos && before.find(')', link) == std::string_view::npos) return true;
    size_t tag = before.rfind('<');
    return tag != std::string_view::npos && before.find('>', tag) == std::string_view::npos;
}

}  // namespace

RunningText markdown_running_text(std::string_view source, size_t body_begin) {
    auto lines = std::make_shared<std::vector<Line>>();
    for (size_t begin = std::min(body_begin, source.size()); begin <= source.size();) {
        size_t end = std::min(source.find('\n', begin), source.size());
        std::string_view line = source.substr(begin, end - begin);
        std::string_view text = trimmed(line);
        bool running = !is_atx_heading(text) && !text.starts_with('<');
        std::string_view bare = line.ends_with('\r') ? line.substr(0, line.size() - 1) : line;
        bool hard_break = bare.ends_with("  ") || bare.ends_with("\\") || bare.ends_with("\t");
        lines->push_back({begin, end, begin + after_markers(line), running, hard_break});
        if (underlines(text)) {
            lines->back().running = false;
            if (lines->size() >= 2) (*lines)[lines->size() - 2].running = false;
        }
        if (end == source.size()) break;
        begin = end + 1;
    }
    return [source, body_begin, lines](size_t offset) {
        if (offset < body_begin || offset >= source.size()) return false;
        auto after = std::upper_bound(lines->begin(), lines->end(), offset,
                                      [](size_t at, const Line& line) { return at < line.begin; });
        if (after == lines->begin()) return false;
        const Line& line = *(after - 1);
        if (!line.running) return false;
        if (offset < line.text_begin) return is_space(source[offset]);  // indentation, never a marker
        if (offset >= line.end) return !line.hard_break;  // the line's own '\n'
        return !inside_inline_markup(source.substr(line.begin, line.end - line.begin), offset - line.begin);
    };
}

RunningText html_running_text(const TextPiece& piece) {
    if (piece.where != "text") return {};
    return [&piece](size_t offset) {
        if (offset >= piece.text.size() || piece.in_label(offset)) return false;
        return piece.text[offset] != '\n' || piece.verbatim_at(offset);
    };
}

}  // namespace sg::rules
