// `schoolgate review` on a terminal.
#include <cstdio>
#include <ostream>

#include "diag/printer.h"
#include "review/review.h"
#include "rules/photos.h"

namespace sg::review {

namespace {

std::string describe(const output::PageRecord& page) {
    return page.source.empty() ? page.url : page.url + "  (" + page.source + ")";
}

void heading(std::ostream& out, const std::string& title, size_t count) {
    out << '\n' << title << " (" << count << ")" << (count ? ":" : "") << '\n';
}

void print_photo(std::ostream& out, char mark, const PhotoChange& change, const Review& review) {
    const output::PhotoRecord& photo = *change.photo;
    out << "  " << mark << ' ' << change.url << ": " << photo.src;
    if (!photo.alt.empty()) out << " \"" << photo.alt << '"';
    out << '\n';
    if (photo.declaration == "unidentifiable") {
        out << "      nobody identifiable (declared unidentifiable: check that no one can be recognised)\n";
        return;
    }
    if (photo.people.empty()) {
        out << "      nobody in the picture\n";
        return;
    }
    for (size_t i = 0; i < photo.people.size(); ++i) {
        auto shown = review.people.find(photo.people[i]);
        out << "      " << (shown != review.people.end() ? shown->second : photo.people[i]);
        if (i < photo.consents.size()) out << ": " << consent_words(photo.consents[i]);
        out << '\n';
    }
}

// One line and its hint. The source line is not quoted: it may hold the very name that withholds
// the page, and the review is passed around the editorial team (the build's output quotes it).
void print_diagnostic(std::ostream& out, const diag::Diagnostic& d) {
    out << "    " << d.location.shown() << ": " << diag::severity_name(d.severity) << ": " << d.message << " [" << d.rule << "]\n";
    if (!d.hint.empty()) out << "      hint: " << d.hint << '\n';
}

// What schoolgate.yml accepts on every page, with the reasons the school gave.
void print_lists(std::ostream& out, const SiteLists& lists) {
    heading(out, "Organisations whose contacts may appear (contact.organisations)", lists.organisations.size());
    for (const auto& organisation : lists.organisations) {
        out << "  * " << organisation.name;
        for (const std::string* detail : {&organisation.phone, &organisation.email, &organisation.url})
            if (!detail->empty()) out << ", " << *detail;
        out << "\n      why: " << organisation.reason << '\n';
    }
    out << "  National helplines (" << (lists.builtin_helplines ? "accepted" : "switched off")
        << ": contact.builtin_helplines)\n";
    heading(out, "Phrases that are not people (policy.names.phrases)", lists.phrases.size());
    for (const auto& phrase : lists.phrases)
        out << "  * \"" << phrase.phrase << "\" (lower case, mid-sentence only)\n      why: " << phrase.reason << '\n';
}

std::string rect(const media::Box& box) {
    char text[64];
    std::snprintf(text, sizeof text, "[%.2f, %.2f, %.2f, %.2f]", box.x, box.y, box.width, box.height);
    return text;
}

// Places the pages mark as not a person (not_people), each with the faces found under it: an
// editor's judgement that lets a photo through, so it is always shown.
void print_not_people(std::ostream& out, const Review& review) {
    size_t photos = 0;
    for (const auto& found : review.faces) photos += !found.not_people.empty();
    heading(out, "Places marked not a person", photos);
    for (const auto& found : review.faces) {
        if (found.not_people.empty()) continue;
        out << "  ? " << found.page << ": " << found.src << '\n';
        for (const auto& mark : found.not_people) {
            size_t under = found.faces.size() - rules::unobscured_faces(found.faces, {mark}).size();
            out << "      " << rect(mark) << ": " << under << (under == 1 ? " face" : " faces")
                << " found there by the detector\n";
        }
    }
}

}  // namespace

void print_text(std::ostream& out, const Review& review) {
    const Changes& changes = review.changes;
    if (review.has_previous)
        out << "What the next build would change on the public site, compared with the build of "
            << review.before.date << " (" << review.against.string() << ")\n";
    else
        out << "No previous build record (" << review.against.string() << "): every page would be new\n";
    out << "Reviewed with " << built_with_words(review.after.built_with) << '\n';
    if (review.has_previous && review.before.built_with != review.after.built_with)
        out << "The last build was made with " << built_with_words(review.before.built_with) << '\n';

    heading(out, "Pages added", changes.added.size());
    for (const auto& page : changes.added) out << "  + " << describe(*page.after) << '\n';
    heading(out, "Pages changed", changes.changed.size());
    for (const auto& page : changes.changed) {
        out << "  ~ " << describe(*page.after) << '\n';
        std::vector<Hunk> found = hunks(page.text);
        if (found.empty()) out << "      (the visible text is the same: markup or images changed)\n";
        for (const auto& hunk : found) out << "      " << format_hunk(hunk) << '\n';
    }
    heading(out, "Pages removed", changes.removed.size());
    for (const auto& page : changes.removed) out << "  - " << describe(*page.before) << '\n';

    heading(out, "Photos added", changes.photos_added.size());
    for (const auto& photo : changes.photos_added) print_photo(out, '+', photo, review);
    heading(out, "Photos removed", changes.photos_removed.size());
    for (const auto& photo : changes.photos_removed) print_photo(out, '-', photo, review);
    heading(out, "Documents added", changes.documents_added.size());
    for (const auto& document : changes.documents_added) print_photo(out, '+', document, review);
    heading(out, "Documents removed", changes.documents_removed.size());
    for (const auto& document : changes.documents_removed) print_photo(out, '-', document, review);
    heading(out, "Unidentifiable photos to check", review.unidentifiable.size());
    for (const auto& photo : review.unidentifiable) print_photo(out, '!', photo, review);
    print_not_people(out, review);

    heading(out, "Warnings", review.warnings.size());
    for (const auto& warning : review.warnings) print_diagnostic(out, warning);
    heading(out, "Would be withheld", review.withheld.size());
    for (const auto& page : review.withheld) {
        out << "  - " << page.page << '\n';
        for (const auto& error : page.errors) print_diagnostic(out, error);
    }

    print_lists(out, review.lists);

    const ApprovalState& approval = review.approval;
    out << '\n';
    if (!approval.broken.empty())
        out << "Approvals: the log is broken (" << approval.broken << "); run schoolgate approvals verify\n";
    else if (approval.last == 0)
        out << "Approvals: none recorded yet\n";
    else
        out << "Approvals: last approval is entry " << approval.last << " by " << approval.by << " at " << approval.time
            << '\n';
    if (!approval.unapproved.empty()) {
        out << (approval.last ? "Changed since the last approval (" : "Not yet approved (") << approval.unapproved.size()
            << "):\n";
        for (const auto& source : approval.unapproved) out << "  * " << source << '\n';
        out << "To sign these off: schoolgate approve --by NAME [--note TEXT]\n";
    }

    out << "\nSummary: " << changes.added.size() << " added, " << changes.changed.size() << " changed, "
        << changes.removed.size() << " removed; " << changes.photos_added.size() << " photos added, "
        << changes.photos_removed.size() << " removed; " << review.withheld.size() << " withheld; "
        << review.warnings.size() << " warnings\n";
}

}  // namespace sg::review
