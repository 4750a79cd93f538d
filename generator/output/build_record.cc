#include "output/build_record.h"

#include <nlohmann/json.hpp>

#include "util/error.h"

namespace sg::output {

using nlohmann::json;

namespace {

// A photo, or a document with its title in `alt_key`.
json image_json(const PhotoRecord& photo, const char* alt_key) {
    json consents = json::array();
    for (const auto& consent : photo.consents)
        consents.push_back({{"person", consent.person},
                            {"channel", consent.channel},
                            {"granted_on", consent.granted_on},
                            {"expires_on", consent.expires_on}});
    return {{"src", photo.src},         {alt_key, photo.alt},
            {"outputs", photo.outputs}, {"people", photo.people},
            {"declaration", photo.declaration}, {"consents", std::move(consents)}};
}

}  // namespace

// Values are moved into their parents, never copied: a record of a large site holds thousands.
std::string BuildRecord::to_json() const {
    json record;
    record["version"] = 1;
    record["date"] = date;
    record["built_with"] = built_with;
    json page_list = json::array();
    for (const auto& page : pages) {
        json photos = json::array(), documents = json::array();
        for (const auto& photo : page.photos) photos.push_back(image_json(photo, "alt"));
        for (const auto& document : page.documents) documents.push_back(image_json(document, "title"));
        json entry = {{"source", page.source}, {"url", page.url}, {"hash", page.hash}, {"photos", std::move(photos)},
                      {"text", page.text}};
        if (!documents.empty()) entry["documents"] = std::move(documents);
        page_list.push_back(std::move(entry));
    }
    record["pages"] = std::move(page_list);
    record["withheld"] = json::array();
    for (const auto& item : withheld) record["withheld"].push_back({{"source", item.source}, {"rules", item.rules}});
    record["out"] = out;
    record["require_approval"] = require_approval;
    json listed = json::object();
    for (const auto& [path, file] : files) {
        json entry = {{"size", file.size}};
        if (!file.sha256.empty()) entry["sha256"] = file.sha256;
        listed[path] = std::move(entry);
    }
    record["files"] = std::move(listed);
    return record.dump(2) + "\n";
}

namespace {

std::string text_of(const json& object, const char* key) {
    auto found = object.find(key);
    if (found == object.end() || found->is_null()) return {};
    return found->get<std::string>();
}

std::vector<std::string> strings_of(const json& object, const char* key) {
    auto found = object.find(key);
    if (found == object.end() || found->is_null()) return {};
    return found->get<std::vector<std::string>>();
}

const json& array_of(const json& object, const char* key) {
    static const json empty = json::array();
    auto found = object.find(key);
    if (found == object.end() || found->is_null()) return empty;
    if (!found->is_array()) throw json::type_error::create(302, std::string(key) + " is not an array", nullptr);
    return *found;
}

PhotoRecord image_from(const json& photo, const char* alt_key) {
    PhotoRecord item{text_of(photo, "src"), text_of(photo, alt_key), strings_of(photo, "outputs"),
                     strings_of(photo, "people"), text_of(photo, "declaration"), {}};
    for (const json& consent : array_of(photo, "consents"))
        item.consents.push_back({text_of(consent, "person"), text_of(consent, "channel"), text_of(consent, "granted_on"),
                                 text_of(consent, "expires_on")});
    return item;
}

}  // namespace

BuildRecord BuildRecord::from_json(std::string_view text, const std::filesystem::path& path) {
    BuildRecord record;
    try {
        json parsed = json::parse(text);
        if (!parsed.is_object() || parsed.value("version", 0) != 1)
            throw util::Error(path, "not a schoolgate build record (version 1)");
        record.date = text_of(parsed, "date");
        if (auto found = parsed.find("built_with"); found != parsed.end() && !found->is_null())
            record.built_with = found->get<std::map<std::string, std::string>>();
        for (const json& page : array_of(parsed, "pages")) {
            PageRecord entry{text_of(page, "source"), text_of(page, "url"), text_of(page, "hash"), text_of(page, "text"), {}, {}};
            for (const json& photo : array_of(page, "photos")) entry.photos.push_back(image_from(photo, "alt"));
            for (const json& document : array_of(page, "documents")) entry.documents.push_back(image_from(document, "title"));
            record.pages.push_back(std::move(entry));
        }
        for (const json& item : array_of(parsed, "withheld"))
            record.withheld.push_back({text_of(item, "source"), strings_of(item, "rules")});
        record.out = text_of(parsed, "out");
        record.require_approval = parsed.value("require_approval", false);
        if (auto files = parsed.find("files"); files != parsed.end() && !files->is_null()) {
            if (!files->is_object()) throw json::type_error::create(302, "files is not an object", nullptr);
            record.has_files = true;
            for (const auto& [path, entry] : files->items())
                record.files[path] = FileRecord{entry.at("size").get<std::uint64_t>(), text_of(entry, "sha256")};
        }
    } catch (const json::exception& e) {
        throw util::Error(path, std::string("not a readable build record: ") + e.what());
    }
    return record;
}

std::string compact_text(std::string_view text) {
    std::string out, line;
    auto flush = [&] {
        if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
        line.clear();
    };
    bool space = false;
    for (char c : text) {
        if (c == '\n') {
            flush();
            space = false;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            space = !line.empty();
        } else {
            if (space) line += ' ';
            space = false;
            line += c;
        }
    }
    flush();
    return out;
}

const PageRecord* BuildRecord::find(std::string_view url) const {
    for (const auto& page : pages)
        if (page.url == url) return &page;
    return nullptr;
}

}  // namespace sg::output
