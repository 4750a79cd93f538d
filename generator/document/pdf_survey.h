// What a (stripped) PDF draws that the gate must understand before it can pass it: fonts whose
// text can be extracted, no hidden optional content, and images it can read. Internal to the
// document stage.
#pragma once
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <optional>
#include <string>
#include <vector>

#include "document/pdf.h"
#include "media/image.h"

namespace sg::document {

// An image XObject a page draws (directly, through form XObjects, patterns, soft-mask groups or
// Type 3 glyphs), once however often it is drawn. Stencil masks (/ImageMask) are not pictures and
// are not listed; nor are soft masks and masks, which are reached through an image, never drawn.
struct SurveyedImage {
    QPDFObjectHandle stream;
    int page = 0;      // the first page that draws it, 1-based
    std::string name;  // its resource name, without the slash ("Im1")
    int width = 0, height = 0;
    bool jpeg = false;   // /DCTDecode alone: the stream's bytes are a JPEG file
    int components = 0;  // 1 (grey) or 3 (RGB)
};

struct Survey {
    std::vector<SurveyedImage> images;
    std::optional<media::Problem> problem;  // the first reason the document cannot pass
};

// Refuses (media.unsupported) a Type0 or Type3 font without /ToUnicode,
// a PostScript XObject, an image in a format it cannot read (JPEG 2000, JBIG2, CCITT, a JPEG
// inside other filters, other than 8-bit grey or RGB pixels, a CMYK JPEG); media.too-large past
// max_images or max_megapixels; media.unreadable an image without a usable size.
Survey survey(QPDF& qpdf, const Limits& limits);

// media.unsupported when the document's default configuration hides optional content (layers
// switched off): poppler, like a viewer, would not show the text check what they hold. Called
// before strip(), which removes the configuration.
std::optional<media::Problem> hidden_content(QPDF& qpdf);

// The number of components of the JPEG in `bytes` (its first SOF segment), or 0.
int jpeg_components(std::string_view bytes);

}  // namespace sg::document
