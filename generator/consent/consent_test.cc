#include "consent/consent.h"

#include <doctest/doctest.h>

#include <functional>

namespace sg::consent {

namespace {

constexpr util::Date build_date{2026, 10, 14};

// A pupil with website photo consent given last year, valid for the school year.
Person consenting_pupil() {
    Person person;
    person.id = "P0001";
    person.first_name = "Amelia";
    person.last_name = "Test";
    person.photo[static_cast<size_t>(Channel::website)] = Permission::yes;
    person.granted_on = util::Date{2025, 9, 1};
    person.expires_on = util::Date{2027, 7, 31};
    return person;
}

struct Case {
    const char* name;
    std::function<void(Person&)> change;
    Verdict under_consent;
    Verdict under_public_task;
};

const Verdict allowed{true, ""};

}  // namespace

TEST_SUITE("consent::consent") {

TEST_CASE("photo consent on the build date under each lawful basis") {
    auto permission = [](Permission p) { return [p](Person& person) { person.photo[0] = p; }; };
    const Case cases[] = {
        {"yes, granted, not expired", [](Person&) {}, allowed, allowed},
        {"no", permission(Permission::no), {false, "consent refused"}, {false, "consent refused"}},
        {"objected", permission(Permission::objected), {false, "objected"}, {false, "objected"}},
        {"blank", permission(Permission::blank), {false, "no consent recorded"}, allowed},
        {"blank without any date",
         [](Person& p) { p.photo[0] = Permission::blank; p.granted_on.reset(); p.expires_on.reset(); },
         {false, "no consent recorded"}, allowed},
        {"yes without a date of consent", [](Person& p) { p.granted_on.reset(); },
         {false, "no date of consent recorded"}, allowed},
        {"expired the day before", [](Person& p) { p.expires_on = util::Date{2026, 10, 13}; },
         {false, "consent expired on 2026-10-13"}, {false, "consent expired on 2026-10-13"}},
        {"valid on the expiry day", [](Person& p) { p.expires_on = build_date; }, allowed, allowed},
        {"withdrawn today", [](Person& p) { p.withdrawn_on = build_date; },
         {false, "consent withdrawn on 2026-10-14"}, {false, "consent withdrawn on 2026-10-14"}},
        {"withdrawn tomorrow", [](Person& p) { p.withdrawn_on = util::Date{2026, 10, 15}; }, allowed, allowed},
        {"blank and withdrawn", [](Person& p) { p.photo[0] = Permission::blank; p.withdrawn_on = util::Date{2026, 1, 5}; },
         {false, "no consent recorded"}, {false, "consent withdrawn on 2026-01-05"}},
        {"left today", [](Person& p) { p.left_on = build_date; },
         {false, "left the school on 2026-10-14"}, {false, "left the school on 2026-10-14"}},
        {"leaves tomorrow", [](Person& p) { p.left_on = util::Date{2026, 10, 15}; }, allowed, allowed},
        {"not yet granted", [](Person& p) { p.granted_on = util::Date{2026, 10, 15}; },
         {false, "consent not yet granted (from 2026-10-15)"}, {false, "consent not yet granted (from 2026-10-15)"}},
        {"granted today", [](Person& p) { p.granted_on = build_date; }, allowed, allowed},
        {"protected overrides yes", [](Person& p) { p.is_protected = true; },
         {false, "protected: never published"}, {false, "protected: never published"}},
        {"protected overrides blank", [](Person& p) { p.is_protected = true; p.photo[0] = Permission::blank; },
         {false, "protected: never published"}, {false, "protected: never published"}},
    };
    for (const auto& c : cases) {
        SUBCASE(c.name) {
            Person person = consenting_pupil();
            c.change(person);
            Verdict consent = photo_consent(person, Channel::website, build_date, LawfulBasis::consent);
            CHECK(consent.allowed == c.under_consent.allowed);
            CHECK(consent.reason == c.under_consent.reason);
            Verdict public_task = photo_consent(person, Channel::website, build_date, LawfulBasis::public_task);
            CHECK(public_task.allowed == c.under_public_task.allowed);
            CHECK(public_task.reason == c.under_public_task.reason);
        }
    }
}

TEST_CASE("each channel reads its own column") {
    Person person = consenting_pupil();
    person.photo[static_cast<size_t>(Channel::social)] = Permission::no;
    CHECK(photo_consent(person, Channel::website, build_date, LawfulBasis::consent).allowed);
    CHECK(photo_consent(person, Channel::social, build_date, LawfulBasis::consent).reason == "consent refused");
    CHECK(photo_consent(person, Channel::newsletter, build_date, LawfulBasis::consent).reason ==
          "no consent recorded");
}

TEST_CASE("work consent reads work_website with the same rules") {
    Person person = consenting_pupil();
    SUBCASE("blank") {
        CHECK(work_consent(person, build_date, LawfulBasis::consent).reason == "no consent recorded");
        CHECK(work_consent(person, build_date, LawfulBasis::public_task).allowed);
    }
    SUBCASE("yes") {
        person.work_website = Permission::yes;
        CHECK(work_consent(person, build_date, LawfulBasis::consent).allowed);
    }
    SUBCASE("yes but left") {
        person.work_website = Permission::yes;
        person.left_on = util::Date{2026, 7, 22};
        CHECK(work_consent(person, build_date, LawfulBasis::consent).reason == "left the school on 2026-07-22");
    }
    SUBCASE("objected") {
        person.work_website = Permission::objected;
        CHECK(work_consent(person, build_date, LawfulBasis::public_task).reason == "objected");
    }
    SUBCASE("protected") {
        person.work_website = Permission::yes;
        person.is_protected = true;
        CHECK(work_consent(person, build_date, LawfulBasis::consent).reason == "protected: never published");
    }
}

TEST_CASE("channel and role names") {
    CHECK(channel_name(Channel::website) == "website");
    CHECK(channel_name(Channel::social) == "social");
    CHECK(channel_name(Channel::newsletter) == "newsletter");
    CHECK(role_name(Role::pupil) == "pupil");
    CHECK(role_name(Role::staff) == "staff");
    CHECK(role_name(Role::governor) == "governor");
    CHECK(role_name(Role::volunteer) == "volunteer");
    CHECK(role_name(Role::visitor) == "visitor");
}

}  // TEST_SUITE

}  // namespace sg::consent
