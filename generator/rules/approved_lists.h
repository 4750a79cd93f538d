// The school's approved lists in schoolgate.yml checked against the consent register, once both
// are loaded: an organisation whose name, email, url or reason holds a pupil's full name (a
// parent's or child's own address typed in by mistake), or a protected person's, is refused as a
// config.invalid error at the entry's line, and the build stops (exit status 2). An email or url
// is also refused when it holds a pupil's first and last name run together ("summerday@...").
// First names alone are not refused: organisations are often called Hope, Grace or Rose.
#pragma once
#include "config/config.h"
#include "consent/register.h"
#include "diag/diagnostic.h"
#include "rules/names.h"

namespace sg::rules {

void check_approved_lists(const config::Config& config, const consent::Register& people, const NameMatcher& names,
                          diag::Diagnostics& diagnostics);

}  // namespace sg::rules
