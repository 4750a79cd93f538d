#include "document/pdf_survey.h"

#include <qpdf/Buffer.hh>

#include <set>
#include <string_view>
#include <sstream>

#include "diag/rule_ids.h"
#include "document/pdf_objects.h"

namespace sg::document {
namespace {

std::string megapixels(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

// The components of an 8-bit picture's colour space, or 0 when it is not grey or RGB.
int pixel_components(QPDFObjectHandle space) {
    if (space.isName()) {
        std::string name = space.getName();
        if (name == "/DeviceGray" || name == "/CalGray") return 1;
        if (name == "/DeviceRGB" || name == "/CalRGB") return 3;
        return 0;
    }
    if (!space.isArray() || space.getArrayNItems() < 1 || !space.getArrayItem(0).isName()) return 0;
    std::string family = space.getArrayItem(0).getName();
    if (family == "/CalGray") return 1;
    if (family == "/CalRGB") return 3;
    if (family == "/ICCBased" && space.getArrayNItems() >= 2 && space.getArrayItem(1).isStream()) {
        QPDFObjectHandle n = space.getArrayItem(1).getDict().getKey("/N");
        if (n.isInteger() && (n.getIntValue() == 1 || n.getIntValue() == 3)) return int(n.getIntValue());
    }
    return 0;
}

std::string describe_space(QPDFObjectHandle space) {
    if (space.isName()) return space.getName();
    if (space.isArray() && space.getArrayNItems() > 0 && space.getArrayItem(0).isName()) {
        std::string family = space.getArrayItem(0).getName();
        if (family == "/ICCBased" && space.getArrayNItems() >= 2 && space.getArrayItem(1).isStream()) {
            QPDFObjectHandle n = space.getArrayItem(1).getDict().getKey("/N");
            if (n.isInteger()) return "/ICCBased with " + std::to_string(n.getIntValue()) + " components";
        }
        return family;
    }
    return "no colour space";
}

class Walk {
public:
    Walk(const Limits& limits) : limits_(limits) {}

    void page(QPDFObjectHandle page, int number) {
        page_ = number;
        resources(page.getKey("/Resources"));
    }
    Survey take() { return std::move(survey_); }
    bool failed() const { return survey_.problem.has_value(); }

private:
    void refuse(std::string_view rule, std::string message) {
        if (!survey_.problem) survey_.problem = problem(rule, "page " + std::to_string(page_) + ": " + message);
    }
    bool first_visit(QPDFObjectHandle object) {
        return !object.isIndirect() || seen_.insert(object.getObjGen()).second;
    }

    void resources(QPDFObjectHandle resources) {
        if (failed() || !resources.isDictionary()) return;
        QPDFObjectHandle fonts = resources.getKey("/Font");
        if (fonts.isDictionary()) {
            for (const auto& key : fonts.getKeys()) font(fonts.getKey(key), key.substr(1));
        }
        QPDFObjectHandle xobjects = resources.getKey("/XObject");
        if (xobjects.isDictionary()) {
            for (const auto& key : xobjects.getKeys()) xobject(xobjects.getKey(key), key.substr(1), resources);
        }
        QPDFObjectHandle patterns = resources.getKey("/Pattern");
        if (patterns.isDictionary()) {
            for (const auto& key : patterns.getKeys()) {
                QPDFObjectHandle pattern = patterns.getKey(key);
                if (pattern.isStream() && first_visit(pattern)) this->resources(pattern.getDict().getKey("/Resources"));
            }
        }
        QPDFObjectHandle states = resources.getKey("/ExtGState");
        if (states.isDictionary()) {
            for (const auto& key : states.getKeys()) {
                QPDFObjectHandle mask = states.getKey(key);
                if (!mask.isDictionary()) continue;
                mask = mask.getKey("/SMask");
                if (!mask.isDictionary()) continue;
                QPDFObjectHandle group = mask.getKey("/G");
                if (group.isStream() && first_visit(group)) this->resources(group.getDict().getKey("/Resources"));
            }
        }
    }

    void font(QPDFObjectHandle font, const std::string& key) {
        if (failed() || !font.isDictionary() || !first_visit(font)) return;
        std::string subtype = name_at(font, "/Subtype");
        std::string name = name_at(font, "/BaseFont");
        name = name.empty() ? key : name.substr(1);
        bool mapped = font.hasKey("/ToUnicode") && font.getKey("/ToUnicode").isStream();
        if (subtype == "/Type0" && !mapped) {
            std::string encoding = name_at(font, "/Encoding");
            encoding = encoding.empty() ? "an embedded CMap" : encoding.substr(1) + " encoding";
            refuse(diag::rule::media_unsupported,
                   "font " + name + " has no text mapping (a Type0 font with " + encoding +
                       " and no /ToUnicode), so its words cannot be checked; export the PDF again with "
                       "fonts that keep their text (or print it to a new PDF)");
        } else if (subtype == "/Type3") {
            if (!mapped)
                refuse(diag::rule::media_unsupported,
                       "font " + name + " has no text mapping (a Type3 font without /ToUnicode), so its "
                                        "words cannot be checked; export the PDF again with fonts that keep "
                                        "their text (or print it to a new PDF)");
            resources(font.getKey("/Resources"));
        }
    }

    void xobject(QPDFObjectHandle object, const std::string& name, QPDFObjectHandle outer) {
        if (failed() || !object.isStream()) return;
        QPDFObjectHandle dictionary = object.getDict();
        std::string subtype = name_at(dictionary, "/Subtype");
        if (subtype == "/Form") {
            if (!first_visit(object)) return;
            QPDFObjectHandle inner = dictionary.getKey("/Resources");
            resources(inner.isDictionary() ? inner : outer);
        } else if (subtype == "/Image") {
            image(object, name);
        } else {
            refuse(diag::rule::media_unsupported,
                   "XObject " + name + " is " + (subtype.empty() ? "of no known kind" : subtype.substr(1)) +
                       ", which schoolgate cannot check");
        }
    }

    void image(QPDFObjectHandle stream, const std::string& name) {
        if (!first_visit(stream)) return;
        QPDFObjectHandle dictionary = stream.getDict();
        QPDFObjectHandle stencil = dictionary.getKey("/ImageMask");
        if (stencil.isBool() && stencil.getBoolValue()) return;
        QPDFObjectHandle width = dictionary.getKey("/Width"), height = dictionary.getKey("/Height");
        if (!width.isInteger() || !height.isInteger() || width.getIntValue() <= 0 || height.getIntValue() <= 0 ||
            width.getIntValue() > 1'000'000 || height.getIntValue() > 1'000'000) {
            refuse(diag::rule::media_unreadable, "image " + name + " has no usable size");
            return;
        }
        SurveyedImage image{.stream = stream,
                            .page = page_,
                            .name = name,
                            .width = int(width.getIntValue()),
                            .height = int(height.getIntValue())};
        if (int(survey_.images.size()) >= limits_.max_images) {
            survey_.problem = problem(diag::rule::media_too_large, "the PDF has more images than the limit of " +
                                                                       std::to_string(limits_.max_images));
            return;
        }
        if (double(image.width) * double(image.height) > limits_.max_megapixels * 1e6) {
            refuse(diag::rule::media_too_large, "image " + name + " is " + std::to_string(image.width) + "x" +
                                                    std::to_string(image.height) + " pixels, more than the limit of " +
                                                    megapixels(limits_.max_megapixels) + " megapixels");
            return;
        }
        std::vector<std::string> filters = filters_of(stream);
        std::string chain;
        for (const auto& filter : filters) chain += (chain.empty() ? "" : " ") + filter;
        if (filters.size() == 1 && filters[0] == "/DCTDecode") {
            image.jpeg = true;
            std::shared_ptr<Buffer> raw = stream.getRawStreamData();
            image.components =
                jpeg_components(std::string_view(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize()));
            if (image.components == 0) {
                refuse(diag::rule::media_unreadable, "image " + name + " is a JPEG whose frame header cannot be read");
                return;
            }
            if (image.components != 1 && image.components != 3) {
                refuse(diag::rule::media_unsupported,
                       "image " + name + " is a JPEG with " + std::to_string(image.components) +
                           " colour components" + (image.components == 4 ? " (CMYK)" : "") + ", which schoolgate cannot rewrite; export pictures as "
                           "RGB or greyscale");
                return;
            }
            survey_.images.push_back(std::move(image));
            return;
        }
        static const std::set<std::string> decodable{"/FlateDecode", "/LZWDecode", "/RunLengthDecode",
                                                     "/ASCII85Decode", "/ASCIIHexDecode"};
        for (const auto& filter : filters) {
            if (!decodable.count(filter)) {
                refuse(diag::rule::media_unsupported,
                       "image " + name + " is encoded with " + chain +
                           ", which schoolgate cannot read (JPEG 2000, JBIG2, fax or a JPEG inside other "
                           "filters); export pictures as JPEG");
                return;
            }
        }
        QPDFObjectHandle bits = dictionary.getKey("/BitsPerComponent");
        image.components = pixel_components(dictionary.getKey("/ColorSpace"));
        if (!bits.isInteger() || bits.getIntValue() != 8 || image.components == 0) {
            refuse(diag::rule::media_unsupported,
                   "image " + name + " has " + describe_space(dictionary.getKey("/ColorSpace")) + " at " +
                       (bits.isInteger() ? std::to_string(bits.getIntValue()) : std::string("?")) +
                       " bits per component, which schoolgate cannot read (8-bit grey or RGB only); "
                       "export pictures as JPEG");
            return;
        }
        survey_.images.push_back(std::move(image));
    }

    const Limits& limits_;
    Survey survey_;
    int page_ = 0;
    std::set<QPDFObjGen> seen_;
};

}  // namespace

std::optional<media::Problem> hidden_content(QPDF& qpdf) {
    QPDFObjectHandle properties = qpdf.getRoot().getKey("/OCProperties");
    if (!properties.isDictionary()) return std::nullopt;
    QPDFObjectHandle configuration = properties.getKey("/D");
    QPDFObjectHandle groups = properties.getKey("/OCGs");
    bool hidden = false;
    if (configuration.isDictionary()) {
        QPDFObjectHandle off = configuration.getKey("/OFF");
        if (off.isArray() && off.getArrayNItems() > 0) hidden = true;
        if (name_at(configuration, "/BaseState") == "/OFF" && groups.isArray()) {
            // Every group starts off; only those listed in /ON are shown.
            std::set<QPDFObjGen> on;
            QPDFObjectHandle listed = configuration.getKey("/ON");
            if (listed.isArray()) {
                for (auto& group : listed.getArrayAsVector()) on.insert(group.getObjGen());
            }
            for (auto& group : groups.getArrayAsVector()) {
                if (!group.isIndirect() || !on.count(group.getObjGen())) hidden = true;
            }
        }
    }
    if (groups.isArray()) {
        for (auto& group : groups.getArrayAsVector()) {
            QPDFObjectHandle usage = group.isDictionary() ? group.getKey("/Usage") : QPDFObjectHandle::newNull();
            if (!usage.isDictionary()) continue;
            for (const char* event : {"/View", "/Print"}) {
                QPDFObjectHandle state = usage.getKey(event);
                if (state.isDictionary() && (name_at(state, "/ViewState") == "/OFF" || name_at(state, "/PrintState") == "/OFF"))
                    hidden = true;
            }
        }
    }
    if (!hidden) return std::nullopt;
    return problem(diag::rule::media_unsupported,
                   "the PDF has hidden optional content (layers switched off), which the text and photo "
                   "checks cannot see; export it again without hidden layers");
}

int jpeg_components(std::string_view bytes) {
    if (bytes.size() < 4 || (unsigned char)bytes[0] != 0xFF || (unsigned char)bytes[1] != 0xD8) return 0;
    std::size_t at = 2;
    while (at + 4 <= bytes.size()) {
        if ((unsigned char)bytes[at] != 0xFF) return 0;
        unsigned char marker = (unsigned char)bytes[at + 1];
        if (marker == 0xFF) {
            ++at;
            continue;
        }
        std::size_t length = ((unsigned char)bytes[at + 2] << 8) | (unsigned char)bytes[at + 3];
        bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) return at + 9 < bytes.size() ? (unsigned char)bytes[at + 9] : 0;
        if (marker == 0xDA || length < 2) return 0;
        at += 2 + length;
    }
    return 0;
}

Survey survey(QPDF& qpdf, const Limits& limits) {
    Walk walk(limits);
    int number = 0;
    for (QPDFObjectHandle page : qpdf.getAllPages()) {
        walk.page(page, ++number);
        if (walk.failed()) break;
    }
    return walk.take();
}

}  // namespace sg::document
