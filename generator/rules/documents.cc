#include "rules/documents.h"

#include <algorithm>

#include "diag/rule_ids.h"
#include "rules/photos.h"
#include "rules/text_scan.h"

namespace sg::rules {

namespace {

const document::Inspection* inspection_of(const content::Document& document, const Context& context) {
    auto found = context.documents.find(document.file);
    return found == context.documents.end() ? nullptr : &found->second;
}

// What a picture inside a document says about itself, as a photo's inspection says it.
media::SourceInfo as_source_info(const document::EmbeddedImage& image) {
    media::SourceInfo info;
    info.format = image.encoding;
    info.width = image.width;
    info.height = image.height;
    info.has_gps = image.has_gps;
    info.people_tags = image.people_tags;
    info.face_regions = image.face_regions;
    return info;
}

std::string counted(size_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

// Each picture: no more faces than people declared, and nobody named by its metadata who is not
// declared (or who is protected, or unknown to the register).
void check_pictures(const content::Page& page, const content::Document& document,
                    const document::Inspection& inspection, const Context& context, diag::Diagnostics& diagnostics) {
    std::string path = document_path(page, document);
    size_t declared = document.declaration == content::PeopleDeclaration::listed ? document.people.size() : 0;
    for (size_t i = 0; i < inspection.images.size(); ++i) {
        const document::EmbeddedImage& image = inspection.images[i];
        diag::Location at{path, 0, 0, image.page};
        std::string picture = "picture " + std::to_string(i + 1) + " (" + std::to_string(image.width) + "x" +
                              std::to_string(image.height) + ")";
        if (document.declaration != content::PeopleDeclaration::missing && image.faces.size() > declared)
            diagnostics.error(diag::rule::photo_undeclared_faces, at,
                              picture + " shows " + counted(image.faces.size(), "face", "faces") + " but document '" +
                                  document.src + "' declares " + counted(declared, "person", "people"),
                              "declare everyone pictured in the document's people (their consent is then checked), "
                              "or take the photo out of the document before exporting it again",
                              page.source);
        TaggedPeople tagged = tagged_people(as_source_info(image), context);
        if (!tagged.unknown.empty())  // the tags themselves are names: never printed
            diagnostics.error(diag::rule::photo_unknown_person, at,
                              picture + " is tagged with " + counted(tagged.unknown.size(), "person", "people") +
                                  " not in the register",
                              "remove the people tag from the photo before it goes into the document", page.source);
        for (const consent::Person* person : tagged.people) {
            bool listed = std::find(document.people.begin(), document.people.end(), person->id) != document.people.end();
            if (person->is_protected && !listed)
                diagnostics.error(diag::rule::photo_protected, at,
                                  picture + " is tagged in its metadata with " + person->redacted() +
                                      ", who is protected and must never appear on the site",
                                  "take this photo out of the document", page.source);
            else if (!listed)
                diagnostics.error(diag::rule::photo_tag_mismatch, at,
                                  picture + " is tagged in its metadata with " + person->redacted() +
                                      ", who is not declared",
                                  "add " + person->id + " to the document's people (their consent is then checked)",
                                  page.source);
        }
    }
}

}  // namespace

std::string document_path(const content::Page& page, const content::Document& document) {
    return (std::filesystem::path(page.source).parent_path() / document.src).lexically_normal().generic_string();
}

std::vector<const consent::Person*> document_people(const content::Document& document, const Context& context) {
    std::vector<const consent::Person*> people;
    auto add = [&](const consent::Person* person) {
        if (person && std::find(people.begin(), people.end(), person) == people.end()) people.push_back(person);
    };
    for (const std::string& id : document.people) add(context.people.find(id));
    if (const document::Inspection* inspection = inspection_of(document, context))
        for (const document::EmbeddedImage& image : inspection->images)
            for (const consent::Person* person : tagged_people(as_source_info(image), context).people) add(person);
    return people;
}

void check_document_text(const content::Page& page, const content::Document& document,
                         const std::vector<std::string>& pages, const Context& context,
                         diag::Diagnostics& diagnostics) {
    std::vector<const consent::Person*> pictured = document_people(document, context);
    std::string path = document_path(page, document);
    for (size_t i = 0; i < pages.size(); ++i) {
        diag::Location at{path, 0, 0, static_cast<int>(i) + 1};
        scan_text({pages[i], [&](size_t) { return at; }, false, "the text of document '" + document.src + "'"},
                  page.source, pictured, context, diagnostics);
    }
}

void check_documents(const content::Page& page, const Context& context, diag::Diagnostics& diagnostics) {
    for (const content::Document& document : page.documents) {
        if (document.file.empty()) continue;  // unresolved: the loader said why
        if (document.declaration == content::PeopleDeclaration::missing)
            diagnostics.error(diag::rule::photo_undeclared, document.at,
                              "document '" + document.src + "' does not say who is pictured in it",
                              "add people: [register ids], people: [] for nobody, or people: unidentifiable",
                              page.source);
        else if (document.declaration == content::PeopleDeclaration::unidentifiable)
            diagnostics.warning(diag::rule::photo_unidentifiable, document.at,
                                "document '" + document.src + "' is declared to picture nobody identifiable",
                                "the editorial team confirms this in schoolgate review", page.source);
        check_declared_people(document.people, document.people_at, page.source, context, diagnostics);

        const document::Inspection* inspection = inspection_of(document, context);
        if (!inspection) {
            diagnostics.error(diag::rule::media_unreadable, document.at,
                              "document '" + document.src + "' was not read", {}, page.source);
            continue;
        }
        if (inspection->problem) {
            diagnostics.error(inspection->problem->rule, document.at, document.src + ": " + inspection->problem->message,
                              "export the document again as a plain PDF (no password, no layers), or publish its "
                              "text as a page",
                              page.source);
            continue;
        }
        check_pictures(page, document, *inspection, context, diagnostics);
        check_document_text(page, document, inspection->page_text, context, diagnostics);
        // Where its links go (mailto: included) is published with it.
        if (inspection->links.empty()) continue;
        std::string links;
        for (const std::string& uri : inspection->links) links += uri + "\n";
        diag::Location in_document{document_path(page, document), 0, 0};
        scan_text({links, [&](size_t) { return in_document; }, false, "a link in document '" + document.src + "'"},
                  page.source, document_people(document, context), context, diagnostics);
    }
}

}  // namespace sg::rules
