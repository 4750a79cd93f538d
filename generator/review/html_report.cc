// `schoolgate review --html FILE`: one self-contained page, readable offline.
#include <map>
#include <sstream>

#include "review/review.h"
#include "rules/photos.h"

namespace sg::review {

namespace {

const char* const style = R"(
body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc;margin-top:2em}
.summary{background:#f4f4f4;padding:.6em 1em;border-radius:4px}
table.sbs{width:100%;border-collapse:collapse;table-layout:fixed;margin:.5em 0 1.5em}
table.sbs th,table.sbs td{border:1px solid #ddd;padding:.4em .6em;vertical-align:top;text-align:left}
table.sbs th{background:#f4f4f4}
del{background:#fdd;color:#900}ins{background:#dfd;color:#060;text-decoration:none}
figure{display:inline-block;margin:.3em;padding:.4em;border:1px solid #ddd;max-width:22em;vertical-align:top}
figure img{max-width:100%;height:auto;display:block}
figcaption{font-size:.9em}
.warn{color:#8a5a00}.error{color:#a00}.none{color:#777}
code{background:#f4f4f4;padding:0 .2em}
.faces{position:relative;display:inline-block;line-height:0}
.faces img{max-width:22em;height:auto}
.face,.obscured{position:absolute;box-sizing:border-box;border:2px solid #e00}
.obscured{border:2px dashed #06c}
.not-person{border:2px dotted #080}
)";

std::string escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string words_of(const DiffPart& part) {
    std::string words;
    for (const auto& word : part.words) words += (words.empty() ? "" : " ") + word;
    return escape(words);
}

// One side of a hunk: the same words and either the removed (before) or the added (after) ones.
std::string side(const Hunk& hunk, Change shown) {
    std::string html = hunk.cut_before ? "… " : "";
    for (const DiffPart& part : hunk.parts) {
        if (part.change == Change::same)
            html += words_of(part) + " ";
        else if (part.change == shown)
            html += (shown == Change::removed ? "<del>" : "<ins>") + words_of(part) +
                    (shown == Change::removed ? "</del> " : "</ins> ");
    }
    if (hunk.cut_after) html += "…";
    return html;
}

std::string page_name(const output::PageRecord& page) {
    return "<code>" + escape(page.url) + "</code>" + (page.source.empty() ? "" : " from <code>" + escape(page.source) + "</code>");
}

// A document: its file, title and the people pictured in it (by id and initials).
std::string document_item(const output::PhotoRecord& document, const Review& review) {
    std::string html = "<code>" + escape(document.src) + "</code> \"" + escape(document.alt) + "\": ";
    if (document.declaration == "unidentifiable")
        return html + "<strong class=\"warn\">declared to picture nobody identifiable: check</strong>";
    if (document.people.empty()) return html + "nobody pictured";
    for (size_t i = 0; i < document.people.size(); ++i) {
        auto shown = review.people.find(document.people[i]);
        html += (i ? ", " : "pictured: ") + escape(shown != review.people.end() ? shown->second : document.people[i]);
    }
    return html;
}

std::string figure(const output::PhotoRecord& photo, const Review& review) {
    std::ostringstream html;
    html << "<figure>";
    std::string thumbnail;
    for (const auto& name : photo.outputs)
        if (auto found = review.thumbnails.find(name); found != review.thumbnails.end()) {
            thumbnail = found->second;
            break;
        }
    if (!thumbnail.empty())
        html << "<img src=\"" << thumbnail << "\" alt=\"" << escape(photo.alt) << "\">";
    else
        html << "<p class=\"none\">(no thumbnail: the image is no longer on disk)</p>";
    html << "<figcaption><code>" << escape(photo.src) << "</code>";
    if (!photo.alt.empty()) html << "<br>alt: " << escape(photo.alt);
    if (photo.declaration == "unidentifiable")
        html << "<br><strong class=\"warn\">declared unidentifiable: check that no one can be recognised</strong>";
    else if (photo.people.empty())
        html << "<br>nobody in the picture";
    for (size_t i = 0; i < photo.people.size(); ++i) {
        auto shown = review.people.find(photo.people[i]);
        html << "<br>" << escape(shown != review.people.end() ? shown->second : photo.people[i]);
        if (i < photo.consents.size()) html << ": " << escape(consent_words(photo.consents[i]));
    }
    html << "</figcaption></figure>";
    return html.str();
}

std::string percent(double fraction) { return std::to_string(fraction * 100) + "%"; }

std::string box_span(const media::Box& box, const char* kind) {
    return std::string("<span class=\"") + kind + "\" style=\"left:" + percent(box.x) + ";top:" + percent(box.y) +
           ";width:" + percent(box.width) + ";height:" + percent(box.height) + "\"></span>";
}

// A photo with the faces found (red), the regions obscured (dashed blue) and the places marked not a
// person (dotted green) drawn over it.
std::string faces_figure(const FacesFound& found) {
    std::ostringstream html;
    html << "<figure><div class=\"faces\">";
    if (!found.thumbnail.empty())
        html << "<img src=\"" << found.thumbnail << "\" alt=\"\">";
    else
        html << "<p class=\"none\">(no thumbnail)</p>";
    for (const auto& box : found.faces) html << box_span(box, "face");
    for (const auto& box : found.obscured) html << box_span(box, "obscured");
    for (const auto& box : found.not_people) html << box_span(box, "not-person");
    size_t faces = rules::unobscured_faces(rules::unobscured_faces(found.faces, found.obscured), found.not_people).size();
    html << "</div><figcaption><code>" << escape(found.page) << "</code>: <code>" << escape(found.src) << "</code><br>"
         << found.faces.size() << (found.faces.size() == 1 ? " face" : " faces") << " found (red), "
         << found.obscured.size() << " obscured (dashed blue), ";
    if (!found.not_people.empty())
        html << found.not_people.size() << " marked not a person by the editor (dotted green), ";
    html << found.declared
         << (found.declared == 1 ? " person" : " people") << " declared";
    if (faces > found.declared) html << "<br><strong class=\"error\">more faces than people declared</strong>";
    html << "</figcaption></figure>";
    return html.str();
}

std::string diagnostic(const diag::Diagnostic& d) {
    std::ostringstream html;
    html << "<li><span class=\"" << (d.severity == diag::Severity::error ? "error" : "warn") << "\"><code>"
         << escape(d.location.shown()) << "</code> " << escape(d.message) << " [" << escape(d.rule) << "]</span>";
    if (!d.hint.empty()) html << "<br>hint: " << escape(d.hint);
    html << "</li>";
    return html.str();
}

// What schoolgate.yml accepts on every page, with the reasons the school gave.
std::string lists_section(const SiteLists& lists) {
    std::ostringstream html;
    html << "<h2>Organisations whose contacts may appear (" << lists.organisations.size()
         << ")</h2>\n<p>Listed in <code>contact.organisations</code>: accepted on every page.</p><ul>";
    for (const auto& organisation : lists.organisations) {
        html << "<li><strong>" << escape(organisation.name) << "</strong>";
        for (const std::string* detail : {&organisation.phone, &organisation.email, &organisation.url})
            if (!detail->empty()) html << ", <code>" << escape(*detail) << "</code>";
        html << "<br>why: " << escape(organisation.reason) << "</li>";
    }
    html << "</ul><p>National helplines (<code>contact.builtin_helplines</code>): "
         << (lists.builtin_helplines ? "accepted" : "switched off") << ".</p>\n<h2>Phrases that are not people ("
         << lists.phrases.size() << ")</h2>\n<p>Listed in <code>policy.names.phrases</code>: accepted in lower-case "
         << "running text mid-sentence only.</p><ul>";
    for (const auto& phrase : lists.phrases)
        html << "<li>&ldquo;" << escape(phrase.phrase) << "&rdquo;<br>why: " << escape(phrase.reason) << "</li>";
    html << "</ul>\n";
    return html.str();
}

}  // namespace

std::string html_page(const Review& review) {
    const std::string& school = review.school;
    const Changes& changes = review.changes;
    std::ostringstream html;
    html << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         << "<title>Editorial review: " << escape(school) << "</title><style>" << style << "</style></head><body>\n"
         << "<h1>Editorial review: " << escape(school) << "</h1>\n<p class=\"summary\">";
    if (review.has_previous)
        html << "What the next build would change on the public site, compared with the build of "
             << escape(review.before.date) << ". ";
    else
        html << "No previous build record: every page would be new. ";
    html << changes.added.size() << " pages added, " << changes.changed.size() << " changed, " << changes.removed.size()
         << " removed; " << changes.photos_added.size() << " photos added, " << changes.photos_removed.size()
         << " removed; " << review.withheld.size() << " pages would be withheld. People are shown by register id and "
         << "initials only. Reviewed with " << escape(built_with_words(review.after.built_with)) << ".</p>\n";

    html << "<h2>Pages added (" << changes.added.size() << ")</h2><ul>";
    for (const auto& page : changes.added) html << "<li>" << page_name(*page.after) << "</li>";
    html << "</ul>\n<h2>Pages changed (" << changes.changed.size() << ")</h2>\n";
    for (const auto& page : changes.changed) {
        html << "<h3>" << page_name(*page.after) << "</h3>\n<table class=\"sbs\"><tr><th>Before</th><th>After</th></tr>";
        std::vector<Hunk> found = hunks(page.text);
        if (found.empty()) html << "<tr><td colspan=\"2\" class=\"none\">The visible text is the same: markup or images changed.</td></tr>";
        for (const auto& hunk : found)
            html << "<tr><td>" << side(hunk, Change::removed) << "</td><td>" << side(hunk, Change::added) << "</td></tr>";
        html << "</table>\n";
    }
    html << "<h2>Pages removed (" << changes.removed.size() << ")</h2><ul>";
    for (const auto& page : changes.removed) html << "<li>" << page_name(*page.before) << "</li>";
    html << "</ul>\n";

    // Photos, page by page: what goes (before) beside what comes (after).
    std::map<std::string, std::pair<std::string, std::string>> photos;
    for (const auto& change : changes.photos_removed) photos[change.url].first += figure(*change.photo, review);
    for (const auto& change : changes.photos_added) photos[change.url].second += figure(*change.photo, review);
    html << "<h2>Photos (" << changes.photos_added.size() << " added, " << changes.photos_removed.size()
         << " removed)</h2>\n";
    for (const auto& [url, sides] : photos)
        html << "<h3><code>" << escape(url) << "</code></h3><table class=\"sbs\"><tr><th>Removed</th><th>Added</th></tr><tr><td>"
             << sides.first << "</td><td>" << sides.second << "</td></tr></table>\n";

    html << "<h2>Documents (" << changes.documents_added.size() << " added, " << changes.documents_removed.size()
         << " removed)</h2><p>Their words are in the page's text above.</p><ul>";
    for (const auto* list : {&changes.documents_added, &changes.documents_removed})
        for (const auto& change : *list)
            html << "<li>" << (list == &changes.documents_added ? "added to " : "removed from ") << "<code>"
                 << escape(change.url) << "</code>: " << document_item(*change.photo, review) << "</li>";
    html << "</ul>\n";

    html << "<h2>Unidentifiable photos to check (" << review.unidentifiable.size() << ")</h2>\n<div>";
    for (const auto& change : review.unidentifiable)
        html << "<div><code>" << escape(change.url) << "</code><br>" << figure(*change.photo, review) << "</div>";
    html << "</div>\n<h2>Faces found (" << review.faces.size() << " photos)</h2>\n<p>Detection only: the detector says "
         << "where a face may be, never whose. Green dotted boxes are places the page marks as not a person "
         << "(<code>not_people</code>): check each one.</p><div>";
    for (const auto& found : review.faces) html << faces_figure(found);
    html << "</div>\n<h2>Warnings (" << review.warnings.size() << ")</h2><ul>";
    for (const auto& warning : review.warnings) html << diagnostic(warning);
    html << "</ul>\n<h2>Would be withheld (" << review.withheld.size() << ")</h2><ul>";
    for (const auto& page : review.withheld) {
        html << "<li><code>" << escape(page.page) << "</code><ul>";
        for (const auto& error : page.errors) html << diagnostic(error);
        html << "</ul></li>";
    }
    html << "</ul>\n" << lists_section(review.lists) << "<h2>Approval</h2><p>";
    const ApprovalState& approval = review.approval;
    if (!approval.broken.empty())
        html << "<strong class=\"error\">The approvals log is broken: " << escape(approval.broken) << "</strong>";
    else if (approval.last == 0)
        html << "No approval recorded yet.";
    else
        html << "Last approval: entry " << approval.last << " by " << escape(approval.by) << " at " << escape(approval.time) << '.';
    html << "</p>";
    if (!approval.unapproved.empty()) {
        html << "<p>Changed since the last approval:</p><ul>";
        for (const auto& source : approval.unapproved) html << "<li><code>" << escape(source) << "</code></li>";
        html << "</ul><p>To sign these off: <code>schoolgate approve --by NAME</code></p>";
    }
    html << "\n</body></html>\n";
    return html.str();
}

}  // namespace sg::review
