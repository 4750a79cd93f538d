// The build, in DESIGN.md's order of execution. load() runs steps 1-3, check() step 4; build()
// goes on to process media, render, verify what was rendered, and write the site atomically.
// `schoolgate check` stops after check(); `schoolgate build` runs everything.
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "consent/register.h"
#include "content/page.h"
#include "diag/diagnostic.h"
#include "document/pdf.h"
#include "media/cache.h"
#include "media/image.h"
#include "pipeline/detect_faces.h"
#include "rules/check.h"
#include "rules/names.h"
#include "util/date.h"

namespace sg::pipeline {

struct Options {
    std::filesystem::path source = ".";  // holds schoolgate.yml, content/, consent/, themes/
    std::filesystem::path out;           // default: <source>/site
    std::optional<util::Date> date;      // the build date consent is judged on; default today
    int jobs = 0;                        // workers for images and pages; 0: one per core
    bool require_approval = false;       // withhold pages changed since the last editorial approval
    // The register to read instead of the one schoolgate.yml names (check --staged: the working
    // tree's copy of a register git does not hold).
    std::filesystem::path register_file;
    // The work tree's content/ folder, when `source` is a git snapshot whose unchanged photos and
    // documents are links to its files (check --staged: cli/git.h).
    std::filesystem::path linked_content;
    std::filesystem::path cache;         // the image cache; default <source>/.schoolgate/cache. A
                                         // check of a git snapshot uses the work tree's: entries are
                                         // keyed by content, and a check only adds to it
    bool record = true;                  // write .schoolgate/build-record.json (a preview does not:
                                         // review compares with the last real build)
    // Called once when a build must wait for another build of the same site (output/build_lock.h).
    std::function<void()> on_lock_wait;
};

// Exit statuses of DESIGN.md.
enum class Status { published = 0, withheld = 1, usage = 2, internal = 3 };

// Everything the load step read.
struct Site {
    std::filesystem::path root;
    config::Config config;
    consent::Register people;
    util::Date date;
    std::vector<content::Page> pages;      // every page, published or not
    std::vector<const content::Page*> due;  // the pages due for publication on `date`
    std::map<std::filesystem::path, media::InspectResult> images;  // every image file the due pages use
    std::map<std::filesystem::path, media::FaceResult> faces;      // every photo file the due pages use
    // What each image of the due pages obscures, by media key: resolved by check(), read by
    // processing and review; absent when it cannot be resolved (the page is withheld).
    std::map<std::filesystem::path, std::vector<media::Box>> obscured;
    std::map<std::filesystem::path, document::Inspection> documents;  // every PDF the due pages declare
    std::unique_ptr<rules::NameMatcher> names;
    std::unique_ptr<media::Cache> cache;  // <root>/.schoolgate/cache: face detection and processed images
    // Renditions of new photos made in step 3 from the decode detection used (load's
    // NewPhotos::faces_and_renditions), in memory only: step 5 keeps those of photos shown plainly
    // by pages the check passed.
    FreshRenditions fresh;

    rules::Context rules_context() const { return {config, people, *names, date, images, faces, obscured, documents}; }
};

struct Result {
    Status status = Status::published;
    diag::Diagnostics diagnostics;
    std::vector<std::string> published;  // page URLs written
    std::vector<std::string> withheld;   // page sources (or generated URLs) withheld
    size_t images_written = 0;
    size_t images_processed = 0;         // decoded and re-encoded by this build
    size_t images_from_cache = 0;        // taken, verified, from .schoolgate/cache/
    size_t not_due = 0;                  // drafts, scheduled and expired pages
    size_t pages_checked = 0;            // due pages every rule ran on
    size_t images_checked = 0;           // image files those pages use, inspected
    size_t images_inspected = 0;         // of those, opened by this build
    size_t images_inspected_from_cache = 0;  // of those, whose inspection came from the cache
    size_t faces_detected = 0;           // photos the face detector ran on in this build
    size_t faces_from_cache = 0;         // photos whose detection result came from the cache
    size_t documents_read = 0;           // PDF documents read (text, pictures, faces) by this build
    size_t documents_from_cache = 0;     // PDF documents whose reading came from the cache
    size_t documents_written = 0;        // clean copies written to the site
    size_t images_from_detection = 0;    // of images_processed, made from the decode detection used
};

// What load() makes of a new photo's decode: its faces only (check, review, approve), or also its
// renditions as shown without obscuring, for plan() to keep once the check passed a page showing
// it (build: one decode for both, media/new_photo.h).
enum class NewPhotos { faces_only, faces_and_renditions };

// Steps 1-3 (step 3 includes face detection on every photo of the due pages). Configuration or
// register errors leave `result.status` at usage (2).
std::unique_ptr<Site> load(const Options& options, Result& result, NewPhotos new_photos = NewPhotos::faces_only);
// Step 4: every rule on every due page, after resolving what each photo obscures (Site::obscured).
void check(Site& site, Result& result);

// `schoolgate check`: load and check, nothing written.
Result run_check(const Options& options);
// `schoolgate build`: all eight steps.
Result run_build(const Options& options);

}  // namespace sg::pipeline
