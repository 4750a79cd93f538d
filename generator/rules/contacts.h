// Finds contact details in text: email addresses, UK phone numbers (every common format,
// including +44) and UK postcodes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace sg::rules {

enum class ContactKind { email, phone, postcode };

struct ContactMatch {
    ContactKind kind = ContactKind::email;
    std::string text;           // as written
    size_t begin = 0, end = 0;  // byte range in the text searched
};

std::vector<ContactMatch> find_contacts(std::string_view text);

// True for the school's own details: its email address or an address at one of its domains,
// its phone number (compared digit by digit, +44 and 0 prefixes equal), its postcode.
bool is_school_contact(const ContactMatch& match, const config::Contact& school);

// True for a contact the school publishes on purpose: an organisation of `contact.organisations`
// (its phone digit by digit, its email address whole, case aside) or, unless
// `builtin_helplines` is false, a national helpline of helplines.h. A domain is never accepted
// this way: only the exact address listed.
bool is_listed_organisation(const ContactMatch& match, const config::Contact& school);

std::string_view contact_kind_name(ContactKind kind);

}  // namespace sg::rules
