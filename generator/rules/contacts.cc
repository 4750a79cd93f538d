#include "rules/contacts.h"

#include <algorithm>
#include <optional>

#include "rules/helplines.h"

namespace sg::rules {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_letter(c); }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
bool word_char_at(std::string_view text, size_t i) { return i < text.size() && (is_alnum(text[i]) || text[i] == '_'); }

// The byte length of the character at `i` when it is one of `choices`, else 0.
size_t one_of_at(std::string_view text, size_t i, std::initializer_list<std::string_view> choices) {
    for (std::string_view choice : choices)
        if (text.substr(i, choice.size()) == choice) return choice.size();
    return 0;
}
// Space, no-break space, narrow no-break space, thin space.
size_t space_at(std::string_view text, size_t i) { return one_of_at(text, i, {" ", "\u00A0", "\u202F", "\u2009"}); }
// Dot, hyphen-minus, hyphen, non-breaking hyphen, en dash.
size_t dash_at(std::string_view text, size_t i) { return one_of_at(text, i, {".", "-", "\u2010", "\u2011", "\u2013"}); }

// ---- email addresses: local@domain.tld ----

bool is_local_char(char c) { return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool is_domain_char(char c) { return is_alnum(c) || c == '.' || c == '-'; }

void find_emails(std::string_view text, std::vector<ContactMatch>& out) {
    size_t resume = 0;  // addresses do not overlap
    for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
        size_t begin = at;
        while (begin > resume && is_local_char(text[begin - 1])) --begin;
        while (begin < at && text[begin] == '.') ++begin;
        size_t end = at + 1;
        while (end < text.size() && is_domain_char(text[end])) ++end;
        while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
        std::string_view domain = text.substr(at + 1, end - at - 1);
        size_t last_dot = domain.rfind('.');
        if (begin == at || last_dot == std::string_view::npos || domain.find("..") != std::string_view::npos ||
            domain.front() == '.' || domain.size() - last_dot - 1 < 2 ||
            !std::all_of(domain.begin() + static_cast<long>(last_dot) + 1, domain.end(), is_letter))
            continue;
        out.push_back({ContactKind::email, std::string(text.substr(begin, end - begin)), begin, end});
        resume = end;
    }
}

// ---- phone numbers ----

// One group of digits as written: "+44", "(0)", "(01632)", "7946".
struct Group {
    std::string digits;
    size_t begin = 0, end = 0;
    bool plus = false;
};

// The group at `i`, or nothing when there is none or it runs into a letter ("960123abc").
std::optional<Group> group_at(std::string_view text, size_t i, bool first) {
    Group group;
    group.begin = i;
    if (first && i < text.size() && text[i] == '+') {
        group.plus = true;
        ++i;
    }
    bool paren = !group.plus && i < text.size() && text[i] == '(';
    if (paren) ++i;
    while (i < text.size() && is_digit(text[i])) group.digits += text[i++];
    if (group.digits.empty()) return std::nullopt;
    if (paren && (i >= text.size() || text[i] != ')')) return std::nullopt;
    if (paren) ++i;
    else if (word_char_at(text, i)) return std::nullopt;
    group.end = i;
    return group;
}

// The groups of a run starting at `i`: groups joined by a space, dot or dash (with spaces around
// it), or directly after a closing parenthesis. Phone numbers never need more than eight.
std::vector<Group> groups_at(std::string_view text, size_t i) {
    std::vector<Group> groups;
    for (std::optional<Group> group = group_at(text, i, true); group && groups.size() < 8;) {
        groups.push_back(*group);
        size_t k = group->end, spaces = 0;
        for (size_t n; spaces < 2 && (n = space_at(text, k)); ++spaces) k += n;
        if (size_t n = dash_at(text, k)) k += n;
        for (size_t n, more = 0; more < 2 && (n = space_at(text, k)); ++more) k += n;
        bool joined = k > group->end || text[k - 1] == ')' || (k < text.size() && text[k] == '(');
        group = joined ? group_at(text, k, false) : std::nullopt;
    }
    return groups;
}

bool all_sizes_between(const std::vector<std::string>& groups, size_t from, size_t min, size_t max) {
    return std::all_of(groups.begin() + static_cast<long>(from), groups.end(),
                       [&](const std::string& g) { return g.size() >= min && g.size() <= max; });
}

