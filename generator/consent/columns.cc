#include "consent/columns.h"

#include <algorithm>
#include <string>
#include <vector>

#include "diag/rule_ids.h"
#include "util/text.h"

namespace sg::consent {

namespace {

struct ColumnSpec {
    std::string_view name;
    bool required;
};

// In the order of enum Column.
constexpr std::array<ColumnSpec, column_count> specs{{
    {"id", true}, {"first_name", true}, {"last_name", true}, {"known_as", false},
    {"other_names", false}, {"role", true}, {"group", false}, {"photo_website", true},
    {"photo_social", false}, {"photo_newsletter", false}, {"work_website", false},
    {"full_name_with_photo", false}, {"granted_on", false}, {"expires_on", false},
    {"withdrawn_on", false}, {"left_on", false}, {"protected", false},
}};

// "First Name", "first_name" and "FIRSTNAME" all become "firstname".
std::string column_key(std::string_view name) {
    std::string key;
    for (char c : util::to_lower_ascii(util::trim(name)))
        if (c != ' ' && c != '_' && c != '-' && c != '\t') key += c;
    return key;
}

std::optional<size_t> known_column(std::string_view key) {
    for (size_t i = 0; i < specs.size(); ++i)
        if (column_key(specs[i].name) == key) return i;
    return std::nullopt;
}

std::optional<size_t> closest_column(std::string_view key) {
    std::vector<std::string> keys;
    for (const auto& spec : specs) keys.push_back(column_key(spec.name));
    std::string match = util::closest_match(key, keys);
    if (match.empty()) return std::nullopt;
    return static_cast<size_t>(std::find(keys.begin(), keys.end(), match) - keys.begin());
}

std::string required_list() {
    std::vector<std::string> names;
    for (const auto& spec : specs)
        if (spec.required) names.emplace_back(spec.name);
    return util::join(names, ", ");
}

}  // namespace

std::string_view column_name(Column column) { return specs[static_cast<size_t>(column)].name; }

std::optional<Header> parse_header(const CsvRecord& record, const std::string& display_path,
                                   diag::Diagnostics& diagnostics) {
    Header header;
    header.width_ = record.cells.size();
    bool ok = true;
    std::vector<const CsvCell*> unknown;
    std::array<bool, column_count> suggested{};  // an unknown column already reported it missing
    for (size_t i = 0; i < record.cells.size(); ++i) {
        const CsvCell& cell = record.cells[i];
        std::string key = column_key(cell.text);
        if (key.empty()) continue;  // an unnamed trailing column, as spreadsheets leave
        auto known = known_column(key);
        if (!known) {
            unknown.push_back(&cell);
            continue;
        }
        auto& slot = header.index_[*known];
        if (slot) {
            const CsvCell& first = record.cells[*slot];
            diagnostics.error(diag::rule::register_invalid, {display_path, cell.line, cell.column},
                              "column '" + std::string(specs[*known].name) + "' appears twice",
                              "first at column " + std::to_string(first.column) + "; keep one of them");
            ok = false;
            continue;
        }
        slot = i;
    }
    for (const CsvCell* cell : unknown) {
        diag::Location where{display_path, cell->line, cell->column};
        std::string message = "unknown column '" + std::string(util::trim(cell->text)) + "'";
        auto guess = closest_column(column_key(cell->text));
        if (!guess) {
            diagnostics.warning(diag::rule::register_invalid, where, message, "it is ignored");
        } else if (header.index_[*guess]) {
            diagnostics.warning(diag::rule::register_invalid, where, message,
                                "did you mean '" + std::string(specs[*guess].name) + "'? it is ignored");
        } else {
            suggested[*guess] = true;
            diagnostics.error(diag::rule::register_invalid, where, message,
                              "did you mean '" + std::string(specs[*guess].name) +
                                  "'? rename it, or its values would be read as blank");
            ok = false;
        }
    }
    for (size_t i = 0; i < specs.size(); ++i) {
        if (!specs[i].required || header.index_[i] || suggested[i]) continue;
        diagnostics.error(diag::rule::register_invalid, {display_path, record.line, 0},
                          "missing required column '" + std::string(specs[i].name) + "'",
                          "the header row needs the columns " + required_list());
        ok = false;
    }
    if (!ok) return std::nullopt;
    return header;
}

}  // namespace sg::consent
