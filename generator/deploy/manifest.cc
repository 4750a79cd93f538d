#include "deploy/manifest.h"

#include <nlohmann/json.hpp>

#include "deploy/target.h"

namespace sg::deploy {

using nlohmann::json;

std::string Manifest::to_json() const {
    json out;
    out["version"] = 1;
    out["generator"] = "schoolgate publish";
    out["note"] = "paths, sizes and SHA-256 of the public files schoolgate published here; nothing else";
    json listed = json::object();
    for (const auto& [path, entry] : files)
        listed[path] = {{"sha256", entry.sha256}, {"size", entry.size}, {"mtime", entry.mtime}};
    out["files"] = listed;
    out["pending"] = pending;
    out["directories"] = directories;
    return out.dump(1) + "\n";
}

Manifest Manifest::from_json(std::string_view text) {
    Manifest manifest;
    try {
        json parsed = json::parse(text);
        if (!parsed.is_object() || parsed.value("version", 0) != 1)
            throw Error(Error::Kind::usage, std::string(manifest_name) + " on the target is not a schoolgate manifest (version 1)");
        for (const auto& [path, entry] : parsed.at("files").items())
            manifest.files[path] = {entry.at("sha256").get<std::string>(), entry.at("size").get<std::uint64_t>(),
                                    entry.value("mtime", std::int64_t{0})};
        if (parsed.contains("pending")) manifest.pending = parsed["pending"].get<std::set<std::string>>();
        if (parsed.contains("directories")) manifest.directories = parsed["directories"].get<std::set<std::string>>();
    } catch (const json::exception& e) {
        throw Error(Error::Kind::usage,
                    std::string(manifest_name) + " on the target cannot be read: " + e.what(),
                    "publish needs it to know which files it wrote; if it was damaged, move the target's files "
                    "aside and publish again");
    }
    return manifest;
}

bool is_temporary(const std::string& path) {
    size_t slash = path.rfind('/');
    return std::string_view(path).substr(slash == std::string::npos ? 0 : slash + 1).starts_with(temporary_prefix);
}

}  // namespace sg::deploy
