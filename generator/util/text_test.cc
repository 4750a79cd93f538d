#include "util/text.h"

#include <doctest/doctest.h>

#include "util/date.h"
#include "util/hash.h"

TEST_SUITE("util::text") {

TEST_CASE("did you mean: close words only") {
    std::vector<std::string> commands = {"build", "check", "review", "serve"};
    CHECK(sg::util::closest_match("bild", commands) == "build");
    CHECK(sg::util::closest_match("chekc", commands) == "check");
    CHECK(sg::util::closest_match("deploy", commands) == "");
    CHECK(sg::util::edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("lines end at LF or CRLF") {
    auto lines = sg::util::lines_of("a\r\nb\n\nc");
    CHECK(lines == std::vector<std::string_view>{"a", "b", "", "c"});
}

TEST_CASE("html escaping covers attributes") {
    CHECK(sg::util::html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("dates are exact ISO days") {
    CHECK(sg::util::parse_iso_date("2026-02-28")->iso() == "2026-02-28");
    CHECK(!sg::util::parse_iso_date("2026-02-29"));
    CHECK(!sg::util::parse_iso_date("2026-2-28"));
    CHECK(!sg::util::parse_iso_date("28/02/2026"));
    CHECK(*sg::util::parse_iso_date("2026-08-31") < *sg::util::parse_iso_date("2026-09-01"));
}

TEST_CASE("sha256 matches the known digest") {
    CHECK(sg::util::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // TEST_SUITE
