#include "consent/csv.h"

#include <doctest/doctest.h>

namespace sg::consent {

namespace {

using namespace std::string_view_literals;

// "text@line:column" for each cell, records separated by " | ".
std::string layout(const CsvResult& result) {
    std::string out;
    for (const auto& record : result.records) {
        if (!out.empty()) out += " | ";
        out += std::to_string(record.line) + ":";
        for (const auto& cell : record.cells)
            out += " [" + cell.text + "]@" + std::to_string(cell.line) + ":" + std::to_string(cell.column);
    }
    return out;
}

}  // namespace

TEST_SUITE("consent::csv") {

TEST_CASE("records and where each cell starts") {
    struct Case {
        const char* name;
        std::string_view text;
        const char* layout;
    };
    const Case cases[] = {
        {"LF", "a,b\nc,d\n", "1: [a]@1:1 [b]@1:3 | 2: [c]@2:1 [d]@2:3"},
        {"CRLF without a final line end", "a,b\r\nc,d", "1: [a]@1:1 [b]@1:3 | 2: [c]@2:1 [d]@2:3"},
        {"BOM is not part of the first cell or its column", "\xEF\xBB\xBFid,x\n", "1: [id]@1:1 [x]@1:4"},
        {"empty lines skipped, line numbers kept", "a\n\n\r\nb\n", "1: [a]@1:1 | 4: [b]@4:1"},
        {"empty fields", ",a,\n", "1: []@1:1 [a]@1:2 []@1:4"},
        {"quoted comma and doubled quote", "\"x, \"\"y\"\"\",z\n", "1: [x, \"y\"]@1:1 [z]@1:12"},
        {"a field over two lines", "a,\"b\nc\",d\ne\n", "1: [a]@1:1 [b\nc]@1:3 [d]@2:4 | 3: [e]@3:1"},
        {"CRLF inside quotes is kept", "\"b\r\nc\"\r\nd", "1: [b\r\nc]@1:1 | 3: [d]@3:1"},
        {"a quote inside an unquoted field is text", "a\"b,c\n", "1: [a\"b]@1:1 [c]@1:5"},
        {"a lone CR is text", "a\rb,c\n", "1: [a\rb]@1:1 [c]@1:5"},
        {"an empty quoted field at the end", "a,\"\"", "1: [a]@1:1 []@1:3"},
    };
    for (const auto& c : cases) {
        SUBCASE(c.name) {
            CsvResult result = read_csv(c.text);
            CHECK_FALSE(result.error);
            CHECK(layout(result) == c.layout);
        }
    }
}

TEST_CASE("defects stop reading and return no records") {
    struct Case {
        const char* name;
        std::string_view text;
        CsvError::Kind kind;
        int line, column;
    };
    const Case cases[] = {
        {"Windows-1252 byte", "a\nZo\xEB,b\n", CsvError::Kind::not_utf8, 2, 3},
        {"truncated UTF-8 sequence at the end", "ab\xC3", CsvError::Kind::not_utf8, 1, 3},
        {"overlong encoding", "\xC0\xAF", CsvError::Kind::not_utf8, 1, 1},
        {"UTF-16 surrogate", "x\xED\xA0\x80", CsvError::Kind::not_utf8, 1, 2},
        {"UTF-16 file", "\xFF\xFEi\0d\0"sv, CsvError::Kind::not_utf8, 1, 1},
        {"unterminated quote", "a\nb,\"c\nd\n", CsvError::Kind::unterminated_quote, 2, 3},
        {"text after a closing quote", "a,\"b\nc\"d\n", CsvError::Kind::text_after_quote, 2, 3},
    };
    for (const auto& c : cases) {
        SUBCASE(c.name) {
            CsvResult result = read_csv(c.text);
            REQUIRE(result.error);
            CHECK(result.error->kind == c.kind);
            CHECK(result.error->line == c.line);
            CHECK(result.error->column == c.column);
            CHECK(result.records.empty());
        }
    }
}

TEST_CASE("valid UTF-8 of every length is accepted") {
    CsvResult result = read_csv("Zo\xC3\xAB,\xE2\x82\xAC,\xF0\x9F\x99\x82\n");
    REQUIRE_FALSE(result.error);
    CHECK(layout(result) == "1: [Zo\xC3\xAB]@1:1 [\xE2\x82\xAC]@1:6 [\xF0\x9F\x99\x82]@1:10");
}

}  // TEST_SUITE

}  // namespace sg::consent
