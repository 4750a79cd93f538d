// The rules on a page's PDF documents (content::Document, read by document/pdf.h): who the document
// declares (the register, consent on the build date, protection), what its pictures show (faces
// against the people declared, the people their metadata names) and what its text says (names
// and contacts, page by page, as a page's own text is judged). Findings are located in the PDF,
// "content/news/october.pdf: page 2", and withhold the page that links the document.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "rules/check.h"

namespace sg::rules {

void check_documents(const content::Page& page, const Context& context, diag::Diagnostics& diagnostics);

// The name and contact rules on a document's text, one string per PDF page: on the source's text
// in check_documents, and again on the text of the clean copy that is about to be published.
void check_document_text(const content::Page& page, const content::Document& document,
                         const std::vector<std::string>& pages, const Context& context,
                         diag::Diagnostics& diagnostics);

// Where the document's file is, as messages show it: "content/news/october.pdf".
std::string document_path(const content::Page& page, const content::Document& document);

// The register people a document pictures: declared, or named by its pictures' own metadata.
std::vector<const consent::Person*> document_people(const content::Document& document, const Context& context);

}  // namespace sg::rules
