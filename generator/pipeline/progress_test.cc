#include "pipeline/progress.h"

#include <doctest/doctest.h>

namespace sg::pipeline {
namespace {

TEST_CASE("the time left is said in whole units a person reads at a glance, never as nothing") {
    CHECK(time_left(0.2) == "about 5 s left");
    CHECK(time_left(41) == "about 45 s left");
    CHECK(time_left(59.9) == "about 60 s left");
    CHECK(time_left(60) == "about 1 min left");
    CHECK(time_left(89) == "about 1 min left");
    CHECK(time_left(90) == "about 2 min left");
    CHECK(time_left(545) == "about 9 min left");
}

}  // namespace
}  // namespace sg::pipeline
