// find_leftovers: written PDF bytes read back, against the lists strip() keeps to.
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>

#include <algorithm>
#include <set>

#include "document/pdf.h"
#include "document/pdf_clean.h"
#include "document/pdf_objects.h"
#include "media/image.h"

namespace sg::document {
namespace {

// Findings in first-seen order, each with how often it was seen.
class Findings {
public:
    void add(const std::string& what) {
        auto found = std::find_if(items_.begin(), items_.end(), [&](const auto& item) { return item.first == what; });
        if (found == items_.end()) {
            items_.emplace_back(what, 1);
        } else {
            ++found->second;
        }
    }
    std::vector<std::string> take() const {
        std::vector<std::string> out;
        for (const auto& [what, count] : items_)
            out.push_back(count == 1 ? what : what + " (" + std::to_string(count) + " times)");
        return out;
    }

private:
    std::vector<std::pair<std::string, int>> items_;
};

const std::set<std::string> annotation_types{
    "/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine", "/Highlight",
    "/Underline", "/Squiggly", "/StrikeOut", "/Stamp", "/Caret", "/Ink", "/Popup", "/FileAttachment",
    "/Sound", "/Movie", "/Widget", "/Screen", "/PrinterMark", "/TrapNet", "/Watermark", "/3D", "/Redact",
    "/Projection", "/RichMedia"};

void check_catalog(QPDF& qpdf, Findings& found) {
    QPDFObjectHandle root = qpdf.getRoot();
    for (const auto& key : root.getKeys()) {
        if (!kept_in_catalog(key)) found.add("document-level " + key);
    }
    QPDFObjectHandle names = root.getKey("/Names");
    if (names.isDictionary()) {
        for (const auto& key : names.getKeys()) {
            if (key != "/Dests") found.add("/Names " + key + (key == "/EmbeddedFiles" ? " (attachments)" : ""));
        }
    }
    QPDFObjectHandle trailer = qpdf.getTrailer();
    for (const auto& key : trailer.getKeys()) {
        if (key == "/Info") {
            found.add("Info dictionary");
        } else if (key != "/Root" && key != "/Size" && key != "/ID") {
            found.add("trailer entry " + key);
        }
    }
    for (QPDFObjectHandle page : qpdf.getAllPages()) {
        for (const auto& key : page.getKeys()) {
            if (!kept_in_page(key)) found.add("page entry " + key);
        }
    }
}

void check_link(QPDFObjectHandle link, Findings& found) {
    for (const auto& key : link.getKeys()) {
        if (!kept_in_link(key)) found.add("link entry " + key);
    }
    QPDFObjectHandle action = link.getKey("/A");
    if (!link.hasKey("/A")) return;
    std::string type = name_at(action, "/S");
    if (!action.isDictionary() || (type != "/URI" && type != "/GoTo")) {
        found.add("a link action other than URI or GoTo" + (type.empty() ? "" : " (" + type + ")"));
        return;
    }
    for (const auto& key : action.getKeys()) {
        if (key != "/S" && key != "/URI" && key != "/D") found.add("link action entry " + key);
    }
}

void check_jpeg(QPDFObjectHandle stream, Findings& found) {
    std::vector<std::string> filters = filters_of(stream);
    if (std::find(filters.begin(), filters.end(), "/DCTDecode") == filters.end()) return;
    if (filters.size() != 1) {
        found.add("a JPEG inside other filters");
        return;
    }
    std::shared_ptr<Buffer> raw = stream.getRawStreamData();
    std::vector<std::string> metadata =
        media::find_metadata(std::string_view(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize()));
    if (metadata.empty()) return;
    std::string list;
    for (const auto& item : metadata) list += (list.empty() ? "" : ", ") + item;
    found.add("an embedded JPEG with " + list);
}

}  // namespace

std::vector<std::string> find_leftovers(std::string_view bytes) {
    QPDF qpdf;
    qpdf.setSuppressWarnings(true);
    qpdf.setAttemptRecovery(false);
    Findings found;
    try {
        qpdf.processMemoryFile("the clean copy", bytes.data(), bytes.size(), "");
        if (qpdf.isEncrypted()) return {"encryption"};
        int sections = xref_sections(bytes);
        if (sections != 1)
            found.add("an incremental update (" + std::to_string(sections) + " cross-reference sections, not 1)");
        check_catalog(qpdf, found);
        for_each_object(qpdf.getTrailer(), [&](QPDFObjectHandle& object) {
            QPDFObjectHandle dictionary = dictionary_of(object);
            for (const auto& [key, what] : removed_everywhere()) {
                if (dictionary.hasKey(key)) found.add(what);
            }
            std::string type = name_at(dictionary, "/Type"), subtype = name_at(dictionary, "/Subtype");
            if (type == "/EmbeddedFile" || dictionary.hasKey("/EF")) found.add("an attachment");
            if (name_at(dictionary, "/S") == "/JavaScript" || dictionary.hasKey("/JS")) found.add("JavaScript");
            if (type == "/Action" && name_at(dictionary, "/S") != "/URI" && name_at(dictionary, "/S") != "/GoTo")
                found.add("an action (" + name_at(dictionary, "/S") + ")");
            if (dictionary.hasKey("/FT") || dictionary.hasKey("/Fields")) found.add("form fields");
            if (dictionary.hasKey("/Rect") && (type == "/Annot" || annotation_types.count(subtype))) {
                if (subtype == "/Link") {
                    check_link(dictionary, found);
                } else {
                    found.add("an annotation (" + (subtype.empty() ? std::string("no subtype") : subtype) + ")");
                }
            }
            if (object.isStream()) check_jpeg(object, found);
        });
        if (auto damaged = damage(qpdf)) found.add(damaged->message);
    } catch (const std::exception& e) {
        return {"unreadable PDF (" + std::string(e.what()) + ")"};
    }
    return found.take();
}

}  // namespace sg::document
