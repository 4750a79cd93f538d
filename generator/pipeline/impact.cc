#include "pipeline/impact.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "pipeline/inspect_images.h"
#include "rules/documents.h"
#include "rules/photos.h"
#include "rules/text_scan.h"
#include "util/text.h"

namespace sg::pipeline {

namespace {

// Whether `page` is one of the pages due for publication on the build date (Site::due).
bool among_due(const Site& site, const content::Page& page) {
    return std::find(site.due.begin(), site.due.end(), &page) != site.due.end();
}

// What a page's sources say about `person`: photos, tags, names, credits.
std::vector<Evidence> evidence_on(const content::Page& page, const rules::Context& context,
                                  const consent::Person& person) {
    std::vector<Evidence> evidence;
    for (const auto& photo : page.photos) {
        for (size_t i = 0; i < photo.people.size(); ++i)
            if (photo.people[i] == person.id) evidence.push_back({Involvement::pictured, photo.src, photo.people_at[i]});
        auto found = context.images.find(photo.file);
        if (found == context.images.end() || !found->second.info) continue;
        const auto tagged = rules::tagged_people(*found->second.info, context).people;
        if (std::find(tagged.begin(), tagged.end(), &person) != tagged.end())
            evidence.push_back({Involvement::tagged, photo.src, photo.at});
    }
    for (const auto& work : page.work)
        if (work.by == person.id) evidence.push_back({Involvement::credited, work.src, work.by_at});
    // A document pictures whom it declares and whom its pictures' metadata names; its text names
    // whom it names (documents of pages not due were not read: their declarations still count).
    for (const auto& document : page.documents) {
        for (size_t i = 0; i < document.people.size(); ++i)
            if (document.people[i] == person.id)
                evidence.push_back({Involvement::pictured, document.src, document.people_at[i]});
        auto found = context.documents.find(document.file);
        if (found == context.documents.end()) continue;
        for (const auto* tagged : rules::document_people(document, context))
            if (tagged == &person && std::find(document.people.begin(), document.people.end(), person.id) == document.people.end())
                evidence.push_back({Involvement::tagged, document.src, document.at});
        std::string path = rules::document_path(page, document);
        for (size_t number = 0; number < found->second.page_text.size(); ++number)
            for (const rules::NameMatch& match : context.names.find(found->second.page_text[number]))
                if (match.person == &person)
                    evidence.push_back({match.form == rules::NameForm::full ? Involvement::named : Involvement::first_name,
                                        document.src, {path, 0, 0, static_cast<int>(number) + 1}});
    }
    rules::LineIndex lines(page.raw);
    for (const rules::NameMatch& match : context.names.find(page.raw)) {
        if (match.person != &person) continue;
        auto [line, column] = lines.position(match.begin);
        evidence.push_back({match.form == rules::NameForm::full ? Involvement::named : Involvement::first_name, {},
                            {page.source, line, column}});
    }
    std::stable_sort(evidence.begin(), evidence.end(), [](const Evidence& a, const Evidence& b) {
        return std::pair(a.at.line, a.at.column) < std::pair(b.at.line, b.at.column);
    });
    return evidence;
}

}  // namespace

std::string_view involvement_name(Involvement involvement) {
    switch (involvement) {
        case Involvement::pictured: return "pictured";
        case Involvement::tagged: return "tagged";
        case Involvement::named: return "named";
        case Involvement::first_name: return "first name";
        case Involvement::credited: return "credited";
    }
    return "unknown";
}

std::vector<PageImpact> impact_of(const Site& site, const diag::Diagnostics& checked, const consent::Person& person) {
    // load() inspects only the images of due pages; a scheduled page's tags count too.
    std::map<std::filesystem::path, media::InspectResult> images = site.images;
    std::set<std::filesystem::path> scheduled;
    for (const auto& page : site.pages)
        for (const auto& photo : page.photos)
            if (!photo.file.empty() && !images.count(photo.file)) scheduled.insert(photo.file);
    images.merge(inspect_all(scheduled, {site.config.images.max_megapixels}, 0, *site.cache).results);
    rules::Context context{site.config, site.people, *site.names, site.date, images, site.faces, site.obscured,
                           site.documents};

    std::vector<PageImpact> impacts;
    for (const auto& page : site.pages) {
        std::vector<Evidence> evidence = evidence_on(page, context, person);
        if (evidence.empty()) continue;
        PageImpact impact{&page, std::move(evidence), Fate::published, {}};
        if (!among_due(site, page)) {
            impact.fate = Fate::not_due;
        } else if (checked.withholds(page.source)) {
            impact.fate = Fate::withheld;
            impact.rules = checked.rules_withholding(page.source);
        }
        impacts.push_back(std::move(impact));
    }
    return impacts;
}

std::vector<std::string> valid_uses(const consent::Person& person, util::Date date, consent::LawfulBasis basis) {
    std::vector<std::string> uses;
    for (auto channel : {consent::Channel::website, consent::Channel::social, consent::Channel::newsletter})
        if (consent::photo_consent(person, channel, date, basis).allowed) uses.emplace_back(consent::channel_name(channel));
    if (consent::work_consent(person, date, basis).allowed) uses.emplace_back("work");
    return uses;
}

util::Date add_days(util::Date date, int days) {
    using namespace std::chrono;
    sys_days day = year_month_day{year{date.year}, month{static_cast<unsigned>(date.month)},
                                  std::chrono::day{static_cast<unsigned>(date.day)}};
    year_month_day later{day + std::chrono::days{days}};
    return {static_cast<int>(later.year()), static_cast<int>(static_cast<unsigned>(later.month())),
            static_cast<int>(static_cast<unsigned>(later.day()))};
}

ImpactReport run_impact(const Options& options, std::string_view id) {
    ImpactReport report;
    Result loaded;
    report.site = load(options, loaded);
    report.diagnostics = std::move(loaded.diagnostics);
    if (!report.site) {
        report.status = Status::usage;
        return report;
    }
    report.person = report.site->people.find(id);
    if (!report.person) {
        report.status = Status::usage;
        report.unknown_id = std::string(id);
        std::vector<std::string> ids;
        for (const auto& person : report.site->people.people()) ids.push_back(person.id);
        report.suggestion = util::closest_match(id, ids);
        return report;
    }
    Result checked;
    check(*report.site, checked);
    report.pages = impact_of(*report.site, checked.diagnostics, *report.person);
    return report;
}

ExpiringReport run_expiring(const Options& options, int days) {
    ExpiringReport report;
    Result now;
    report.site = load(options, now);
    report.diagnostics = std::move(now.diagnostics);
    if (!report.site) {
        report.status = Status::usage;
        return report;
    }
    Site& site = *report.site;
    report.from = site.date;
    report.until = add_days(site.date, days);
    report.then = add_days(site.date, days + 1);
    consent::LawfulBasis basis = site.rules_context().basis();
    for (const auto& person : site.people.people()) {
        if (!person.expires_on || *person.expires_on < report.from || *person.expires_on > report.until) continue;
        std::vector<std::string> uses = valid_uses(person, site.date, basis);
        if (!uses.empty()) report.lapses.push_back({&person, *person.expires_on, std::move(uses)});
    }
    std::stable_sort(report.lapses.begin(), report.lapses.end(),
                     [](const Lapse& a, const Lapse& b) { return a.expires_on < b.expires_on; });

    Result checked_now;
    check(site, checked_now);
    Options later_options = options;
    later_options.date = report.then;
    Result later;
    std::unique_ptr<Site> later_site = load(later_options, later);
    if (!later_site) {  // the register changed under us: fail closed
        report.diagnostics.append(later.diagnostics);
        report.status = Status::usage;
        return report;
    }
    check(*later_site, later);

    // Which lapsing person each later page involves, by id (the two loads have two registers).
    std::map<std::string, std::vector<const consent::Person*>> involved;
    for (const Lapse& lapse : report.lapses) {
        const consent::Person* then = later_site->people.find(lapse.person->id);
        if (!then) continue;
        for (const PageImpact& impact : impact_of(*later_site, later.diagnostics, *then))
            involved[impact.page->source].push_back(lapse.person);
    }
    for (const content::Page* page : later_site->due) {
        if (!later.diagnostics.withholds(page->source) || checked_now.diagnostics.withholds(page->source)) continue;
        report.withheld.push_back(
            {page->source, later.diagnostics.rules_withholding(page->source), involved[page->source]});
    }
    return report;
}

}  // namespace sg::pipeline
