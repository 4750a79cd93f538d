#include "pipeline/pipeline.h"

#include <algorithm>
#include <set>

#include "content/loader.h"
#include "diag/rule_ids.h"
#include "output/build_lock.h"
#include "output/state_paths.h"
#include "pipeline/approval.h"
#include "pipeline/detect_faces.h"
#include "pipeline/documents.h"
#include "pipeline/inspect_images.h"
#include "pipeline/process_media.h"
#include "pipeline/publish.h"
#include "pipeline/site_paths.h"
#include "rules/approved_lists.h"
#include "rules/photos.h"
#include "util/fs.h"
#include "util/installed.h"

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

// The photos of the due pages (work shows work, not children), through the face detector; in a
// build, the renditions of a new photo shown plainly come from the same decode.
void detect_faces(Site& site, int jobs, NewPhotos new_photos, Result& result) {
    std::set<fs::path> files;
    RenditionsToo renditions{media_settings(site.config.images), {}, fresh_renditions_budget};
    for (const content::Page* page : site.due)
        for (const auto& photo : page->photos) {
            auto inspected = site.images.find(photo.file);
            if (inspected == site.images.end() || !inspected->second.info) continue;
            files.insert(photo.file);
            if (photo.obscure.empty()) renditions.plain.insert(photo.file);
        }
    bool too = new_photos == NewPhotos::faces_and_renditions;
    auto detected = detect_all(files, face_settings(site.config.images), jobs, *site.cache, too ? &renditions : nullptr);
    site.faces = std::move(detected.results);
    site.fresh = std::move(detected.fresh);
    result.faces_detected = detected.computed;
    result.faces_from_cache = detected.from_cache;
}

// The PDF documents of the due pages: each page's text, the pictures and the faces in them.
void read_documents(Site& site, int jobs, Result& result) {
    std::set<fs::path> files;
    for (const content::Page* page : site.due)
        for (const auto& document : page->documents)
            if (!document.file.empty()) files.insert(document.file);
    if (files.empty()) return;
    auto read = inspect_documents(files, document_limits(site.config.images), face_settings(site.config.images), jobs,
                                  *site.cache);
    site.documents = std::move(read.results);
    result.documents_read = read.computed;
    result.documents_from_cache = read.from_cache;
}

// A site folder without the theme its configuration names is a configuration error, found
// before any work is done, with the way to a theme.
void check_theme(const Site& site, diag::Diagnostics& diagnostics) {
    if (diagnostics.has_errors() || fs::is_directory(site.root / "themes" / site.config.theme)) return;
    util::InstalledData installed = util::installed_data();
    std::string hint = "start a site with `schoolgate init DIR`, which copies the installed default theme";
    if (installed.found && site.config.theme == "default")
        hint = "copy the installed theme: cp -r " + (installed.themes / "default").string() + " themes/; or " + hint;
    std::string folder = site.root.string();
    if (folder.size() > 1 && folder.back() == '/') folder.pop_back();
    diagnostics.error(diag::rule::config_invalid, {"schoolgate.yml", 0, 0},
                      "the theme '" + site.config.theme + "' is not in themes/ of " + folder, hint);
}

// `file` as messages show it: relative to the site folder when inside it.
std::string shown_in(const fs::path& root, const fs::path& file) {
    return util::is_within(file, root) ? file.lexically_relative(root).string() : file.string();
}

}  // namespace

std::unique_ptr<Site> load(const Options& options, Result& result, NewPhotos new_photos) {
    auto site = std::make_unique<Site>();
    site->root = fs::absolute(options.source).lexically_normal();
    site->date = options.date.value_or(util::today());

    // 1. configuration, and the theme it names
    site->config = config::load_config(site->root / "schoolgate.yml", "schoolgate.yml", result.diagnostics);
    check_theme(*site, result.diagnostics);
    // 2. consent register: an unreadable register never means "allowed"
    fs::path register_file = config::register_path(site->config, site->root);
    std::string register_shown = shown_in(site->root, register_file);
    if (!options.register_file.empty()) {  // the same register, from elsewhere: named as schoolgate.yml names it
        register_file = options.register_file;
        register_shown = site->config.register_file;
    }
    site->people = consent::load_register(register_file, register_shown, result.diagnostics);
    if (result.diagnostics.has_errors()) {
        result.status = Status::usage;
        return nullptr;
    }
    site->names = std::make_unique<rules::NameMatcher>(site->people);
    // The approved lists need both: no organisation entry may hold a pupil's name.
    rules::check_approved_lists(site->config, site->people, *site->names, result.diagnostics);
    if (result.diagnostics.has_errors()) {
        result.status = Status::usage;
        return nullptr;
    }

    // 3. content, and what the images say about themselves
    site->pages = content::load_pages(site->root, result.diagnostics, options.linked_content);
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
    detect_faces(*site, options.jobs, new_photos, result);
    read_documents(*site, options.jobs, result);
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
    std::unique_ptr<Site> site = load(options, result, NewPhotos::faces_and_renditions);
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
