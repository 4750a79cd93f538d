// What the consent register means for the site, person by person: `schoolgate consent impact ID`
// (every page that shows, names or credits someone, and which of them a build on the date would
// withhold) and `schoolgate consent expiring --days N` (whose consent lapses soon, and which pages
// would then be withheld). Both reuse load() and check(): the answer is what a build would do.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/pipeline.h"

namespace sg::pipeline {

// How a page involves a person.
enum class Involvement {
    pictured,   // a photo's people declaration lists them
    tagged,     // a photo's embedded people tags or keywords name them
    named,      // their full name is in the page's source
    first_name, // their first name (or known-as) is in the page's source: possibly them
    credited,   // a work item is by them
};

std::string_view involvement_name(Involvement involvement);

struct Evidence {
    Involvement involvement = Involvement::pictured;
    std::string what;  // the image's src for photos and work; empty for names
    diag::Location at;
};

// What a build on the date does with a page.
enum class Fate { published, withheld, not_due };

struct PageImpact {
    const content::Page* page = nullptr;
    std::vector<Evidence> evidence;  // in source order
    Fate fate = Fate::published;
    std::vector<std::string> rules;  // the error rule ids that withhold it, sorted, unique
};

// The pages that involve `person`, in the order load() read them. `checked` holds the diagnostics
// of check(site); pages that are not due on site.date are listed as not_due with what their
// sources say (their images are inspected here, as they are not by load()).
std::vector<PageImpact> impact_of(const Site& site, const diag::Diagnostics& checked, const consent::Person& person);

// The consent uses (photo per channel, work) that are valid for `person` on `date`, as
// "website", "social", "newsletter", "work".
std::vector<std::string> valid_uses(const consent::Person& person, util::Date date, consent::LawfulBasis basis);

// `schoolgate consent impact ID [--date D]`.
struct ImpactReport {
    Status status = Status::published;  // usage: bad configuration or register, or unknown id
    diag::Diagnostics diagnostics;      // configuration and register errors
    std::string unknown_id;             // set when `id` is not in the register
    std::string suggestion;             // the closest register id, if any
    std::unique_ptr<Site> site;
    const consent::Person* person = nullptr;
    std::vector<PageImpact> pages;
};
ImpactReport run_impact(const Options& options, std::string_view id);

// `schoolgate consent expiring --days N [--date D]`: people with a valid consent on the date whose
// expires_on falls within the next `days` days (the date itself included, its last day included),
// and the pages a check on date + days + 1 withholds that a check on the date does not.
struct Lapse {
    const consent::Person* person = nullptr;
    util::Date expires_on;
    std::vector<std::string> uses;  // valid_uses() on the date: what lapses
};
struct NewlyWithheld {
    std::string page;                             // source path
    std::vector<std::string> rules;               // error rule ids withholding it then
    std::vector<const consent::Person*> because;  // lapsing people the page involves
};
struct ExpiringReport {
    Status status = Status::published;
    diag::Diagnostics diagnostics;
    std::unique_ptr<Site> site;  // loaded for the date; the people point into it
    util::Date from, until, then;  // the date, the last day of the window, the day after it
    std::vector<Lapse> lapses;     // by expires_on, then id
    std::vector<NewlyWithheld> withheld;
};
ExpiringReport run_expiring(const Options& options, int days);

// `date` plus `days` calendar days.
util::Date add_days(util::Date date, int days);

}  // namespace sg::pipeline
