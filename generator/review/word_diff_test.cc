#include "review/word_diff.h"

#include <doctest/doctest.h>

using namespace sg::review;

namespace {

// Every hunk of the diff of `before` and `after`, formatted, one per line.
std::string shown(const std::string& before, const std::string& after, size_t context = 5) {
    std::string text;
    for (const auto& hunk : hunks(word_diff(before, after), context)) text += format_hunk(hunk) + "\n";
    return text;
}

std::string numbers(int from, int to) {
    std::string text;
    for (int i = from; i <= to; ++i) text += "w" + std::to_string(i) + " ";
    return text;
}

}  // namespace

TEST_SUITE("review::word_diff") {

TEST_CASE("a replaced word is removed then added, between the same words") {
    auto diff = word_diff("A lovely day at the lake.", "A wonderful day at the lake.");
    REQUIRE(diff.size() == 4);
    CHECK(diff[0] == DiffPart{Change::same, {"A"}});
    CHECK(diff[1] == DiffPart{Change::removed, {"lovely"}});
    CHECK(diff[2] == DiffPart{Change::added, {"wonderful"}});
    CHECK(diff[3] == DiffPart{Change::same, {"day", "at", "the", "lake."}});
}

TEST_CASE("hunks as an editor reads them") {
    struct Case {
        const char* name;
        std::string before, after, expected;
    };
    const Case cases[] = {
        {"identical text has no hunk", "The fair raised money.", "The fair raised money.", ""},
        {"spacing and line breaks are not changes", "The  fair\nraised\tmoney.", "The fair raised money.", ""},
        {"a replacement", "A lovely day at the lake.", "A wonderful day at the lake.",
         "A [-lovely-]{+wonderful+} day at the lake.\n"},
        {"an insertion", "We went to the lake.", "We went to the lake and the castle.",
         "We went to the [-lake.-]{+lake and the castle.+}\n"},
        {"a deletion at the start", "Sadly we went home.", "We went home.", "[-Sadly we-]{+We+} went home.\n"},
        {"everything new", "", "Hello there", "{+Hello there+}\n"},
        {"everything gone", "Hello there", "", "[-Hello there-]\n"},
        {"context is cut to five words either side", numbers(1, 20), numbers(1, 9) + "X " + numbers(11, 20),
         "… w5 w6 w7 w8 w9 [-w10-]{+X+} w11 w12 w13 w14 w15 …\n"},
        {"changes far apart are separate hunks", numbers(1, 30), "A " + numbers(2, 29) + "B",
         "[-w1-]{+A+} w2 w3 w4 w5 w6 …\n… w25 w26 w27 w28 w29 [-w30-]{+B+}\n"},
        {"changes close together are one hunk", numbers(1, 12), "A " + numbers(2, 11) + "B",
         "[-w1-]{+A+} w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 [-w12-]{+B+}\n"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        CHECK(shown(c.before, c.after) == c.expected);
    }
}

TEST_CASE("a huge rewrite is reported as removed then added without a quadratic search") {
    std::string before, after;
    for (int i = 0; i < 3000; ++i) {
        before += "a" + std::to_string(i) + " ";
        after += "b" + std::to_string(i) + " ";
    }
    auto diff = word_diff("same " + before + "end", "same " + after + "end");
    REQUIRE(diff.size() == 4);
    CHECK(diff[1].change == Change::removed);
    CHECK(diff[1].words.size() == 3000);
    CHECK(diff[2].change == Change::added);
    CHECK(diff[3] == DiffPart{Change::same, {"end"}});
}

}  // TEST_SUITE