// Whether the first `count` groups spell a phone number: a UK number of 10 or 11 digits from 0
// (written nationally, or after +44 or 0044 with an optional "(0)"), grouped as UK numbers are,
// or another country's number after + or 00.
bool is_phone(const std::vector<Group>& run, size_t count) {
    std::vector<std::string> groups;
    for (size_t i = 0; i < count; ++i) groups.push_back(run[i].digits);
    bool international = run[0].plus || groups[0].starts_with("00");
    if (international && !run[0].plus) groups[0].erase(0, 2);
    if (international && !groups[0].starts_with("44")) {
        std::string digits;
        for (const std::string& g : groups) digits += g;
        return digits.size() >= 8 && digits.size() <= 15 && digits[0] != '0' && all_sizes_between(groups, 1, 1, 8);
    }
    if (international) {
        groups[0].erase(0, 2);
        if (groups[0].empty()) groups.erase(groups.begin());
        if (!groups.empty() && groups[0] == "0") groups.erase(groups.begin());  // "+44 (0)20"
        if (groups.empty()) return false;
        if (groups[0][0] != '0') groups[0].insert(0, "0");
    }
    std::string national;
    for (const std::string& g : groups) national += g;
    if (national.size() < 10 || national.size() > 11 || national[0] != '0' || national[1] == '0') return false;
    return groups.size() == 1 || (groups.size() <= 4 && groups[0].size() >= 3 && groups[0].size() <= 6 &&
                                  all_sizes_between(groups, 1, 3, 8));
}

// A number starts at '+', '(' or a digit that does not continue a word or another number
// ("2026-01632" is not a start at "0").
bool phone_starts_at(std::string_view text, size_t i) {
    char c = text[i];
    bool opener = is_digit(c) || ((c == '+' || c == '(') && i + 1 < text.size() && is_digit(text[i + 1]));
    if (!opener || i == 0) return opener;
    char before = text[i - 1];
    if (is_alnum(before) || before == '_' || before == '+' || before == '(') return false;
    bool joiner = before == '.' || before == '-' || before == '/' || before == ':' || before == ',';
    return !(joiner && i >= 2 && is_digit(text[i - 2]));
}

void find_phones(std::string_view text, std::vector<ContactMatch>& out) {
    for (size_t i = 0; i < text.size();) {
        if (!phone_starts_at(text, i)) {
            ++i;
            continue;
        }
        std::vector<Group> run = groups_at(text, i);
        size_t count = run.size();
        while (count > 0 && !is_phone(run, count)) --count;
        if (count > 0) {
            size_t end = run[count - 1].end;
            out.push_back({ContactKind::phone, std::string(text.substr(i, end - i)), i, end});
            i = end;
        } else {
            i = run.empty() ? i + 1 : run[0].end;
        }
    }
}

// ---- UK postcodes: outward code (A9, A99, AA9, AA99, A9A, AA9A), optional space, 9AA ----

bool is_inward_letter(char c) { return is_letter(c) && std::string_view("CIKMOV").find(upper(c)) == std::string_view::npos; }

// The end of the postcode starting at `i`, or 0.
size_t postcode_end(std::string_view text, size_t i) {
    size_t letters = 0;
    while (letters < 3 && i + letters < text.size() && is_letter(text[i + letters])) ++letters;
    if (letters == 0 || letters > 2) return 0;
    if (std::string_view("QVX").find(upper(text[i])) != std::string_view::npos) return 0;
    if (letters == 2 && std::string_view("IJZ").find(upper(text[i + 1])) != std::string_view::npos) return 0;
    size_t digit = i + letters;
    if (digit >= text.size() || !is_digit(text[digit])) return 0;
    for (size_t outward_end : {digit + 2, digit + 1}) {
        if (outward_end == digit + 2 && !word_char_at(text, digit + 1)) continue;
        size_t k = outward_end + space_at(text, outward_end);
        if (k + 3 > text.size() || !is_digit(text[k]) || !is_inward_letter(text[k + 1]) ||
            !is_inward_letter(text[k + 2]) || word_char_at(text, k + 3))
            continue;
        std::string_view code = text.substr(i, k + 3 - i);
        if (k == outward_end && !std::all_of(code.begin(), code.end(), [](char c) { return !is_letter(c) || is_upper(c); }))
            continue;  // without the space, only in capitals
        std::string_view unit = text.substr(k + 1, 2);
        if (!is_upper(unit[0]) && (unit == "st" || unit == "nd" || unit == "rd" || unit == "th"))
            continue;  // "room b12 2nd floor"
        return k + 3;
    }
    return 0;
}

