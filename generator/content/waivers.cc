#include "content/waivers.h"

#include <algorithm>

#include "diag/rule_ids.h"

namespace sg::content {

namespace {

constexpr std::string_view directive = "schoolgate:";
const char* const how = "write <!-- schoolgate: allow name.with-photo \"why this is not a pupil\" --> on its own line "
                        "just before the paragraph it applies to";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool blank(std::string_view text) { return std::all_of(text.begin(), text.end(), is_space); }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

bool starts_with_directive(std::string_view text) {
    if (text.size() < directive.size()) return false;
    for (size_t i = 0; i < directive.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != directive[i]) return false;
    }
    return true;
}

size_t line_start_of(std::string_view text, size_t offset) {
    size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
    return newline == std::string_view::npos ? 0 : newline + 1;
}

int line_of(std::string_view text, size_t offset) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

}  // namespace

bool is_waivable(std::string_view rule) {
    return rule == diag::rule::name_with_photo || rule == diag::rule::contact_personal;
}

std::vector<std::pair<size_t, size_t>> find_waiver_comments(std::string_view text) {
    std::vector<std::pair<size_t, size_t>> found;
    for (size_t at = text.find("<!--"); at != std::string_view::npos; at = text.find("<!--", at)) {
        size_t inner = at + 4;
        while (inner < text.size() && is_space(text[inner])) ++inner;
        if (!starts_with_directive(text.substr(inner))) {
            at += 4;
            continue;
        }
        size_t close = text.find("-->", inner);
        size_t end = close == std::string_view::npos ? text.size() : close + 3;
        found.emplace_back(at, end);
        at = end;
    }
    return found;
}

std::string remove_waiver_comments(std::string_view text) {
    std::string out;
    size_t last = 0;
    for (auto [begin, end] : find_waiver_comments(text)) {
        out.append(text.substr(last, begin - last));
        last = end;
    }
    out.append(text.substr(last));
    return out;
}

std::string blank_waiver_comments(std::string_view text) {
    std::string out(text);
    for (auto [begin, end] : find_waiver_comments(text))
        for (size_t i = begin; i < end; ++i)
            if (out[i] != '\n' && out[i] != '\r') out[i] = ' ';
    return out;
}

std::vector<Waiver> parse_waivers(std::string_view body, int body_line, const std::string& source,
                                  diag::Diagnostics& diagnostics) {
    std::vector<Waiver> waivers;
    for (auto [begin, end] : find_waiver_comments(body)) {
        size_t line_start = line_start_of(body, begin);
        diag::Location at{source, body_line + line_of(body, begin) - 1, static_cast<int>(begin - line_start) + 1};
        auto invalid = [&](const std::string& message) {
            diagnostics.error(diag::rule::content_invalid, at, message, how, source);
        };
        std::string_view comment = body.substr(begin, end - begin);
        if (comment.size() < 7 || comment.substr(comment.size() - 3) != "-->") {
            invalid("a schoolgate comment is opened but never closed with -->");
            continue;
        }
        size_t line_end = std::min(body.find('\n', end), body.size());
        if (!blank(body.substr(line_start, begin - line_start)) || !blank(body.substr(end, line_end - end))) {
            invalid("a waiver must stand on its own line, just before the text it applies to");
            continue;
        }

        std::string_view words = trim(comment.substr(4, comment.size() - 7));
        words = trim(words.substr(directive.size()));
        size_t space = std::min(words.find_first_of(" \t\r\n"), words.size());
        std::string_view verb = words.substr(0, space);
        words = trim(words.substr(space));
        if (verb != "allow") {
            invalid("unknown schoolgate comment '" + std::string(verb) + "': the only one is 'allow'");
            continue;
        }
        space = std::min(words.find_first_of(" \t\r\n"), words.size());
        std::string rule(words.substr(0, space));
        std::string_view quoted = trim(words.substr(space));
        if (rule.empty()) {
            invalid("a waiver must name the rule it allows");
            continue;
        }
        if (rule == diag::rule::name_full_name) {
            invalid("a pupil's full name can never be waived [" + rule + "]");
            continue;
        }
        if (rule == diag::rule::photo_protected) {
            invalid("a protected person can never be waived [" + rule + "]");
            continue;
        }
        if (!is_waivable(rule)) {
            invalid("'" + rule + "' cannot be waived: only name.with-photo and contact.personal findings in the "
                    "text can");
            continue;
        }
        std::string_view reason;
        if (quoted.size() >= 2 && quoted.front() == '"' && quoted.back() == '"')
            reason = trim(quoted.substr(1, quoted.size() - 2));
        if (reason.empty()) {
            invalid("a waiver needs a reason in double quotes, saying why this is not about a pupil");
            continue;
        }

        // The lines after the comment, up to the next blank line.
        int first_line = body_line + line_of(body, end - 1);  // the line after the comment's last
        int last_line = first_line - 1;
        for (size_t next = line_end + 1; line_end < body.size() && next <= body.size();) {
            size_t stop = std::min(body.find('\n', next), body.size());
            if (blank(body.substr(next, stop - next))) break;
            ++last_line;
            next = stop + 1;
            if (stop == body.size()) break;
        }
        if (last_line < first_line) {
            invalid("a waiver must be followed by the text it applies to, with no blank line between");
            continue;
        }
        Waiver waiver{rule, std::string(reason), at, first_line, last_line};
        diagnostics.warning(rule, at,
                            "waiver: " + rule + " is allowed on lines " + std::to_string(first_line) + "-" +
                                std::to_string(last_line) + " (\"" + waiver.reason + "\")",
                            "waivers are listed for editorial review; remove it if the text changes", source);
        waivers.push_back(std::move(waiver));
    }
    return waivers;
}

}  // namespace sg::content
