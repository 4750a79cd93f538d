#include "pipeline/documents.h"

#include <nlohmann/json.hpp>

#include "diag/rule_ids.h"
#include "util/hash.h"

namespace sg::pipeline {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json box_json(const media::Box& box) { return {box.x, box.y, box.width, box.height}; }

media::Box box_from(const json& value) {
    return {value.at(0).get<double>(), value.at(1).get<double>(), value.at(2).get<double>(), value.at(3).get<double>()};
}

std::string serialise(const document::Inspection& inspection) {
    json out;
    if (inspection.problem) out["problem"] = {inspection.problem->rule, inspection.problem->message};
    out["pages"] = inspection.pages;
    out["text"] = inspection.page_text;
    out["removed"] = inspection.removed;
    out["images"] = json::array();
    for (const document::EmbeddedImage& image : inspection.images) {
        json regions = json::array(), faces = json::array();
        for (const media::FaceRegion& region : image.face_regions) regions.push_back({region.name, box_json(region.box)});
        for (const media::Box& face : image.faces) faces.push_back(box_json(face));
        out["images"].push_back({{"page", image.page},
                                 {"width", image.width},
                                 {"height", image.height},
                                 {"encoding", image.encoding},
                                 {"gps", image.has_gps},
                                 {"people_tags", image.people_tags},
                                 {"face_regions", regions},
                                 {"faces", faces}});
    }
    return out.dump();
}

// The inspection an entry holds, or nullopt for anything serialise() did not write.
std::optional<document::Inspection> parse_inspection(const std::string& text) {
    try {
        json in = json::parse(text);
        document::Inspection inspection;
        if (in.contains("problem"))
            inspection.problem = media::Problem{in["problem"].at(0).get<std::string>(), in["problem"].at(1).get<std::string>()};
        inspection.pages = in.at("pages").get<int>();
        inspection.page_text = in.at("text").get<std::vector<std::string>>();
        inspection.removed = in.at("removed").get<std::vector<std::string>>();
        for (const json& entry : in.at("images")) {
            document::EmbeddedImage image;
            image.page = entry.at("page").get<int>();
            image.width = entry.at("width").get<int>();
            image.height = entry.at("height").get<int>();
            image.encoding = entry.at("encoding").get<std::string>();
            image.has_gps = entry.at("gps").get<bool>();
            image.people_tags = entry.at("people_tags").get<std::vector<std::string>>();
            for (const json& region : entry.at("face_regions"))
                image.face_regions.push_back({region.at(0).get<std::string>(), box_from(region.at(1))});
            for (const json& face : entry.at("faces")) image.faces.push_back(box_from(face));
            inspection.images.push_back(std::move(image));
        }
        return inspection;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

// "document-" and a hash of everything the result depends on: the entry kind media::Cache keeps.
std::string entry_kind(const char* what, const std::string& fingerprint) {
    return std::string(what) + "-" + util::sha256_hex(fingerprint).substr(0, 16);
}

}  // namespace

document::Limits document_limits(const config::Images& images) {
    document::Limits limits;
    limits.max_megapixels = images.max_megapixels;
    return limits;
}

DocumentInspections inspect_documents(const std::set<fs::path>& files, const document::Limits& limits,
                                      const media::FaceSettings& faces, int jobs, media::Cache& cache) {
    std::string kind = entry_kind("document", limits.fingerprint() + "\n" + faces.fingerprint());
    return through_cache<fs::path, document::Inspection>(
        "reading documents", by_file(files), jobs, cache,
        [&](const fs::path&, const std::string& hash) -> std::optional<document::Inspection> {
            auto text = cache.find_entry(hash, kind);
            return text ? parse_inspection(*text) : std::nullopt;
        },
        [&](const fs::path&, const fs::path& file, const auto&) { return document::inspect(file, limits, faces); },
        [&](const fs::path&, const std::string& hash, const fs::path& file, const document::Inspection& result) {
            cache.store_entry(hash, kind, file, serialise(result));
        });
}

// The clean copy of `file`, and the text of its pages read back from it.
CleanCopy make_clean_copy(const fs::path& file, const document::Limits& limits) {
    CleanCopy copy{document::rewrite_clean(file, limits), {}};
    if (copy.cleaned.problem) return copy;
    std::optional<std::vector<std::string>> text = document::page_text(copy.cleaned.bytes);
    if (!text)
        copy.cleaned.problem = media::Problem{std::string(diag::rule::media_unreadable),
                                              "the clean copy's text cannot be read back"};
    else
        copy.text = std::move(*text);
    return copy;
}

// A cache entry: {"pages", "sha256" of the bytes, "text"} on one line, then the clean copy's bytes.
std::string serialise(const CleanCopy& copy) {
    json head = {{"pages", copy.cleaned.pages}, {"sha256", util::sha256_hex(copy.cleaned.bytes)}, {"text", copy.text}};
    return head.dump() + "\n" + copy.cleaned.bytes;
}

std::optional<CleanCopy> parse_clean_copy(const std::string& entry) {
    size_t newline = entry.find('\n');
    if (newline == std::string::npos) return std::nullopt;
    try {
        json head = json::parse(entry.substr(0, newline));
        CleanCopy copy{{std::nullopt, entry.substr(newline + 1), head.at("pages").get<int>()},
                       head.at("text").get<std::vector<std::string>>()};
        if (util::sha256_hex(copy.cleaned.bytes) != head.at("sha256").get<std::string>()) return std::nullopt;
        return copy;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

CleanDocuments clean_documents(const std::set<fs::path>& files, const document::Limits& limits, int jobs,
                               media::Cache& cache) {
    std::string kind = entry_kind("clean-pdf", limits.fingerprint());
    return through_cache<fs::path, CleanCopy>(
        "cleaning documents", by_file(files), jobs, cache,
        [&](const fs::path&, const std::string& hash) -> std::optional<CleanCopy> {
            auto entry = cache.find_entry(hash, kind);
            return entry ? parse_clean_copy(*entry) : std::nullopt;
        },
        [&](const fs::path&, const fs::path& file, const auto&) { return make_clean_copy(file, limits); },
        [&](const fs::path&, const std::string& hash, const fs::path& file, const CleanCopy& copy) {
            if (!copy.cleaned.problem) cache.store_entry(hash, kind, file, serialise(copy));
        });
}

}  // namespace sg::pipeline