void find_postcodes(std::string_view text, std::vector<ContactMatch>& out) {
    for (size_t i = 0; i < text.size(); ++i) {
        if (!is_letter(text[i]) || (i > 0 && word_char_at(text, i - 1))) continue;
        if (size_t end = postcode_end(text, i)) {
            out.push_back({ContactKind::postcode, std::string(text.substr(i, end - i)), i, end});
            i = end - 1;
        }
    }
}

// A phone number written any way as its national digits ("+44 (0)20 7946 0123" -> "02079460123");
// other countries' numbers as "+" and their digits.
std::string phone_key(std::string_view written) {
    std::string digits;
    for (char c : written)
        if (is_digit(c)) digits += c;
    size_t plus = written.find_first_not_of(" \t");
    bool international = (plus != std::string_view::npos && written[plus] == '+') || digits.starts_with("00");
    if (!international) return digits;
    if (digits.starts_with("00")) digits.erase(0, 2);
    if (!digits.starts_with("44")) return "+" + digits;
    digits.erase(0, 2);
    if (digits.starts_with("0")) digits.erase(0, 1);
    return "0" + digits;
}

std::string postcode_key(std::string_view written) {
    std::string key;
    for (char c : written)
        if (is_alnum(c)) key += upper(c);
    return key;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

std::vector<ContactMatch> find_contacts(std::string_view text) {
    std::vector<ContactMatch> matches;
    find_emails(text, matches);
    find_phones(text, matches);
    find_postcodes(text, matches);
    // A number inside an address ("07700900123@example.com") is part of the address.
    std::erase_if(matches, [&](const ContactMatch& m) {
        return m.kind != ContactKind::email && std::any_of(matches.begin(), matches.end(), [&](const ContactMatch& e) {
                   return e.kind == ContactKind::email && e.begin <= m.begin && m.end <= e.end;
               });
    });
    std::sort(matches.begin(), matches.end(), [](const ContactMatch& a, const ContactMatch& b) { return a.begin < b.begin; });
    return matches;
}

bool is_school_contact(const ContactMatch& match, const config::Contact& school) {
    switch (match.kind) {
    case ContactKind::email: {
        std::string address = lower(match.text);
        if (!school.email.empty() && address == lower(school.email)) return true;
        std::string domain = address.substr(address.rfind('@') + 1);
        return std::any_of(school.email_domains.begin(), school.email_domains.end(), [&](const std::string& allowed) {
            std::string d = lower(allowed);
            if (d.starts_with("@")) d.erase(0, 1);
            return !d.empty() && (domain == d || domain.ends_with("." + d));
        });
    }
    case ContactKind::phone: return !school.phone.empty() && phone_key(match.text) == phone_key(school.phone);
    case ContactKind::postcode:
        return !school.postcode.empty() && postcode_key(match.text) == postcode_key(school.postcode);
    }
    return false;
}

bool is_listed_organisation(const ContactMatch& match, const config::Contact& school) {
    auto same = [&](std::string_view listed) {
        if (listed.empty()) return false;
        if (match.kind == ContactKind::email) return lower(match.text) == lower(listed);
        return match.kind == ContactKind::phone && phone_key(match.text) == phone_key(listed);
    };
    for (const config::Organisation& organisation : school.organisations)
        if (same(organisation.phone) || same(organisation.email)) return true;
    if (school.builtin_helplines)
        for (const Helpline& helpline : builtin_helplines())
            if (same(helpline.email) || std::any_of(helpline.phones.begin(), helpline.phones.end(), same)) return true;
    return false;
}

std::string_view contact_kind_name(ContactKind kind) {
    switch (kind) {
    case ContactKind::email: return "email address";
    case ContactKind::phone: return "phone number";
    case ContactKind::postcode: return "postcode";
    }
    return "contact detail";
}

}  // namespace sg::rules
