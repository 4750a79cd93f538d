// A small RFC 4180 CSV reader for UTF-8 text, as spreadsheets and school MIS export it: an
// optional BOM, CRLF or LF line ends, quoted fields holding commas, doubled quotes and line
// breaks. It knows nothing of the register; the caller gives the cells meaning and adds the path.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sg::consent {

// One field of a record: its text without the surrounding quotes (doubled quotes undone, line
// breaks inside quotes kept as written) and where it starts. Line and column are 1-based; the
// column counts bytes of the physical line, not counting a BOM, and points at the opening quote
// of a quoted field. A field after a multi-line field starts on a later line than its record.
struct CsvCell {
    std::string text;
    int line = 0;
    int column = 0;
};

// A record (row) and the line it starts on. Completely empty lines yield no record.
struct CsvRecord {
    std::vector<CsvCell> cells;
    int line = 0;
};

// The first defect that stops reading; nothing after it can be trusted.
struct CsvError {
    enum class Kind {
        not_utf8,          // the byte at line:column does not continue valid UTF-8
        unterminated_quote,  // line:column is the opening quote of a field that never closes
        text_after_quote,  // line:column is the text after a closing quote (`"ab"c`)
    };
    Kind kind = Kind::not_utf8;
    int line = 0;
    int column = 0;
};

// Either every record, or an error and no records.
struct CsvResult {
    std::vector<CsvRecord> records;
    std::optional<CsvError> error;
};

CsvResult read_csv(std::string_view text);

}  // namespace sg::consent
