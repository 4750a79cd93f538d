#include "document/pdf_clean.h"

#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "document/pdf_objects.h"

namespace sg::document {
namespace {

const std::set<std::string> catalog_keeps{"/Type", "/Pages", "/Version", "/PageLayout", "/PageMode",
                                           "/ViewerPreferences", "/Lang", "/Dests", "/Names"};
const std::set<std::string> page_keeps{"/Type", "/Parent", "/Resources", "/MediaBox", "/CropBox",
                                        "/BleedBox", "/TrimBox", "/ArtBox", "/Contents", "/Rotate",
                                        "/Group", "/Annots", "/UserUnit", "/Tabs"};
const std::set<std::string> link_keeps{"/Type", "/Subtype", "/Rect", "/Border", "/BS", "/C", "/H",
                                        "/QuadPoints", "/F", "/Dest"};
// Removed from every object the document keeps. /StructParent(s) point into the structure tree,
// which goes.
const std::vector<std::pair<std::string, std::string>> everywhere{
    {"/Metadata", "XMP metadata"},
    {"/PieceInfo", "page-piece data"},
    {"/AF", "associated files"},
    {"/Thumb", "a thumbnail"},
    {"/AA", "additional actions"},
    {"/OPI", "an OPI reference"},
    {"/Alternates", "alternate images"},
    {"/StructParent", "a structure tree reference"},
    {"/StructParents", "structure tree references"}};

// Catalog entries that go, as review names them; any other is listed by its key.
const std::map<std::string, std::string> catalog_labels{
    {"/Outlines", "outlines (bookmarks)"},
    {"/StructTreeRoot", "structure tree (tags, alternate text)"},
    {"/PageLabels", "page labels"},
    {"/OpenAction", "document actions"},
    {"/AA", "document actions"},
    {"/OCProperties", "optional content configuration (all layers were visible)"},
    {"/Threads", "article threads"},
    {"/SpiderInfo", "web capture data"},
    {"/OutputIntents", "output intents (colour profiles)"},
    {"/Perms", "permissions (signatures)"},
    {"/Legal", "legal attestation"},
    {"/Collection", "portfolio layout"},
    {"/URI", "base URI"},
};
// Catalog entries whose removal is said elsewhere (counted in the sweep) or says nothing.
const std::set<std::string> catalog_silent{"/Metadata", "/AcroForm", "/MarkInfo", "/PieceInfo", "/AF",
                                           "/Extensions", "/NeedsRendering", "/Requirements", "/DSS"};

class Report {
public:
    void add(const std::string& item) {
        if (std::find(items_.begin(), items_.end(), item) == items_.end()) items_.push_back(item);
    }
    std::vector<std::string> take() { return std::move(items_); }

private:
    std::vector<std::string> items_;
};

std::string list_of(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

// What the whole document holds before anything goes: counted once, from the trailer.
void survey_everything(QPDF& qpdf, Report& report) {
    std::size_t xmp = 0, attachments = 0, pieces = 0, thumbnails = 0, actions = 0, alternates = 0;
    bool javascript = false;
    for_each_object(qpdf.getTrailer(), [&](QPDFObjectHandle& object) {
        QPDFObjectHandle dictionary = dictionary_of(object);
        if (dictionary.hasKey("/Metadata") && dictionary.getKey("/Metadata").isStream()) ++xmp;
        if (name_at(dictionary, "/Type") == "/EmbeddedFile" && object.isStream()) ++attachments;
        if (dictionary.hasKey("/PieceInfo")) ++pieces;
        if (dictionary.hasKey("/Thumb")) ++thumbnails;
        if (dictionary.hasKey("/AA")) ++actions;
        if (dictionary.hasKey("/Alternates") || dictionary.hasKey("/OPI")) ++alternates;
        if (name_at(dictionary, "/S") == "/JavaScript" || dictionary.hasKey("/JS")) javascript = true;
    });
    QPDFObjectHandle names = qpdf.getRoot().getKey("/Names");
    if (names.isDictionary() && names.hasKey("/JavaScript")) javascript = true;
    if (xmp == 1) report.add("XMP metadata");
    if (xmp > 1) report.add("XMP metadata (" + std::to_string(xmp) + " objects)");
    if (attachments > 0) report.add(count_of(attachments, "attachment", "attachments"));
    if (javascript) report.add("JavaScript");
    if (actions > 0) report.add(count_of(actions, "set of additional actions", "sets of additional actions"));
    if (pieces > 0) report.add("page-piece data (" + count_of(pieces, "object", "objects") + ")");
    if (thumbnails > 0) report.add(count_of(thumbnails, "page thumbnail", "page thumbnails"));
    if (alternates > 0) report.add(count_of(alternates, "image with alternates or OPI references",
                                            "images with alternates or OPI references"));
}

void strip_trailer(QPDF& qpdf, Report& report) {
    QPDFObjectHandle trailer = qpdf.getTrailer();
    QPDFObjectHandle info = trailer.getKey("/Info");
    if (info.isDictionary()) {
        std::vector<std::string> keys;
        for (const auto& key : info.getKeys()) keys.push_back(key.substr(1));
        report.add(keys.empty() ? "Info dictionary" : "Info dictionary (" + list_of(keys) + ")");
    }
    for (const auto& key : trailer.getKeys()) {
        if (key != "/Root" && key != "/Size") trailer.removeKey(key);
    }
}

void strip_catalog(QPDF& qpdf, Report& report) {
    QPDFObjectHandle root = qpdf.getRoot();
    std::vector<std::string> others;
    QPDFObjectHandle form = root.getKey("/AcroForm");
    if (form.isDictionary() && form.getKey("/Fields").isArray()) {
        int fields = form.getKey("/Fields").getArrayNItems();
        if (fields > 0) report.add(count_of(std::size_t(fields), "form field", "form fields"));
    }
    for (const auto& key : root.getKeys()) {
        if (catalog_keeps.count(key)) continue;
        if (auto label = catalog_labels.find(key); label != catalog_labels.end()) {
            report.add(label->second);
        } else if (!catalog_silent.count(key)) {
            others.push_back(key);
        }
        root.removeKey(key);
    }
    std::string mode = name_at(root, "/PageMode");
    if (root.hasKey("/PageMode") && mode != "/UseNone" && mode != "/FullScreen") root.removeKey("/PageMode");
    QPDFObjectHandle names = root.getKey("/Names");
    if (names.isDictionary()) {
        QPDFObjectHandle kept = QPDFObjectHandle::newDictionary();
        for (const auto& key : names.getKeys()) {
            if (key == "/Dests") {
                kept.replaceKey(key, names.getKey(key));
            } else if (key == "/EmbeddedFiles" || key == "/JavaScript") {
                // Counted by survey_everything.
            } else {
                others.push_back("/Names " + key);
            }
        }
        if (kept.getKeys().empty()) {
            root.removeKey("/Names");
        } else {
            root.replaceKey("/Names", kept);
        }
    } else if (root.hasKey("/Names")) {
        root.removeKey("/Names");
    }
    if (!others.empty()) report.add("other document-level data (" + list_of(others) + ")");
}

// A link's /A when it is a URI or GoTo action, rebuilt with nothing else (no /Next chain).
std::optional<QPDFObjectHandle> kept_action(QPDFObjectHandle action) {
    if (!action.isDictionary()) return std::nullopt;
    std::string type = name_at(action, "/S");
    QPDFObjectHandle kept = QPDFObjectHandle::newDictionary();
    if (type == "/URI" && action.getKey("/URI").isString()) {
        kept.replaceKey("/URI", action.getKey("/URI"));
    } else if (type == "/GoTo" && (action.getKey("/D").isName() || action.getKey("/D").isString() ||
                                   action.getKey("/D").isArray())) {
        kept.replaceKey("/D", action.getKey("/D"));
    } else {
        return std::nullopt;
    }
    kept.replaceKey("/S", QPDFObjectHandle::newName(type));
    return kept;
}

void strip_pages(QPDF& qpdf, Report& report) {
    qpdf.pushInheritedAttributesToPage();
    std::vector<QPDFObjectHandle> pages = qpdf.getAllPages();
    // One level of page tree: intermediate /Pages nodes could carry anything.
    QPDFObjectHandle tree = QPDFObjectHandle::newDictionary();
    tree.replaceKey("/Type", QPDFObjectHandle::newName("/Pages"));
    tree.replaceKey("/Kids", QPDFObjectHandle::newArray(pages));
    tree.replaceKey("/Count", QPDFObjectHandle::newInteger(static_cast<long long>(pages.size())));
    tree = qpdf.makeIndirectObject(tree);
    qpdf.getRoot().replaceKey("/Pages", tree);

    std::map<std::string, std::size_t> dropped_annotations, dropped_actions;
    std::size_t beads = 0;
    for (QPDFObjectHandle& page : pages) {
        page.replaceKey("/Parent", tree);
        if (page.hasKey("/B")) ++beads;
        for (const auto& key : page.getKeys()) {
            if (!page_keeps.count(key)) page.removeKey(key);
        }
        QPDFObjectHandle annotations = page.getKey("/Annots");
        if (!page.hasKey("/Annots")) continue;
        QPDFObjectHandle links = QPDFObjectHandle::newArray();
        if (annotations.isArray()) {
            for (auto& annotation : annotations.getArrayAsVector()) {
                if (!annotation.isDictionary()) continue;
                std::string subtype = name_at(annotation, "/Subtype");
                if (subtype != "/Link" || !annotation.getKey("/Rect").isArray()) {
                    ++dropped_annotations[subtype.empty() ? "unknown" : subtype.substr(1)];
                    continue;
                }
                QPDFObjectHandle link = QPDFObjectHandle::newDictionary();
                for (const auto& key : annotation.getKeys()) {
                    if (link_keeps.count(key)) link.replaceKey(key, annotation.getKey(key));
                }
                if (annotation.hasKey("/A")) {
                    if (auto action = kept_action(annotation.getKey("/A"))) {
                        link.replaceKey("/A", *action);
                    } else {
                        std::string type = name_at(annotation.getKey("/A"), "/S");
                        ++dropped_actions[type.empty() ? "unknown" : type.substr(1)];
                    }
                }
                link.replaceKey("/P", page);
                links.appendItem(qpdf.makeIndirectObject(link));
            }
        }
        if (links.getArrayNItems() == 0) {
            page.removeKey("/Annots");
        } else {
            page.replaceKey("/Annots", links);
        }
    }
    qpdf.updateAllPagesCache();
    auto describe = [](const std::map<std::string, std::size_t>& counts) {
        std::size_t total = 0;
        std::vector<std::string> kinds;
        for (const auto& [kind, count] : counts) {
            total += count;
            kinds.push_back(kind);
        }
        return std::pair{total, list_of(kinds)};
    };
    if (auto [total, kinds] = describe(dropped_annotations); total > 0)
        report.add(count_of(total, "annotation", "annotations") + " other than links (" + kinds + ")");
    if (auto [total, kinds] = describe(dropped_actions); total > 0)
        report.add(count_of(total, "link action", "link actions") + " other than URI and GoTo (" + kinds + ")");
    if (beads > 0) report.add("article beads on " + count_of(beads, "page", "pages"));
}

// Content-stream comments: never drawn, so never seen by the text check, yet they can say anything.
class DropComments : public QPDFObjectHandle::TokenFilter {
public:
    void handleToken(QPDFTokenizer::Token const& token) override {
        if (token.getType() != QPDFTokenizer::tt_comment) writeToken(token);
    }
};

// Every content stream the pages draw (their own, form XObjects', tiling patterns' and Type 3
// glyphs') written without comments. The filter runs as the stream is written.
void drop_comments(QPDF& qpdf) {
    auto filter = std::make_shared<DropComments>();
    for (QPDFObjectHandle page : qpdf.getAllPages()) QPDFPageObjectHelper(page).addContentTokenFilter(filter);
    for_each_object(qpdf.getRoot(), [&](QPDFObjectHandle& object) {
        if (!object.isStream()) return;
        QPDFObjectHandle dictionary = object.getDict();
        std::string subtype = name_at(dictionary, "/Subtype");
        bool content = subtype == "/Form" || (dictionary.getKey("/PatternType").isInteger() &&
                                              dictionary.getKey("/PatternType").getIntValue() == 1);
        if (content) object.addTokenFilter(filter);
    });
    for_each_object(qpdf.getRoot(), [&](QPDFObjectHandle& object) {
        if (name_at(object, "/Subtype") != "/Type3" || !object.getKey("/CharProcs").isDictionary()) return;
        QPDFObjectHandle procedures = object.getKey("/CharProcs");
        for (const auto& key : procedures.getKeys()) {
            QPDFObjectHandle glyph = procedures.getKey(key);
            if (glyph.isStream()) glyph.addTokenFilter(filter);
        }
    });
}

}  // namespace

bool kept_in_catalog(const std::string& key) { return catalog_keeps.count(key) > 0; }
bool kept_in_page(const std::string& key) { return page_keeps.count(key) > 0; }
bool kept_in_link(const std::string& key) { return link_keeps.count(key) > 0 || key == "/A" || key == "/P"; }
const std::vector<std::pair<std::string, std::string>>& removed_everywhere() { return everywhere; }

std::vector<std::string> strip(QPDF& qpdf) {
    Report report;
    survey_everything(qpdf, report);
    strip_trailer(qpdf, report);
    strip_catalog(qpdf, report);
    strip_pages(qpdf, report);
    for (QPDFObjectHandle page : qpdf.getAllPages()) QPDFPageObjectHelper(page).externalizeInlineImages(0);
    QPDFPageDocumentHelper(qpdf).removeUnreferencedResources();
    drop_comments(qpdf);
    for_each_object(qpdf.getRoot(), [](QPDFObjectHandle& object) {
        QPDFObjectHandle dictionary = dictionary_of(object);
        for (const auto& entry : everywhere) {
            if (dictionary.hasKey(entry.first)) dictionary.removeKey(entry.first);
        }
    });
    return report.take();
}

}  // namespace sg::document
