#include "pipeline/pipeline.h"

#include <algorithm>
#include <set>

#include "content/loader.h"
#include "diag/rule_ids.h"
#include "output/build_lock.h"
#include "output/state_paths.h"
#include "pipeline/approval.h"
#include "pipeline/detect_faces.h"
#include "pipeline/inspect_images.h"
#include "pipeline/process_media.h"
#include "pipeline/publish.h"
#include "pipeline/site_paths.h"
#include "rules/photos.h"
#include "util/fs.h"

namespace sg::pipeline {

namespace fs = std::filesystem;

namespace {

bool is_due(const content::Page& page, util::Date date) {
    if (page.draft) return false;
    if (page.publish_date && *page.publish_date > date) return false;
    if (page.expiry_date && *page.expiry_date < date) return false;
    return true;
}

void inspect_images(Site& site, int jobs, Result& result) {
    std::set<fs::path> files;
    for (const content::Page* page : site.due)
        for (const auto* list : {&page->photos, &page->work})
            for (const auto& image : *list)
                if (!image.file.empty()) files.insert(image.file);
    auto inspected = inspect_all(files, {site.config.images.max_megapixels}, jobs, *site.cache);
    site.images = std::move(inspected.results);
    result.images_inspected = inspected.computed;
    result.images_inspected_from_cache = inspected.from_cache;
}

// The photos of the due pages (work shows work, not children), through the face detector.
void detect_faces(Site& site, int jobs, Result& result) {
    std::set<fs::path> files;
    for (const content::Page* page : site.due)
        for (const auto& photo : page->photos) {
            auto inspected = site.images.find(photo.file);
            if (inspected != site.images.end() && inspected->second.info) files.insert(photo.file);
        }
    auto detected = detect_all(files, face_settings(site.config.images), jobs, *site.cache);
    site.faces = std::move(detected.results);
    result.faces_detected = detected.computed;
    result.faces_from_cache = detected.from_cache;
}

}  // namespace

std::unique_ptr<Site> load(const Options& options, Result& result) {
    auto site = std::make_unique<Site>();
    site->root = fs::absolute(options.source).lexically_normal();
    site->date = options.date.value_or(util::today());

    // 1. configuration
    site->config = config::load_config(site->root / "schoolgate.yml", "schoolgate.yml", result.diagnostics);
    // 2. consent register: an unreadable register never means "allowed"
    site->people = consent::load_register(site->root / "consent" / "register.csv", "consent/register.csv",
                                          result.diagnostics);
    if (result.diagnostics.has_errors()) {
        result.status = Status::usage;
        return nullptr;
    }
    site->names = std::make_unique<rules::NameMatcher>(site->people);

    // 3. content, and what the images say about themselves
    site->pages = content::load_pages(site->root, result.diagnostics);
    for (const auto& page : site->pages) {
        if (is_due(page, site->date))
            site->due.push_back(&page);
        else
            ++result.not_due;
    }
    fs::path cache = options.cache.empty() ? output::state::cache(site->root) : options.cache;
    site->cache = std::make_unique<media::Cache>(cache, media_settings(site->config.images),
                                                 face_settings(site->config.images));
    inspect_images(*site, options.jobs, result);
    detect_faces(*site, options.jobs, result);
    return site;
}

void check(Site& site, Result& result) {
    rules::Context context = site.rules_context();
    site.obscured = rules::resolve_obscured(site.due, context);
    check_site_paths(site.due, result.diagnostics);
    for (const content::Page* page : site.due) rules::check_page(*page, context, result.diagnostics);
    result.pages_checked = site.due.size();
    result.images_checked = site.images.size();
}

Result run_check(const Options& options) {
    Result result;
    std::unique_ptr<Site> site = load(options, result);
    if (!site) return result;
    check(*site, result);
    for (const content::Page* page : site->due)
        if (result.diagnostics.withholds(page->source)) result.withheld.push_back(page->source);
    result.diagnostics.sort_and_deduplicate();
    result.status = result.withheld.empty() ? Status::published : Status::withheld;
    return result;
}

Result run_build(const Options& options) {
    Result result;
    // One build of a site at a time, from loading (the image cache) to the swap of site/.
    output::BuildLock lock(fs::absolute(options.source).lexically_normal(), options.on_lock_wait);
    std::unique_ptr<Site> site = load(options, result);
    if (!site) return result;
    fs::path out = options.out.empty() ? site->root / "site" : fs::absolute(options.out).lexically_normal();
    bool over_sources = util::is_within(site->root, out);
    for (const char* sources : {"content", "consent", "themes", ".schoolgate", ".git"})
        over_sources = over_sources || util::is_within(out, site->root / sources);
    if (over_sources) {
        result.diagnostics.error(diag::rule::config_invalid, {out.string(), 0, 0},
                                 "refusing to write the site over its own sources",
                                 "choose an output folder such as site/ beside content/");
        result.status = Status::usage;
        return result;
    }
    check(*site, result);
    if (options.require_approval) require_approval(*site, result);
    Plan planned = plan(*site, options.jobs, result);
    write(*site, planned, out, options, result);
    result.diagnostics.sort_and_deduplicate();
    result.status = result.withheld.empty() ? Status::published : Status::withheld;
    return result;
}

}  // namespace sg::pipeline
