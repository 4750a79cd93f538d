// The qpdf side of the document stage, shared by reading, cleaning and reading back: opening a
// file within the bounds (encrypted and damaged files refused), walking every object a document
// reaches, and small accessors that never make qpdf warn. Internal to the document stage.
#pragma once
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document/pdf.h"
#include "media/image.h"

namespace sg::document {

// A parsed PDF and the bytes qpdf reads lazily from (kept alive as long as the QPDF).
struct OpenPdf {
    std::unique_ptr<std::string> bytes;
    std::unique_ptr<QPDF> qpdf;
};

struct Opened {
    std::optional<OpenPdf> pdf;
    std::optional<media::Problem> problem;  // media.too-large, media.unreadable
};

// `bytes` parsed by qpdf without recovery and with warnings kept: over max_bytes or max_pages is
// media.too-large; encrypted (even with an empty user password), unparsable or parsed with
// warnings is media.unreadable. `description` names the file in qpdf's messages.
Opened open_pdf(std::string bytes, const std::string& description, const Limits& limits);
// open_pdf of `file`'s bytes; a file over max_bytes is refused before it is read.
Opened open_pdf_file(const std::filesystem::path& file, const Limits& limits);

// media.unreadable "the PDF is damaged (...)" when qpdf warned while the document was worked on
// (a warning means qpdf guessed: a damaged stream or object, a type it did not expect).
std::optional<media::Problem> damage(QPDF& qpdf);

// Every dictionary and stream reachable from `start`, each indirect object once, visited before
// its values are walked (so a visitor may remove keys whose values then go unwalked).
void for_each_object(QPDFObjectHandle start, const std::function<void(QPDFObjectHandle&)>& visit);

// The dictionary of a stream, or the object itself.
QPDFObjectHandle dictionary_of(QPDFObjectHandle object);
// The name stored under `key` ("/DCTDecode"), or "" when it is missing or not a name.
std::string name_at(QPDFObjectHandle dictionary, const std::string& key);
// A stream's filters, in order: /Filter as a name or an array of names.
std::vector<std::string> filters_of(QPDFObjectHandle stream);
// How many times "startxref <offset> %%EOF" ends a section of `bytes`: 1 for a file written
// once, one more per incremental update (and for a linearized file's first-page section).
int xref_sections(std::string_view bytes);

// "1 attachment", "3 attachments".
std::string count_of(std::size_t count, const std::string& singular, const std::string& plural);

media::Problem problem(std::string_view rule, std::string message);

}  // namespace sg::document
