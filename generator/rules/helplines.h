// The UK national helplines and emergency numbers every school's online-safety page gives, accepted
// by contact.personal without configuration (`contact.builtin_helplines: false` switches them off).
// Each entry is an organisation's public line, with where its number comes from; README.md lists
// them. Short numbers (999, 112, 111, 101, 116 123, 0800 1111) are listed for the record: the phone
// matcher never reports them, since no personal line in the UK is that short (contacts.h).
#pragma once
#include <string_view>
#include <vector>

namespace sg::rules {

struct Helpline {
    std::string_view name;
    std::vector<std::string_view> phones;  // as the organisation writes them
    std::string_view email;                // empty when it publishes none
    std::string_view url;
    std::string_view source;               // where the number is published
};

const std::vector<Helpline>& builtin_helplines();

}  // namespace sg::rules
