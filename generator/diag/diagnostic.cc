#include "diag/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace sg::diag {

std::string Location::shown() const {
    std::string text = path;
    if (page > 0) return text + ": page " + std::to_string(page);
    if (line > 0) text += ':' + std::to_string(line);
    if (line > 0 && column > 0) text += ':' + std::to_string(column);
    return text;
}

void Diagnostics::add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }

void Diagnostics::error(std::string_view rule, Location location, std::string message, std::string hint,
                        std::string page) {
    add({Severity::error, std::string(rule), std::move(location), std::move(message), std::move(hint),
         std::move(page)});
}

void Diagnostics::warning(std::string_view rule, Location location, std::string message, std::string hint,
                          std::string page) {
    add({Severity::warning, std::string(rule), std::move(location), std::move(message), std::move(hint),
         std::move(page)});
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

bool Diagnostics::withholds(std::string_view page) const {
    return std::any_of(items_.begin(), items_.end(), [&](const Diagnostic& d) {
        return d.severity == Severity::error && d.page == page;
    });
}

std::vector<Diagnostic> Diagnostics::withholding(std::string_view page) const {
    std::vector<Diagnostic> errors;
    for (const Diagnostic& d : items_)
        if (d.severity == Severity::error && d.page == page) errors.push_back(d);
    return errors;
}

std::vector<std::string> Diagnostics::rules_withholding(std::string_view page) const {
    std::vector<std::string> rules;
    for (const Diagnostic& d : withholding(page)) rules.push_back(d.rule);
    std::sort(rules.begin(), rules.end());
    rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
    return rules;
}

size_t Diagnostics::error_count() const {
    return std::count_if(items_.begin(), items_.end(),
                         [](const Diagnostic& d) { return d.severity == Severity::error; });
}

size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::sort_and_deduplicate() {
    auto key = [](const Diagnostic& d) {
        return std::tie(d.location.path, d.location.page, d.location.line, d.location.column, d.rule, d.message, d.page);
    };
    std::stable_sort(items_.begin(), items_.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
    items_.erase(std::unique(items_.begin(), items_.end(),
                             [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
                 items_.end());
}

}  // namespace sg::diag
