// Calendar dates as the register and front matter write them (ISO 8601, YYYY-MM-DD).
#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace sg::util {

struct Date {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const Date&) const = default;
    std::string iso() const;
};

// Accepts exactly YYYY-MM-DD with a real calendar day; anything else is nullopt.
std::optional<Date> parse_iso_date(std::string_view text);

// Today in the machine's local time zone.
Date today();

}  // namespace sg::util
