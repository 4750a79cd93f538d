#include "rules/contacts.h"

#include <doctest/doctest.h>

#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace sg::rules {
namespace {

// "phone '01632 960123'" for each match, checking that the range is the text reported.
std::vector<std::string> describe(std::string_view text) {
    std::vector<std::string> out;
    for (const ContactMatch& m : find_contacts(text)) {
        CHECK(text.substr(m.begin, m.end - m.begin) == m.text);
        out.push_back(std::string(contact_kind_name(m.kind)) + " '" + m.text + "'");
    }
    return out;
}

using Found = std::vector<std::string>;

struct Case {
    std::string text;
    Found found;
};

void check_cases(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(describe(c.text) == c.found);
    }
}

config::Contact school() {
    config::Contact contact;
    contact.postcode = "EX1 2AB";
    contact.phone = "01632 960000";
    contact.email = "office@example-school.sch.uk";
    contact.email_domains = {"example-school.sch.uk", "@trust.example.org"};
    return contact;
}

}  // namespace

TEST_SUITE("rules::contacts") {

TEST_CASE("UK phone numbers in every common format") {
    check_cases({
        {"Call 01632 960123 today", {"phone number '01632 960123'"}},
        {"01632 960 123", {"phone number '01632 960 123'"}},
        {"(01632) 960123", {"phone number '(01632) 960123'"}},
        {"020 7946 0123", {"phone number '020 7946 0123'"}},
        {"07700 900123", {"phone number '07700 900123'"}},
        {"07700900123", {"phone number '07700900123'"}},
        {"+44 7700 900123", {"phone number '+44 7700 900123'"}},
        {"+447700900123", {"phone number '+447700900123'"}},
        {"+44 (0)20 7946 0123", {"phone number '+44 (0)20 7946 0123'"}},
        {"+44(0)20 7946 0123", {"phone number '+44(0)20 7946 0123'"}},
        {"0044 20 7946 0123", {"phone number '0044 20 7946 0123'"}},
        {"07700-900-123", {"phone number '07700-900-123'"}},
        {"07700.900.123", {"phone number '07700.900.123'"}},
        {"020-7946-0123", {"phone number '020-7946-0123'"}},
        {"01632 - 960123", {"phone number '01632 - 960123'"}},
        {"07700\u00A0900123", {"phone number '07700\u00A0900123'"}},
        {"Tel: 07700 900123.", {"phone number '07700 900123'"}},
        {"mobile:07700 900123", {"phone number '07700 900123'"}},
        {"Ring 07700 900123 2026 after six", {"phone number '07700 900123'"}},
        {"In 2026 07700 900123 was hers", {"phone number '07700 900123'"}},
        {"<a href=\"tel:+447700900123\">", {"phone number '+447700900123'"}},
        {"+33 1 23 45 67 89", {"phone number '+33 1 23 45 67 89'"}},
        {"01632 960123 or 07700 900456",
         {"phone number '01632 960123'", "phone number '07700 900456'"}},
    });
}

TEST_CASE("dates, years, times, prices and other numbers are not phone numbers") {
    check_cases({
        {"2026-10-14", {}},
        {"14/10/2026", {}},
        {"01/10/2026", {}},
        {"01.10.2026", {}},
        {"01-10-2026 09:30", {}},
        {"1999 and 2026", {}},
        {"2026 2027 2028", {}},
        {"09:30", {}},
        {"9.30am", {}},
        {"£12.50", {}},
        {"£1,250.00", {}},
        {"Ref 0000012345678", {}},
        {"ID 123456789012", {}},
        {"0123456789012345", {}},
        {"ISBN 978-0-14-103614-4", {}},
        {"version 0.12.3", {}},
        {"3 2 1 0", {}},
        {"Room 101, ages 0 - 5", {}},
        {"20 7946 0123", {}},
        {"017700 900123x", {}},
        {"abc07700900123", {}},
        {"Year 3 and Class 3B", {}},
    });
}

TEST_CASE("email addresses") {
    check_cases({
        {"Write to amelia.thornbury@gmail.com.", {"email address 'amelia.thornbury@gmail.com'"}},
        {"mailto:office@example-school.sch.uk", {"email address 'office@example-school.sch.uk'"}},
        {"<zoe+news@mail.example.org>", {"email address 'zoe+news@mail.example.org'"}},
        {"ZOE_AR@EXAMPLE.NET,", {"email address 'ZOE_AR@EXAMPLE.NET'"}},
        {"07700900123@sms.example.com", {"email address '07700900123@sms.example.com'"}},
        {"a@b.co and c@d.org", {"email address 'a@b.co'", "email address 'c@d.org'"}},
        {"a@b", {}},
        {"@year3 on the blog", {}},
        {"user@localhost", {}},
        {"name@example.c", {}},
        {"x@@y.com", {}},
        {"price@5.00", {}},
        {"name@.example.com", {}},
        {"name@example..com", {}},
    });
}

TEST_CASE("UK postcodes") {
    check_cases({
        {"London SW1A 1AA", {"postcode 'SW1A 1AA'"}},
        {"Manchester M1 1AE, UK", {"postcode 'M1 1AE'"}},
        {"B33 8TH", {"postcode 'B33 8TH'"}},
        {"CR2 6XH", {"postcode 'CR2 6XH'"}},
        {"DN55 1PT", {"postcode 'DN55 1PT'"}},
        {"EC1A 1BB", {"postcode 'EC1A 1BB'"}},
        {"sw1a 1aa", {"postcode 'sw1a 1aa'"}},
        {"Sw1a 1Aa", {"postcode 'Sw1a 1Aa'"}},
        {"SW1A1AA", {"postcode 'SW1A1AA'"}},
        {"M1\u00A01AE", {"postcode 'M1\u00A01AE'"}},
        {"sw1a1aa", {}},
        {"Year 3", {}},
        {"A1", {}},
        {"room b12 2nd floor", {}},
        {"KS2 3rd", {}},
        {"SW1A 1AAB", {}},
        {"XSW1A 1AA", {}},
        {"Q1 1AA", {}},
        {"M1 1CA", {}},
        {"M1  1AE", {}},
    });
}

TEST_CASE("mixed contact details come back in order") {
    check_cases({
        {"Ring 07700 900123 or write to 4 Elm Rd, EX4 4QQ / zoe@example.com",
         {"phone number '07700 900123'", "postcode 'EX4 4QQ'", "email address 'zoe@example.com'"}},
    });
}

TEST_CASE("the school's own details") {
    const config::Contact contact = school();
    struct SchoolCase {
        std::string text;
        bool school;
    };
    const SchoolCase cases[] = {
        {"01632 960000", true},
        {"+44 1632 960000", true},
        {"+44 (0)1632 960000", true},
        {"0044 1632 960000", true},
        {"(01632) 960000", true},
        {"01632-960-000", true},
        {"01632 960001", false},
        {"07700 900123", false},
        {"office@example-school.sch.uk", true},
        {"OFFICE@Example-School.SCH.uk", true},
        {"j.smith@example-school.sch.uk", true},
        {"head@staff.example-school.sch.uk", true},
        {"head@trust.example.org", true},
        {"head@notexample-school.sch.uk", false},
        {"office@example-school.sch.uk.example.com", false},
        {"amelia.thornbury@gmail.com", false},
        {"EX1 2AB", true},
        {"ex1 2ab", true},
        {"EX1 2AD", false},
    };
    for (const SchoolCase& c : cases) {
        CAPTURE(c.text);
        std::vector<ContactMatch> found = find_contacts(c.text);
        REQUIRE(found.size() == 1);
        CHECK(found[0].text == c.text);
        CHECK(is_school_contact(found[0], contact) == c.school);
    }
}

TEST_CASE("a school without a phone number has no phone numbers of its own") {
    config::Contact contact = school();
    contact.phone.clear();
    contact.email_domains.clear();
    std::vector<ContactMatch> found = find_contacts("01632 960000 j.smith@example-school.sch.uk");
    REQUIRE(found.size() == 2);
    CHECK_FALSE(is_school_contact(found[0], contact));
    CHECK_FALSE(is_school_contact(found[1], contact));
}

TEST_CASE("listed organisations and the built-in helplines: exactly their numbers and addresses") {
    config::Contact contact = school();
    contact.organisations.push_back({"Brookton ICT Service Desk", "01632 960418", "ict.desk@brookton.example", "",
                                     "laptops", {}});
    struct Listed {
        std::string text;
        bool listed;
    };
    const Listed cases[] = {
        {"01632 960418", true},
        {"(01632) 960 418", true},
        {"+44 1632 960418", true},
        {"01632 960419", false},
        {"ICT.Desk@Brookton.example", true},
        {"someone.else@brookton.example", false},
        {"0808 800 5000", true},   // NSPCC Helpline
        {"0800 136 663", true},    // NSPCC Report Abuse in Education
        {"0344 381 4772", true},   // Professionals Online Safety Helpline
        {"help@nspcc.org.uk", true},
        {"someone@nspcc.org.uk", false},
        {"07700 900123", false},
        {"BK9 2PX", false},
    };
    for (const Listed& c : cases) {
        CAPTURE(c.text);
        std::vector<ContactMatch> found = find_contacts(c.text);
        REQUIRE(found.size() == 1);
        CHECK(is_listed_organisation(found[0], contact) == c.listed);
    }
    contact.builtin_helplines = false;
    CHECK_FALSE(is_listed_organisation(find_contacts("0808 800 5000").at(0), contact));
    CHECK_FALSE(is_listed_organisation(find_contacts("help@nspcc.org.uk").at(0), contact));
    CHECK(is_listed_organisation(find_contacts("01632 960418").at(0), contact));
}

TEST_CASE("national short numbers are not phone numbers to the matcher") {
    CHECK(describe("Call 999 or 112, the police on 101, NHS on 111, Childline on 0800 1111, Samaritans on 116 123.")
              .empty());
}

TEST_CASE("random text never crashes and every match is the text at its range") {
    const std::string atoms[] = {"07700", "900123", "01632", "960", "0", "7", "+44", "(0)", "(", ")", " ", "-",
                                 ".", "@", "zoe", "example.org", "SW1A", "1AA", "\u00A0", "\xC3", "\n"};
    size_t found = 0;
    std::mt19937 random(1632);
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        for (size_t i = 0, n = random() % 40; i < n; ++i) text += atoms[random() % std::size(atoms)];
        CAPTURE(text);
        for (const ContactMatch& m : find_contacts(text)) {
            ++found;
            REQUIRE(m.begin < m.end);
            REQUIRE(m.end <= text.size());
            CHECK(text.substr(m.begin, m.end - m.begin) == m.text);
        }
    }
    CHECK(found > 100);  // the random text does hold contact details
}

}  // TEST_SUITE

}  // namespace sg::rules
