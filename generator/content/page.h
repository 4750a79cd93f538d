// A page of the site as the author wrote it: front matter, Markdown body, and every image it uses,
// each with the place in the source it came from.
#pragma once
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/waivers.h"
#include "diag/diagnostic.h"
#include "util/date.h"

namespace sg::content {

enum class PageKind { home, page, post };

// Who is in a photo, as declared in front matter.
enum class PeopleDeclaration {
    missing,         // no `people` key: photo.undeclared
    listed,          // `people: [ids]` (possibly empty: nobody in the picture)
    unidentifiable,  // `people: unidentifiable`
};

// A part of a photo to obscure before it is published (a photo's `obscure:` list): either the face
// region the image's own metadata gives for a register person, or a rectangle.
struct Obscure {
    std::string person;                       // register id, or empty
    std::optional<std::array<double, 4>> rect;  // x, y, width, height: fractions of the upright image
    diag::Location at;
};

// A region of a photo the editor has looked at and marks as not a person (a photo's `not_people:`
// list): a dog, a pumpkin, a drawing the face detector flagged. A detected face whose centre lies
// in a mark is not counted; the marks are shown in review and, being front matter, covered by
// approvals. A mark may never cover a face region the image's own metadata names.
struct NotPerson {
    std::array<double, 4> rect{};  // x, y, width, height: fractions of the upright image
    diag::Location at;
};

// A declared photo or work item: an image the page may show.
struct Image {
    std::string src;  // as written, relative to the page's directory
    std::string alt, caption, title;
    PeopleDeclaration declaration = PeopleDeclaration::missing;
    std::vector<std::string> people;           // register ids (photos)
    std::vector<diag::Location> people_at;     // where each id is written
    std::vector<Obscure> obscure;              // regions pixelated and blurred in every output
    std::vector<NotPerson> not_people;         // regions reviewed as not a person (photos)
    std::string by;                            // register id of the pupil credited (work)
    diag::Location at;                         // the entry in front matter
    diag::Location by_at;
    std::filesystem::path file;                // resolved inside content/; empty when it escapes
    bool is_work = false;

    // What the processed outputs are kept under: the file, plus what is obscured in it, so one
    // file shown plainly on one page and obscured on another gives two sets of outputs.
    std::filesystem::path media_key() const;
};

// A declared PDF document (a newsletter, a policy): its text, its pictures and the people in them
// are checked like a page's and a photo's (rules/documents.h), and only a clean rewrite of it is
// published (document/pdf.h), under a content-hash name.
struct Document {
    std::string src;    // as written, relative to the page's directory
    std::string title;  // what the link says; the file's own title is never published
    PeopleDeclaration declaration = PeopleDeclaration::missing;
    std::vector<std::string> people;        // register ids of everyone pictured in it
    std::vector<diag::Location> people_at;  // where each id is written
    diag::Location at;                      // the entry in front matter
    std::filesystem::path file;             // resolved inside content/; empty when it escapes
};

// An image the body uses (Markdown ![](), raw HTML <img>), before it is matched to a declaration.
struct ImageUse {
    std::string src;
    diag::Location at;
};

struct Page {
    std::string source;            // path relative to the site root, e.g. "content/news/castle.md"
    std::filesystem::path file;    // absolute path of the Markdown file
    std::string url;               // relative to the site root, e.g. "news/castle/index.html"
    PageKind kind = PageKind::page;
    std::string layout;            // template name: "home", "page", "post", "gallery"
    std::string title, summary;
    std::optional<util::Date> date, publish_date, expiry_date;
    bool draft = false;
    std::vector<std::string> tags;
    std::vector<Image> photos, work;
    std::vector<Document> documents;
    std::vector<ImageUse> body_images;
    std::string body;              // Markdown, without front matter
    int body_line = 1;             // the source line the body starts on
    std::string raw;               // the whole source file
    diag::Location title_at, summary_at;
    std::vector<Waiver> waivers;   // inline waivers in the body (content/waivers.h)

    // The declared image (photo or work) whose src is `src`, or nullptr.
    const Image* declared(std::string_view src) const;
    // The declared document whose src is `src` (a link's target, "?query" and "#fragment" left
    // out), or nullptr.
    const Document* declared_document(std::string_view src) const;
};

}  // namespace sg::content
