#include "consent/csv.h"

#include "util/text.h"

namespace sg::consent {

namespace {

constexpr std::string_view bom = "\xEF\xBB\xBF";

// Walks the text once, tracking the physical line and where it starts.
class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}

    CsvResult read() {
        CsvResult result;
        while (pos_ < text_.size()) {
            if (at_line_end()) {
                skip_line_end();
                continue;
            }
            CsvRecord record{{}, line_};
            if (!read_record(record, result)) return {{}, result.error};
            result.records.push_back(std::move(record));
        }
        return result;
    }

private:
    bool at_line_end() const {
        return text_[pos_] == '\n' || (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n');
    }
    void skip_line_end() {
        if (text_[pos_] == '\r') ++pos_;
        ++pos_;
        ++line_;
        line_start_ = pos_;
    }
    int column() const { return static_cast<int>(pos_ - line_start_) + 1; }

    bool read_record(CsvRecord& record, CsvResult& result) {
        while (true) {
            CsvCell cell{{}, line_, column()};
            bool ok = pos_ < text_.size() && text_[pos_] == '"' ? read_quoted(cell, result) : read_plain(cell);
            if (!ok) return false;
            record.cells.push_back(std::move(cell));
            if (pos_ >= text_.size()) return true;
            if (text_[pos_] != ',') {
                skip_line_end();
                return true;
            }
            ++pos_;
        }
    }

    bool read_plain(CsvCell& cell) {
        size_t end = text_.find_first_of(",\n", pos_);
        if (end == std::string_view::npos) end = text_.size();
        std::string_view field = text_.substr(pos_, end - pos_);
        if (end < text_.size() && text_[end] == '\n' && field.ends_with('\r')) field.remove_suffix(1);
        cell.text = field;
        pos_ += field.size();
        return true;
    }

    bool read_quoted(CsvCell& cell, CsvResult& result) {
        ++pos_;
        while (true) {
            if (pos_ >= text_.size()) {
                result.error = CsvError{CsvError::Kind::unterminated_quote, cell.line, cell.column};
                return false;
            }
            char c = text_[pos_];
            if (c == '"') {
                if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                    cell.text += '"';
                    pos_ += 2;
                    continue;
                }
                ++pos_;
                break;
            }
            cell.text += c;
            ++pos_;
            if (c == '\n') {
                ++line_;
                line_start_ = pos_;
            }
        }
        if (pos_ < text_.size() && text_[pos_] != ',' && !at_line_end()) {
            result.error = CsvError{CsvError::Kind::text_after_quote, line_, column()};
            return false;
        }
        return true;
    }

    std::string_view text_;
    size_t pos_ = 0;
    size_t line_start_ = 0;
    int line_ = 1;
};

}  // namespace

CsvResult read_csv(std::string_view text) {
    if (text.starts_with(bom)) text.remove_prefix(bom.size());
    if (size_t bad = util::first_invalid_utf8(text); bad != std::string_view::npos) {
        std::string_view before = text.substr(0, bad);
        size_t line_start = before.rfind('\n');
        line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
        int line = 1;
        for (char c : before) line += c == '\n';
        return {{}, CsvError{CsvError::Kind::not_utf8, line, static_cast<int>(bad - line_start) + 1}};
    }
    return Reader(text).read();
}

}  // namespace sg::consent
