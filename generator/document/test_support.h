// Shared helpers for the document stage's tests: real PDFs made with cairo's PDF surface (text,
// embedded JPEGs, links), altered with qpdf's API, and read back. Header-only so it stays out of
// the sg_document library.
#pragma once
#include <cairo-pdf.h>
#include <cairo.h>
#include <doctest/doctest.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "media/image.h"
#include "media/test_support.h"
#include "util/fs.h"

namespace sg::document::testing {

using media::testing::fixture;
using media::testing::joined;
using media::testing::TempDir;

// A photo on a page: a JPEG file embedded as it is (DCTDecode), or, with `as_pixels`, its decoded
// pixels (cairo compresses them with Flate).
struct Photo {
    std::filesystem::path file;
    bool as_pixels = false;
};

struct Page {
    std::vector<std::string> lines;
    std::vector<Photo> photos;
    // A URI the first line links to, if any. cairo 1.16 writes such a PDF damaged (its link points
    // into a structure tree it never writes): see with_link.
    std::string link;
};

struct Document {
    std::vector<Page> pages;
    std::string author;  // the Info dictionary's /Author, if any
};

inline cairo_status_t append_to(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// A cairo image surface for `photo`: blank pixels carrying the JPEG bytes as mime data (so cairo
// embeds the JPEG itself), or the photo's own pixels.
inline cairo_surface_t* photo_surface(const Photo& photo) {
    vips::VImage image = vips::VImage::new_from_file(photo.file.c_str(), vips::VImage::option()->set("autorotate", false));
    int width = image.width(), height = image.height();
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    if (photo.as_pixels) {
        vips::VImage rgb = image.colourspace(VIPS_INTERPRETATION_sRGB).extract_band(0, vips::VImage::option()->set("n", 3));
        std::size_t size = 0;
        auto* pixels = static_cast<unsigned char*>(rgb.write_to_memory(&size));
        cairo_surface_flush(surface);
        unsigned char* data = cairo_image_surface_get_data(surface);
        int stride = cairo_image_surface_get_stride(surface);
        for (int y = 0; y < height; ++y) {
            auto* row = reinterpret_cast<uint32_t*>(data + std::size_t(y) * stride);
            for (int x = 0; x < width; ++x) {
                const unsigned char* p = pixels + (std::size_t(y) * width + x) * 3;
                row[x] = (uint32_t(p[0]) << 16) | (uint32_t(p[1]) << 8) | uint32_t(p[2]);
            }
        }
        g_free(pixels);
        cairo_surface_mark_dirty(surface);
    } else {
        std::string jpeg = util::read_file(photo.file);
        auto* copy = static_cast<unsigned char*>(std::malloc(jpeg.size()));
        std::memcpy(copy, jpeg.data(), jpeg.size());
        cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy, jpeg.size(), std::free, copy);
    }
    return surface;
}

// A real A4 PDF from cairo: each page's lines in Helvetica-like text, its photos below them.
inline std::string make_pdf(const Document& document) {
    std::string bytes;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to, &bytes, 595, 842);
    if (!document.author.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, document.author.c_str());
    cairo_t* cr = cairo_create(surface);
    for (const Page& page : document.pages) {
        cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, 14);
        double y = 60;
        for (std::size_t i = 0; i < page.lines.size(); ++i) {
            bool linked = i == 0 && !page.link.empty();
            if (linked) cairo_tag_begin(cr, CAIRO_TAG_LINK, ("uri='" + page.link + "'").c_str());
            cairo_move_to(cr, 50, y);
            cairo_show_text(cr, page.lines[i].c_str());
            if (linked) cairo_tag_end(cr, CAIRO_TAG_LINK);
            y += 24;
        }
        for (const Photo& photo : page.photos) {
            cairo_surface_t* image = photo_surface(photo);
            double scale = 240.0 / cairo_image_surface_get_width(image);
            cairo_save(cr);
            cairo_translate(cr, 50, y);
            cairo_scale(cr, scale, scale);
            cairo_set_source_surface(cr, image, 0, 0);
            cairo_paint(cr);
            cairo_restore(cr);
            y += cairo_image_surface_get_height(image) * scale + 20;
            cairo_surface_destroy(image);
        }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    REQUIRE(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(surface);
    return bytes;
}

inline std::string buffer_string(const std::shared_ptr<Buffer>& buffer) {
    return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

inline QPDFObjectHandle first_page(QPDF& qpdf) {
    return qpdf.getAllPages().at(0);
}

// `bytes` opened with qpdf, changed by `edit`, and written again in full by QPDFWriter (classic
// cross-reference table, no object streams), after `configure` set up the writer.
inline std::string edit_pdf(const std::string& bytes, const std::function<void(QPDF&)>& edit,
                            const std::function<void(QPDFWriter&)>& configure = nullptr) {
    QPDF qpdf;
    qpdf.processMemoryFile("test", bytes.data(), bytes.size());
    edit(qpdf);
    QPDFWriter writer(qpdf);
    writer.setOutputMemory();
    writer.setObjectStreamMode(qpdf_o_disable);
    writer.setStaticID(true);
    if (configure) configure(writer);
    writer.write();
    return buffer_string(writer.getBufferSharedPointer());
}

// `bytes` with a link to `uri` over the top of the first page, as a word processor writes one.
inline std::string with_link(const std::string& bytes, const std::string& uri) {
    return edit_pdf(bytes, [&](QPDF& qpdf) {
        QPDFObjectHandle link = QPDFObjectHandle::parse("<< /Type /Annot /Subtype /Link /Rect [50 780 300 800] "
                                                        "/BS << /W 0 >> /A << /Type /Action /S /URI >> >>");
        link.getKey("/A").replaceKey("/URI", QPDFObjectHandle::newString(uri));
        first_page(qpdf).replaceKey("/Annots", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{
                                                   qpdf.makeIndirectObject(link)}));
    });
}

// `bytes` with every stream decoded that qpdf can decode (QDF form): what a `grep` of the file's
// content sees.
inline std::string expanded(const std::string& bytes) {
    return edit_pdf(bytes, [](QPDF&) {}, [](QPDFWriter& writer) {
        writer.setQDFMode(true);
        writer.setDecodeLevel(qpdf_dl_generalized);
    });
}

// Appends `content` (an uncompressed content stream) to the first page, with Helvetica as /FX.
inline void draw_on_first_page(QPDF& qpdf, const std::string& content) {
    QPDFObjectHandle page = first_page(qpdf);
    QPDFObjectHandle fonts = page.getKey("/Resources").getKey("/Font");
    fonts.replaceKey("/FX", QPDFObjectHandle::parse("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
    page.addPageContents(qpdf.newStream(content), false);
}

// The raw bytes of every DCTDecode stream in `bytes`.
inline std::vector<std::string> embedded_jpegs(const std::string& bytes) {
    QPDF qpdf;
    qpdf.processMemoryFile("test", bytes.data(), bytes.size());
    std::vector<std::string> jpegs;
    for (auto& object : qpdf.getAllObjects()) {
        if (object.isStream() && object.getDict().getKey("/Filter").isName() &&
            object.getDict().getKey("/Filter").getName() == "/DCTDecode")
            jpegs.push_back(buffer_string(object.getRawStreamData()));
    }
    return jpegs;
}

inline bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

inline bool any_contains(const std::vector<std::string>& items, std::string_view needle) {
    for (const auto& item : items) {
        if (contains(item, needle)) return true;
    }
    return false;
}

}  // namespace sg::document::testing
