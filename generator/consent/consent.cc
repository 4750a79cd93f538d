#include "consent/consent.h"

namespace sg::consent {

namespace {

Verdict refused(std::string reason) { return {false, std::move(reason)}; }

// The shared rules of photo and work consent, given the cell of the column concerned.
Verdict judge(const Person& person, Permission permission, util::Date date, LawfulBasis basis) {
    if (person.is_protected) return refused("protected: never published");
    switch (permission) {
        case Permission::no: return refused("consent refused");
        case Permission::objected: return refused("objected");
        case Permission::blank:
            if (basis == LawfulBasis::consent) return refused("no consent recorded");
            break;
        case Permission::yes: break;
    }
    if (person.left_on && *person.left_on <= date) return refused("left the school on " + person.left_on->iso());
    if (person.withdrawn_on && *person.withdrawn_on <= date)
        return refused("consent withdrawn on " + person.withdrawn_on->iso());
    if (person.expires_on && *person.expires_on < date)
        return refused("consent expired on " + person.expires_on->iso());
    if (!person.granted_on && basis == LawfulBasis::consent) return refused("no date of consent recorded");
    if (person.granted_on && *person.granted_on > date)
        return refused("consent not yet granted (from " + person.granted_on->iso() + ")");
    return {true, {}};
}

}  // namespace

Verdict photo_consent(const Person& person, Channel channel, util::Date date, LawfulBasis basis) {
    return judge(person, person.photo[static_cast<size_t>(channel)], date, basis);
}

Verdict work_consent(const Person& person, util::Date date, LawfulBasis basis) {
    return judge(person, person.work_website, date, basis);
}

std::string_view channel_name(Channel channel) {
    switch (channel) {
        case Channel::website: return "website";
        case Channel::social: return "social";
        case Channel::newsletter: return "newsletter";
    }
    return "unknown";
}

std::string_view role_name(Role role) {
    switch (role) {
        case Role::pupil: return "pupil";
        case Role::staff: return "staff";
        case Role::governor: return "governor";
        case Role::volunteer: return "volunteer";
        case Role::visitor: return "visitor";
    }
    return "unknown";
}

}  // namespace sg::consent
