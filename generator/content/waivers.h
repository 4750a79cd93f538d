// Inline waivers: an author's record that a finding in a page's text is a false positive.
//
//   <!-- schoolgate: allow name.with-photo "Grace is the name of the ship, not a pupil" -->
//   The lifeboat Grace came into the harbour.
//
// A waiver is an HTML comment standing on its own line(s) in the Markdown body. It names one rule
// and gives a reason in double quotes (required), and it covers the lines that follow it up to the
// next blank line (the paragraph, list or table after it) — nothing else: not the front matter
// (title, summary, tags, photos), not the page's address, not the rest of the page.
//
// Only findings in text can be waived (name.with-photo, contact.personal), and never for a
// protected person; a waiver naming another rule (name.full-name, photo.protected...) or written
// wrongly is a content.invalid error. Every waiver is reported as a warning, so editorial review
// and the reports list it. Waiver comments are never published: the renderer removes them.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diagnostic.h"

namespace sg::content {

struct Waiver {
    std::string rule;    // a rule id of diag/rule_ids.h
    std::string reason;  // as written between the quotes
    diag::Location at;   // the comment
    int first_line = 0;  // the source lines it covers, inclusive
    int last_line = 0;

    bool covers(const diag::Location& location) const {
        return location.path == at.path && location.line >= first_line && location.line <= last_line;
    }
};

// True for the rules a waiver may name.
bool is_waivable(std::string_view rule);

// Reads the waivers of a page's Markdown `body`, which starts on source line `body_line` of
// `source`. Valid waivers are returned and reported as warnings; malformed ones, or ones naming a
// rule that cannot be waived, are content.invalid errors withholding the page.
std::vector<Waiver> parse_waivers(std::string_view body, int body_line, const std::string& source,
                                  diag::Diagnostics& diagnostics);

// The byte ranges [begin, end) of every waiver comment ("<!-- schoolgate: ... -->") in `text`;
// an unclosed one runs to the end.
std::vector<std::pair<size_t, size_t>> find_waiver_comments(std::string_view text);

// `text` with every waiver comment removed (for the published HTML).
std::string remove_waiver_comments(std::string_view text);

// `text` with every waiver comment overwritten by spaces, line breaks kept, so offsets keep their
// lines and columns (for the source checks: the comments are not published).
std::string blank_waiver_comments(std::string_view text);

}  // namespace sg::content
