#include "consent/register.h"

#include <algorithm>

#include "consent/columns.h"
#include "consent/consent.h"
#include "consent/csv.h"
#include "diag/rule_ids.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/text.h"

namespace sg::consent {

namespace {

constexpr std::array all_roles{Role::pupil, Role::staff, Role::governor, Role::volunteer, Role::visitor};

std::vector<std::string> roles() {
    std::vector<std::string> names;
    for (Role role : all_roles) names.emplace_back(role_name(role));
    return names;
}

std::string initial(std::string_view name) {
    if (name.empty()) return {};
    size_t length = 1;
    while (length < name.size() && (static_cast<unsigned char>(name[length]) & 0xC0) == 0x80) ++length;
    std::string letter(name.substr(0, length));
    if (letter[0] >= 'a' && letter[0] <= 'z') letter[0] = static_cast<char>(letter[0] - 'a' + 'A');
    return letter + ".";
}

bool is_valid_id(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

std::optional<Permission> parse_permission(std::string_view value) {
    std::string word = util::to_lower_ascii(value);
    if (word.empty()) return Permission::blank;
    if (word == "yes") return Permission::yes;
    if (word == "no") return Permission::no;
    if (word == "objected") return Permission::objected;
    return std::nullopt;
}

// Reads the rows below the header into people, reporting every defective cell.
class RowReader {
public:
    RowReader(const Header& header, const std::string& path, diag::Diagnostics& diagnostics)
        : header_(header), path_(path), diagnostics_(diagnostics) {}

    std::optional<Person> read(const CsvRecord& record) {
        record_ = &record;
        ok_ = check_width();
        if (!ok_) return std::nullopt;
        Person person;
        person.line = record.line;
        person.id = read_id();
        person.first_name = read_name(Column::first_name);
        person.last_name = read_name(Column::last_name);
        person.known_as = text(Column::known_as);
        for (const auto& name : util::split(text(Column::other_names), ';'))
            if (!util::trim(name).empty()) person.other_names.emplace_back(util::trim(name));
        person.role = read_role();
        person.group = text(Column::group);
        person.photo[static_cast<size_t>(Channel::website)] = read_permission(Column::photo_website);
        person.photo[static_cast<size_t>(Channel::social)] = read_permission(Column::photo_social);
        person.photo[static_cast<size_t>(Channel::newsletter)] = read_permission(Column::photo_newsletter);
        person.work_website = read_permission(Column::work_website);
        person.full_name_with_photo = read_permission(Column::full_name_with_photo);
        person.granted_on = read_date(Column::granted_on);
        person.expires_on = read_date(Column::expires_on);
        person.withdrawn_on = read_date(Column::withdrawn_on);
        person.left_on = read_date(Column::left_on);
        person.is_protected = read_protected();
        if (ok_) check_same_name(person);
        if (!ok_) return std::nullopt;
        return person;
    }

private:
    const CsvCell* cell(Column column) const {
        auto index = header_.index(column);
        return index ? &record_->cells[*index] : nullptr;
    }
    std::string text(Column column) const {
        const CsvCell* c = cell(column);
        return c ? std::string(util::trim(c->text)) : std::string();
    }
    void error(const CsvCell& at, std::string message, std::string hint) {
        diagnostics_.error(diag::rule::register_invalid, {path_, at.line, at.column}, std::move(message),
                           std::move(hint));
        ok_ = false;
    }
    // Quotes a bad value; only ever called for columns that hold no names.
    void bad_value(Column column, std::string allowed) {
        error(*cell(column), "unknown value '" + text(column) + "' in column " + std::string(column_name(column)),
              "allowed: " + allowed);
    }

    bool check_width() {
        const auto& cells = record_->cells;
        if (cells.size() < header_.width()) {
            diagnostics_.error(diag::rule::register_invalid, {path_, record_->line, 0},
                               "row has " + std::to_string(cells.size()) + " fields, the header has " +
                                   std::to_string(header_.width()),
                               "every row needs a field for every column, even when blank");
            return false;
        }
        for (size_t i = header_.width(); i < cells.size(); ++i) {
            if (util::trim(cells[i].text).empty()) continue;
            diagnostics_.error(diag::rule::register_invalid, {path_, cells[i].line, cells[i].column},
                               "row has more fields than the header has columns",
                               "quote any value that contains a comma, e.g. \"Year 3, Oak\"");
            return false;
        }
        return true;
    }

    std::string read_id() {
        std::string id = text(Column::id);
        if (id.empty())
            error(*cell(Column::id), "id is empty", "every row needs a unique id");
        else if (!is_valid_id(id))
            error(*cell(Column::id), "invalid id '" + id + "'", "ids use only letters, digits, '-' and '_'");
        else if (auto [first, added] = first_line_of_id_.emplace(id, record_->line); !added)
            error(*cell(Column::id), "duplicate id '" + id + "' (first on line " + std::to_string(first->second) + ")",
                  "every person needs their own id");
        return id;
    }

    std::string read_name(Column column) {
        std::string name = text(column);
        if (name.empty())
            error(*cell(column), std::string(column_name(column)) + " is empty",
                  "every person needs a first_name and a last_name");
        return name;
    }

    Role read_role() {
        std::string word = util::to_lower_ascii(text(Column::role));
        if (word.empty()) {
            error(*cell(Column::role), "role is empty", "role is one of " + util::join(roles(), ", "));
            return Role::pupil;
        }
        for (Role role : all_roles)
            if (word == role_name(role)) return role;
        bad_value(Column::role, util::join(roles(), ", "));
        return Role::pupil;
    }

    Permission read_permission(Column column) {
        if (auto permission = parse_permission(text(column))) return *permission;
        bad_value(column, "yes, no, objected, or blank");
        return Permission::blank;
    }

    bool read_protected() {
        auto permission = parse_permission(text(Column::is_protected));
        if (permission == Permission::yes) return true;
        if (permission == Permission::no || permission == Permission::blank) return false;
        bad_value(Column::is_protected, "yes, no, or blank");
        return true;  // an unreadable cell never makes someone publishable
    }

    std::optional<util::Date> read_date(Column column) {
        std::string value = text(column);
        if (value.empty()) return std::nullopt;
        if (auto date = util::parse_iso_date(value)) return date;
        error(*cell(column), "bad date '" + value + "' in column " + std::string(column_name(column)),
              "write dates as YYYY-MM-DD (e.g. 2026-07-31), or leave the cell blank");
        return std::nullopt;
    }

    // Two people the name checks cannot tell apart; named by id only, the register being personal data.
    void check_same_name(const Person& person) {
        std::string key = util::to_lower_ascii(person.first_name) + '\n' + util::to_lower_ascii(person.last_name);
        auto [first, added] = id_of_name_.emplace(key, person.id);
        if (added) return;
        const CsvCell& at = *cell(Column::first_name);
        diagnostics_.warning(diag::rule::register_invalid, {path_, at.line, at.column},
                             first->second + " and " + person.id + " have the same first and last name",
                             "check they are not one person twice; give them distinct known_as names if "
                             "pages must tell them apart");
    }

    const Header& header_;
    const std::string& path_;
    diag::Diagnostics& diagnostics_;
    const CsvRecord* record_ = nullptr;
    bool ok_ = true;
    std::map<std::string, int> first_line_of_id_;
    std::map<std::string, std::string> id_of_name_;
};

bool is_blank(const CsvRecord& record) {
    return std::all_of(record.cells.begin(), record.cells.end(),
                       [](const CsvCell& cell) { return util::trim(cell.text).empty(); });
}

void report_csv_error(const CsvError& e, const std::string& path, diag::Diagnostics& diagnostics) {
    diag::Location where{path, e.line, e.column};
    switch (e.kind) {
        case CsvError::Kind::not_utf8:
            diagnostics.error(diag::rule::register_invalid, where,
                              "register is not UTF-8 (looks like Windows-1252 from Excel); re-export as 'CSV UTF-8'",
                              "in Excel: File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'");
            break;
        case CsvError::Kind::unterminated_quote:
            diagnostics.error(diag::rule::register_invalid, where, "quoted field is never closed",
                              "add the closing '\"'; a '\"' inside a quoted field is written '\"\"'");
            break;
        case CsvError::Kind::text_after_quote:
            diagnostics.error(diag::rule::register_invalid, where, "unexpected text after a closing quote",
                              "a '\"' inside a quoted field is written '\"\"'");
            break;
    }
}

}  // namespace

std::string Person::redacted() const { return id + " " + initial(preferred_first_name()) + initial(last_name); }

Register::Register(std::vector<Person> people) : people_(std::move(people)) {
    for (size_t i = 0; i < people_.size(); ++i) by_id_.emplace(people_[i].id, i);
}

const Person* Register::find(std::string_view id) const {
    auto found = by_id_.find(id);
    return found == by_id_.end() ? nullptr : &people_[found->second];
}

Register parse_register(std::string_view csv, const std::string& display_path, diag::Diagnostics& diagnostics) {
    CsvResult table = read_csv(csv);
    if (table.error) {
        report_csv_error(*table.error, display_path, diagnostics);
        return {};
    }
    if (table.records.empty()) {
        diagnostics.error(diag::rule::register_invalid, {display_path, 1, 0}, "register is empty",
                          "the first row must name the columns (id, first_name, last_name, role, photo_website...)");
        return {};
    }
    auto header = parse_header(table.records.front(), display_path, diagnostics);
    if (!header) return {};
    RowReader reader(*header, display_path, diagnostics);
    std::vector<Person> people;
    bool ok = true;
    for (size_t i = 1; i < table.records.size(); ++i) {
        if (is_blank(table.records[i])) continue;
        auto person = reader.read(table.records[i]);
        if (person) people.push_back(std::move(*person));
        ok = ok && person.has_value();
    }
    if (!ok) return {};
    return Register(std::move(people));
}

Register load_register(const std::filesystem::path& path, const std::string& display_path,
                       diag::Diagnostics& diagnostics) {
    std::string text;
    try {
        text = util::read_file(path);
    } catch (const util::Error& e) {
        diagnostics.error(diag::rule::register_invalid, {display_path, 0, 0},
                          std::string("cannot read the consent register: ") + e.what(),
                          "nobody's consent can be checked without it; restore the file and build again");
        return {};
    }
    return parse_register(text, display_path, diagnostics);
}

}  // namespace sg::consent
