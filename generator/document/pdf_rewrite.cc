// rewrite_clean: the only bytes of a PDF that may be published.
#include <qpdf/Buffer.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>

#include "diag/rule_ids.h"
#include "document/pdf.h"
#include "document/pdf_clean.h"
#include "document/pdf_objects.h"
#include "document/pdf_survey.h"
#include "media/reencode.h"
#include "util/error.h"
#include "util/fs.h"

namespace sg::document {
namespace {

// Embedded JPEGs are decoded and encoded once more: high enough that a second generation shows
// no new artefacts at the size a page shows them.
constexpr int jpeg_quality = 90;

Cleaned refused(media::Problem problem) {
    Cleaned cleaned;
    cleaned.problem = std::move(problem);
    return cleaned;
}

// Every JPEG stream the document reaches (pictures, soft masks), re-encoded without metadata.
std::optional<media::Problem> reencode_jpegs(QPDF& qpdf) {
    std::optional<media::Problem> failure;
    for_each_object(qpdf.getRoot(), [&](QPDFObjectHandle& object) {
        if (failure || !object.isStream()) return;
        std::vector<std::string> filters = filters_of(object);
        if (std::find(filters.begin(), filters.end(), "/DCTDecode") == filters.end()) return;
        std::string where = "object " + std::to_string(object.getObjectID());
        if (filters.size() != 1) {
            failure = problem(diag::rule::media_unsupported,
                              "a JPEG inside other filters (" + where + "), which schoolgate cannot rewrite");
            return;
        }
        std::shared_ptr<Buffer> raw = object.getRawStreamData();
        std::string_view jpeg(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
        int components = jpeg_components(jpeg);
        if (components == 0) {
            failure = problem(diag::rule::media_unreadable,
                              "an embedded JPEG (" + where + ") whose frame header cannot be read");
            return;
        }
        if (components != 1 && components != 3) {
            failure = problem(diag::rule::media_unsupported,
                              "a JPEG with " + std::to_string(components) + " colour components (" + where +
                                  "), which schoolgate cannot rewrite; export pictures as RGB or greyscale");
            return;
        }
        std::optional<std::string> clean = media::reencode_jpeg(jpeg, jpeg_quality);
        if (!clean) {
            failure = problem(diag::rule::media_unreadable, "an embedded JPEG (" + where + ") cannot be decoded");
            return;
        }
        object.replaceStreamData(*clean, QPDFObjectHandle::newName("/DCTDecode"), QPDFObjectHandle::newNull());
    });
    return failure;
}

// A full rewrite: only the objects the stripped document reaches, one xref section, no object
// streams (every dictionary stays readable in the bytes), an ID derived from the content, Flate
// streams decoded and compressed again (nothing after a compressed stream's end survives).
std::string write(QPDF& qpdf) {
    QPDFWriter writer(qpdf);
    writer.setOutputMemory();
    writer.setDeterministicID(true);
    writer.setLinearization(false);
    writer.setObjectStreamMode(qpdf_o_disable);
    writer.setCompressStreams(true);
    writer.setDecodeLevel(qpdf_dl_generalized);
    writer.setRecompressFlate(true);
    writer.setPreserveUnreferencedObjects(false);
    writer.write();
    std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

}  // namespace

Cleaned rewrite_clean(const std::filesystem::path& file, const Limits& limits) {
    Opened opened = open_pdf_file(file, limits);
    if (opened.problem) return refused(*opened.problem);
    QPDF& qpdf = *opened.pdf->qpdf;
    Cleaned cleaned;
    try {
        if (auto hidden = hidden_content(qpdf)) return refused(*hidden);
        strip(qpdf);
        Survey surveyed = survey(qpdf, limits);
        if (surveyed.problem) return refused(*surveyed.problem);
        if (auto failure = reencode_jpegs(qpdf)) return refused(*failure);
        cleaned.pages = int(qpdf.getAllPages().size());
        cleaned.bytes = write(qpdf);
        if (auto damaged = damage(qpdf)) return refused(*damaged);
    } catch (const util::Error&) {
        throw;
    } catch (const std::exception& e) {
        return refused(problem(diag::rule::media_unreadable, "the PDF is damaged (" + std::string(e.what()) + ")"));
    }
    std::vector<std::string> leftovers = find_leftovers(cleaned.bytes);
    if (!leftovers.empty()) {
        std::string list;
        for (const auto& item : leftovers) list += (list.empty() ? "" : "; ") + item;
        return refused(problem(diag::rule::media_metadata, "the clean copy of the PDF still carries " + list));
    }
    return cleaned;
}

}  // namespace sg::document
