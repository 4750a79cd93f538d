// The columns of the consent register and how a header row maps onto them. Column names are
// matched ignoring case, spaces, '_' and '-' ("First Name", "first_name", "FIRSTNAME" are one).
#pragma once
#include <array>
#include <optional>
#include <string_view>

#include "consent/csv.h"
#include "diag/diagnostic.h"

namespace sg::consent {

enum class Column {
    id, first_name, last_name, known_as, other_names, role, group,
    photo_website, photo_social, photo_newsletter, work_website, full_name_with_photo,
    granted_on, expires_on, withdrawn_on, left_on, is_protected,
};
inline constexpr size_t column_count = 17;

// The canonical (documented) name of a column, e.g. "first_name".
std::string_view column_name(Column column);

// Which cell of a record holds each known column; a column absent from the header reads as blank.
// Always holds every required column (id, first_name, last_name, role, photo_website).
class Header {
public:
    std::optional<size_t> index(Column column) const { return index_[static_cast<size_t>(column)]; }
    size_t width() const { return width_; }  // cells in the header row, unknown columns included

private:
    friend std::optional<Header> parse_header(const CsvRecord&, const std::string&, diag::Diagnostics&);
    std::array<std::optional<size_t>, column_count> index_{};
    size_t width_ = 0;
};

// Reads the header row. A missing required column or a repeated column is an error; an unknown
// column is a warning with "did you mean", or an error when it looks like a misspelling of a
// known column that is absent (its values would otherwise be silently read as blank). nullopt
// when any error was reported.
std::optional<Header> parse_header(const CsvRecord& record, const std::string& display_path,
                                   diag::Diagnostics& diagnostics);

}  // namespace sg::consent
