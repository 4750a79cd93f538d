// `schoolgate consent impact ID` and `schoolgate consent expiring --days N`: what the register
// means for the site, person by person. People appear only as id and initials.
#include <iostream>

#include "cli/command.h"
#include "cli/print_result.h"
#include "diag/printer.h"
#include "pipeline/impact.h"
#include "util/text.h"

namespace sg::cli {

namespace {

using pipeline::Status;

std::string joined(const std::vector<std::string>& items, std::string_view separator = ", ") {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : std::string(separator)) + item;
    return text;
}

std::string plural(size_t count, std::string_view one, std::string_view many) {
    return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

// "website yes; social no (consent refused); ...": the person's consent on the date.
std::string consent_summary(const consent::Person& person, util::Date date, consent::LawfulBasis basis) {
    std::vector<std::string> parts;
    auto add = [&](std::string_view use, const consent::Verdict& verdict) {
        parts.push_back(std::string(use) + (verdict.allowed ? " yes" : " no (" + verdict.reason + ")"));
    };
    for (auto channel : {consent::Channel::website, consent::Channel::social, consent::Channel::newsletter})
        add(consent::channel_name(channel), consent::photo_consent(person, channel, date, basis));
    add("work", consent::work_consent(person, date, basis));
    return joined(parts, "; ");
}

std::string evidence_text(const pipeline::Evidence& evidence) {
    switch (evidence.involvement) {
        case pipeline::Involvement::pictured: return "pictured in " + evidence.what + " (declared)";
        case pipeline::Involvement::tagged: return "pictured in " + evidence.what + " (tagged in the image)";
        case pipeline::Involvement::named: return "named in full";
        case pipeline::Involvement::first_name: return "first name";
        case pipeline::Involvement::credited: return "credited for " + evidence.what;
    }
    return {};
}

std::string place(const diag::Location& at) {
    if (at.page > 0) return at.shown();
    return at.path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

int print_impact(const pipeline::ImpactReport& report) {
    const pipeline::Site& site = *report.site;
    const consent::Person& person = *report.person;
    std::string date = site.date.iso();
    std::cout << person.redacted() << " (" << consent::role_name(person.role) << ")"
              << (person.is_protected ? ", protected" : "") << ": on " << date << ": "
              << consent_summary(person, site.date, site.rules_context().basis()) << '\n';
    size_t withheld = 0;
    for (const auto& impact : report.pages) {
        std::cout << impact.page->source << ": ";
        switch (impact.fate) {
            case pipeline::Fate::published: std::cout << "published\n"; break;
            case pipeline::Fate::not_due: std::cout << "not due on " << date << "\n"; break;
            case pipeline::Fate::withheld:
                ++withheld;
                std::cout << "withheld [" << joined(impact.rules) << "]\n";
                break;
        }
        for (const auto& evidence : impact.evidence)
            std::cout << "  " << place(evidence.at) << ": " << evidence_text(evidence) << '\n';
    }
    std::cout << plural(report.pages.size(), "page involves ", "pages involve ") << person.redacted() << "; "
              << withheld << " withheld on " << date << '\n';
    return 0;
}

int print_expiring(const pipeline::ExpiringReport& report) {
    for (const auto& lapse : report.lapses)
        std::cout << "lapses: " << lapse.person->redacted() << " expires " << lapse.expires_on.iso() << " ("
                  << joined(lapse.uses) << ")\n";
    for (const auto& page : report.withheld) {
        std::vector<std::string> people;
        for (const auto* person : page.because) people.push_back(person->redacted());
        std::cout << "withheld on " << report.then.iso() << ": " << page.page << " [" << joined(page.rules) << "]"
                  << (people.empty() ? "" : " involves " + joined(people)) << '\n';
    }
    std::cout << plural(report.lapses.size(), "person's", "people's") << " consent lapses from " << report.from.iso()
              << " to " << report.until.iso() << "; " << plural(report.withheld.size(), "page", "pages")
              << " would be withheld on " << report.then.iso() << '\n';
    return 0;
}

}  // namespace

Run add_consent_command(CLI::App& app, const Globals& globals) {
    auto* command = app.add_subcommand("consent", "what the consent register means for the site");
    command->require_subcommand(1);
    auto date = std::make_shared<std::string>();
    auto id = std::make_shared<std::string>();
    auto days = std::make_shared<int>(0);

    auto* impact = command->add_subcommand("impact", "pages that show, name or credit a person, and which are withheld");
    impact->add_option("id", *id, "the person's register id")->required();
    impact->add_option("--date", *date, "judge consent on this date (default: today)")->check(iso_date());

    auto* expiring = command->add_subcommand("expiring", "whose consent lapses soon, and which pages would go");
    expiring->add_option("--days", *days, "how many days ahead to look")->required()->check(CLI::Range(0, 3660));
    expiring->add_option("--date", *date, "start from this date (default: today)")->check(iso_date());

    return [&globals, impact, date, id, days] {
        pipeline::Options options;
        options.source = globals.source;
        if (!date->empty()) options.date = util::parse_iso_date(*date);
        diag::Printer printer(std::filesystem::absolute(globals.source));
        if (impact->parsed()) {
            pipeline::ImpactReport report = pipeline::run_impact(options, *id);
            if (report.status == Status::usage) printer.print_all(std::cerr, report.diagnostics);
            if (!report.unknown_id.empty())
                std::cerr << "schoolgate: no one with id '" << report.unknown_id << "' in consent/register.csv"
                          << (report.suggestion.empty() ? "" : "; did you mean '" + report.suggestion + "'?") << '\n';
            if (report.status != Status::published) return static_cast<int>(report.status);
            return print_impact(report);
        }
        pipeline::ExpiringReport report = pipeline::run_expiring(options, *days);
        if (report.status == Status::usage) printer.print_all(std::cerr, report.diagnostics);
        if (report.status != Status::published) return static_cast<int>(report.status);
        return print_expiring(report);
    };
}

}  // namespace sg::cli
