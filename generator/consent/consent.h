// Whether a person's consent covers a use on a given date. Pure functions of a register row.
#pragma once
#include <string>

#include "consent/register.h"

namespace sg::consent {

enum class LawfulBasis { consent, public_task };

struct Verdict {
    bool allowed = false;
    std::string reason;  // why not, in words an editor understands ("consent expired on 2026-07-31")
};

// Photo consent for `channel` on `date`. Under LawfulBasis::consent a blank cell means no; under
// public_task a blank cell means yes (an objection still means no). Consent must have been
// granted on or before `date` (required under consent basis), not expired before it, not
// withdrawn and the person not left on or before it. Protected people are never allowed.
Verdict photo_consent(const Person& person, Channel channel, util::Date date, LawfulBasis basis);

// Consent to publish a pupil's work on the website, with the same date rules.
Verdict work_consent(const Person& person, util::Date date, LawfulBasis basis);

std::string_view channel_name(Channel channel);
std::string_view role_name(Role role);

}  // namespace sg::consent
