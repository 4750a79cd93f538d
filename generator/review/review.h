// `schoolgate review`: what the next build would change on the public site, for the editorial
// team. Loads, checks and plans the site exactly as a build would (steps 1-7; nothing is written,
// site/ is not touched), then compares the build record that build would write with the last one.
// People are shown by register id and initials only.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "output/build_record.h"
#include "pipeline/pipeline.h"
#include "review/changes.h"

namespace sg::review {

struct Options {
    pipeline::Options pipeline;
    std::filesystem::path against;  // the record to compare with; default <source>/.schoolgate/build-record.json
};

struct Withheld {
    std::string page;  // source, or URL of a generated page
    std::vector<diag::Diagnostic> errors;
};

// Where the content stands against the approvals log.
struct ApprovalState {
    int last = 0;                          // sequence of the last approval; 0: none
    std::string by, time;
    std::string broken;                    // why the log does not verify, if it does not
    std::vector<std::string> unapproved;   // sources changed since the last approval (or all, if none)
};

// A photo in which the face detector found someone, or which marks places as not a person: where,
// beside what is declared, obscured and marked, so the editor sees why photo.undeclared-faces fired
// (or that it rightly did not), and who marked what as not a person (the page's history).
struct FacesFound {
    std::string page;       // the page's source
    std::string src;        // as written in front matter
    size_t declared = 0;    // people declared
    std::vector<media::Box> faces, obscured, not_people;  // fractions of the picture
    std::string thumbnail;  // data: URI of the published output (obscured), or of the source when withheld
};

// What schoolgate.yml approves everywhere on the site, shown to the editorial team with each
// entry's reason: the organisations whose contacts may appear, the phrases that are not people,
// and whether the built-in national helplines are accepted.
struct SiteLists {
    std::vector<config::Organisation> organisations;
    std::vector<config::Phrase> phrases;
    bool builtin_helplines = true;
};

struct Review {
    pipeline::Result result;  // the check and plan: diagnostics, withheld pages; status usage if load failed
    std::string school;
    SiteLists lists;
    std::filesystem::path against;
    bool has_previous = false;
    output::BuildRecord before, after;
    Changes changes;  // points into before and after
    std::vector<Withheld> withheld;
    std::vector<diag::Diagnostic> warnings;
    std::vector<PhotoChange> unidentifiable;       // photos on the site-to-be declared unidentifiable
    std::vector<FacesFound> faces;                 // photos of due pages with faces detected or not_people marks
    std::map<std::string, std::string> people;     // register id -> "P0001 A.T.", for every id shown
    std::map<std::string, std::string> thumbnails; // rendition name -> data: URI, for the photos shown
    ApprovalState approval;

    Review() = default;
    Review(const Review&) = delete;
    Review& operator=(const Review&) = delete;

    bool anything_changed() const;
};

std::unique_ptr<Review> run_review(const Options& options);

// For a terminal: sections of added, changed (word diffs) and removed pages, photos with the people
// and consent behind them, unidentifiable photos, warnings, pages that would be withheld (one line
// and a hint each, without quoting the source line, which may hold a name).
void print_text(std::ostream& out, const Review& review);

// The same as one self-contained HTML page: inline CSS, thumbnails as data: URIs, no reference
// to any other file or host, so it can be mailed to the safeguarding lead and read offline.
std::string html_page(const Review& review);

// "granted 2026-09-01, expires 2027-08-31" for a photo's consent records.
std::string consent_words(const output::ConsentRecord& consent);

// "schoolgate 0.9.0 (libvips 8.14.1, exiv2 0.27.6, OpenCV 4.6.0, face model 5f1c2a...)" for a
// record's built_with; "an earlier schoolgate (not recorded)" when it is empty.
std::string built_with_words(const std::map<std::string, std::string>& built_with);

}  // namespace sg::review
