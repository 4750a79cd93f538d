// A diagnostic is a content problem as a value: where, how bad, which rule, what, how to fix it.
// Diagnostics collects every one of a run so a single build reports them all (as Hugo does).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sg::diag {

// A place in a source file. `path` is relative to the site's source directory
// (e.g. "content/news/castle.md"); line and column are 1-based, 0 when unknown. A place in a PDF
// document is a page instead (1-based; line and column 0).
struct Location {
    std::string path;
    int line = 0;
    int column = 0;
    int page = 0;

    // As messages show it: "content/news/castle.md:12:5", "content/news/october.pdf: page 2".
    std::string shown() const;
};

enum class Severity { warning, error };

struct Diagnostic {
    Severity severity = Severity::error;
    std::string rule;  // one of rule_ids.h
    Location location;
    std::string message;
    std::string hint;
    std::string page;  // the page (source path) this withholds; empty for site-wide problems
};

class Diagnostics {
public:
    void add(Diagnostic diagnostic);
    void error(std::string_view rule, Location location, std::string message, std::string hint = {},
               std::string page = {});
    void warning(std::string_view rule, Location location, std::string message, std::string hint = {},
                 std::string page = {});

    const std::vector<Diagnostic>& all() const { return items_; }
    bool has_errors() const;
    // True when an error withholds `page`.
    bool withholds(std::string_view page) const;
    // The errors that withhold `page`, in the order they were found.
    std::vector<Diagnostic> withholding(std::string_view page) const;
    // The rule ids of those errors, sorted, each once.
    std::vector<std::string> rules_withholding(std::string_view page) const;
    size_t error_count() const;
    size_t warning_count() const;
    void append(const Diagnostics& other);

    // Orders by path, line, column, then rule, and drops exact duplicates (a rule that fires on
    // the sources and again on the rendered output at the same place is reported once).
    void sort_and_deduplicate();

private:
    std::vector<Diagnostic> items_;
};

}  // namespace sg::diag
