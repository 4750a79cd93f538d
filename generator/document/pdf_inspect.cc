// inspect: what the rules check in a PDF (each page's text, each image's people and faces) and
// what the clean copy leaves out; Limits::fingerprint.
#include <poppler/cpp/poppler-version.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "diag/rule_ids.h"
#include "document/pdf.h"
#include "document/pdf_clean.h"
#include "document/pdf_objects.h"
#include "document/pdf_survey.h"
#include "media/faces.h"
#include "media/image.h"
#include "util/error.h"
#include "util/fs.h"

namespace sg::document {
namespace {

// Bump when inspect() finds more, or other things, in the same bytes, so no cached inspection of
// the old code is trusted.
constexpr int reader_version = 1;

// A private folder (mode 0700) for the images handed to the media stage, removed with them.
class Scratch {
public:
    Scratch() {
        std::string pattern = (std::filesystem::temp_directory_path() / "schoolgate-pdf-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw util::Error(pattern, std::string("cannot create: ") + std::strerror(errno));
        path_ = pattern;
    }
    ~Scratch() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

    std::filesystem::path write(const std::string& name, std::string_view bytes) const {
        std::filesystem::path file = path_ / name;
        std::ofstream out(file, std::ios::binary);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        out.close();
        if (!out) throw util::Error(file, "cannot write");
        return file;
    }

private:
    std::filesystem::path path_;
};

void put_u16(std::string& out, unsigned value) {
    out += char(value & 0xFF);
    out += char((value >> 8) & 0xFF);
}
void put_u32(std::string& out, unsigned long value) {
    for (int shift = 0; shift < 32; shift += 8) out += char((value >> shift) & 0xFF);
}

// An uncompressed little-endian TIFF of 8-bit grey (1) or RGB (3) pixels: a format the media
// stage reads (it accepts no PPM), written without any library.
std::string tiff_of(std::string_view pixels, int width, int height, int components) {
    const unsigned entries = 10, ifd = 8, bits = ifd + 2 + entries * 12 + 4, data = bits + 8;
    std::string out = "II*";
    out += '\0';
    put_u32(out, ifd);
    put_u16(out, entries);
    auto entry = [&](unsigned tag, unsigned type, unsigned long count, unsigned long value) {
        put_u16(out, tag);
        put_u16(out, type);
        put_u32(out, count);
        if (type == 3 && count == 1) {
            put_u16(out, unsigned(value));
            put_u16(out, 0);
        } else {
            put_u32(out, value);
        }
    };
    const unsigned long size = (unsigned long)width * (unsigned long)height * (unsigned long)components;
    entry(256, 4, 1, (unsigned long)width);       // ImageWidth
    entry(257, 4, 1, (unsigned long)height);      // ImageLength
    if (components == 1) {
        entry(258, 3, 1, 8);                      // BitsPerSample
    } else {
        entry(258, 3, 3, bits);                   // BitsPerSample: 8, 8, 8 at `bits`
    }
    entry(259, 3, 1, 1);                          // Compression: none
    entry(262, 3, 1, components == 1 ? 1 : 2);   // Photometric: BlackIsZero or RGB
    entry(273, 4, 1, data);                       // StripOffsets
    entry(277, 3, 1, (unsigned long)components);  // SamplesPerPixel
    entry(278, 4, 1, (unsigned long)height);      // RowsPerStrip
    entry(279, 4, 1, size);                       // StripByteCounts
    entry(284, 3, 1, 1);                          // PlanarConfiguration: chunky
    put_u32(out, 0);
    for (int i = 0; i < 3; ++i) put_u16(out, 8);
    put_u16(out, 0);
    out.append(pixels.substr(0, size));
    return out;
}

std::string as_string(const std::shared_ptr<Buffer>& buffer) {
    return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

struct ImageRead {
    std::optional<EmbeddedImage> image;
    std::optional<media::Problem> problem;
    bool had_metadata = false;
};

ImageRead read_image(const SurveyedImage& surveyed, std::size_t index, const Scratch& scratch, const Limits& limits,
                     const media::FaceSettings& faces) {
    auto refuse = [&](const media::Problem& problem) {
        return ImageRead{.image = std::nullopt,
                         .problem = media::Problem{problem.rule, "page " + std::to_string(surveyed.page) + ": image " +
                                                                     surveyed.name + ": " + problem.message}};
    };
    EmbeddedImage image{.page = surveyed.page, .width = surveyed.width, .height = surveyed.height};
    ImageRead read;
    QPDFObjectHandle stream = surveyed.stream;
    std::filesystem::path file;
    if (surveyed.jpeg) {
        image.encoding = "jpeg";
        std::string jpeg = as_string(stream.getRawStreamData());
        read.had_metadata = !media::find_metadata(jpeg).empty();
        file = scratch.write("image-" + std::to_string(index) + ".jpg", jpeg);
        media::InspectResult inspected = media::inspect(file, media::Limits{.max_megapixels = limits.max_megapixels});
        if (inspected.problem) return refuse(*inspected.problem);
        image.has_gps = inspected.info->has_gps;
        image.people_tags = std::move(inspected.info->people_tags);
        image.face_regions = std::move(inspected.info->face_regions);
    } else {
        image.encoding = "pixels";
        std::string pixels = as_string(stream.getStreamData(qpdf_dl_all));
        std::size_t expected = std::size_t(surveyed.width) * std::size_t(surveyed.height) * std::size_t(surveyed.components);
        if (pixels.size() < expected)
            return refuse(problem(diag::rule::media_unreadable,
                                  "its pixels are shorter than its size (" + std::to_string(pixels.size()) + " of " +
                                      std::to_string(expected) + " bytes)"));
        file = scratch.write("image-" + std::to_string(index) + ".tif",
                             tiff_of(pixels, surveyed.width, surveyed.height, surveyed.components));
    }
    media::FaceResult found = media::detect_faces(file, faces);
    if (found.problem) return refuse(*found.problem);
    image.faces = std::move(*found.faces);
    std::error_code ignored;
    std::filesystem::remove(file, ignored);
    read.image = std::move(image);
    return read;
}

// The URIs of the links the clean copy keeps.
std::vector<std::string> link_uris(QPDF& qpdf) {
    std::vector<std::string> uris;
    for (QPDFObjectHandle page : qpdf.getAllPages()) {
        QPDFObjectHandle annotations = page.getKey("/Annots");
        if (!annotations.isArray()) continue;
        for (auto& link : annotations.getArrayAsVector()) {
            QPDFObjectHandle action = link.isDictionary() ? link.getKey("/A") : QPDFObjectHandle::newNull();
            if (action.isDictionary() && action.getKey("/URI").isString())
                uris.push_back(action.getKey("/URI").getStringValue());
        }
    }
    return uris;
}

Inspection refused(media::Problem problem) {
    Inspection inspection;
    inspection.problem = std::move(problem);
    return inspection;
}

}  // namespace

std::string Limits::fingerprint() const {
    std::ostringstream megapixels;
    megapixels << max_megapixels;
    return "pdf-reader=" + std::to_string(reader_version) + ";poppler=" + poppler::version_string() +
           ";qpdf=" + QPDF::QPDFVersion() + ";max_pages=" + std::to_string(max_pages) +
           ";max_bytes=" + std::to_string(max_bytes) + ";max_images=" + std::to_string(max_images) +
           ";max_megapixels=" + megapixels.str() + ";images:" +
           media::Limits{.max_megapixels = max_megapixels}.fingerprint();
}

Inspection inspect(const std::filesystem::path& file, const Limits& limits, const media::FaceSettings& faces) {
    Opened opened = open_pdf_file(file, limits);
    if (opened.problem) return refused(*opened.problem);
    QPDF& qpdf = *opened.pdf->qpdf;
    const std::string& bytes = *opened.pdf->bytes;
    Inspection inspection;
    try {
        if (auto hidden = hidden_content(qpdf)) return refused(*hidden);
        int revisions = xref_sections(bytes) - 1 - (qpdf.isLinearized() ? 1 : 0);
        inspection.removed = strip(qpdf);
        if (revisions > 0)
            inspection.removed.push_back(count_of(std::size_t(revisions), "earlier revision (incremental update)",
                                                  "earlier revisions (incremental updates)"));
        Survey surveyed = survey(qpdf, limits);
        if (surveyed.problem) return refused(*surveyed.problem);
        if (auto damaged = damage(qpdf)) return refused(*damaged);
        inspection.pages = int(qpdf.getAllPages().size());
        inspection.links = link_uris(qpdf);

        std::optional<std::vector<std::string>> text = page_text(bytes);
        if (!text || int(text->size()) != inspection.pages)
            return refused(problem(diag::rule::media_unreadable, "poppler cannot read the text of the PDF"));
        inspection.page_text = std::move(*text);

        Scratch scratch;
        std::size_t with_metadata = 0;
        for (std::size_t i = 0; i < surveyed.images.size(); ++i) {
            ImageRead read = read_image(surveyed.images[i], i, scratch, limits, faces);
            if (read.problem) return refused(*read.problem);
            if (read.had_metadata) ++with_metadata;
            inspection.images.push_back(std::move(*read.image));
        }
        if (with_metadata > 0)
            inspection.removed.push_back("metadata of " + count_of(with_metadata, "embedded JPEG", "embedded JPEGs") +
                                         " (EXIF, XMP, IPTC, comments or ICC profiles)");
        if (auto damaged = damage(qpdf)) return refused(*damaged);
    } catch (const util::Error&) {
        throw;  // an environment failure or a missing face model, not a property of the PDF
    } catch (const std::exception& e) {
        return refused(problem(diag::rule::media_unreadable, "the PDF is damaged (" + std::string(e.what()) + ")"));
    }
    return inspection;
}

}  // namespace sg::document
