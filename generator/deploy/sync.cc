#include "deploy/sync.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>

#include "util/fs.h"
#include "util/hash.h"

namespace sg::deploy {

namespace fs = std::filesystem;

namespace {

std::string parent_of(const std::string& path) {
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string name_of(const std::string& path) {
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

size_t depth(const std::string& path) { return static_cast<size_t>(std::count(path.begin(), path.end(), '/')); }

// Every folder that holds a file of the site.
std::set<std::string> folders_of(const LocalSite& site) {
    std::set<std::string> folders;
    for (const auto& [path, file] : site)
        for (std::string folder = parent_of(path); !folder.empty(); folder = parent_of(folder)) folders.insert(folder);
    return folders;
}

// 0: media and assets; 1: pages; 2: feeds and other text; 3: the sitemap, last of all.
int upload_rank(const std::string& path) {
    if (!is_page(path)) return 0;
    if (path.ends_with(".html") || path.ends_with(".htm")) return 1;
    return path == "sitemap.xml" ? 3 : 2;
}

bool reserved(const std::string& path) {
    return path == manifest_name || is_temporary(path) || path == ".schoolgate" || path.starts_with(".schoolgate/");
}

std::string temporary_for(const std::string& path) {
    std::string folder = parent_of(path);
    return (folder.empty() ? "" : folder + "/") + temporary_prefix + name_of(path);
}

void write_manifest(Target& target, const Manifest& manifest) {
    std::string temporary = std::string(temporary_prefix) + "manifest";
    target.write(temporary, manifest.to_json());
    target.rename(temporary, manifest_name);
}

}  // namespace

bool is_page(const std::string& path) {
    for (const char* ending : {".html", ".htm", ".xml", ".txt"})
        if (path.ends_with(ending)) return true;
    return false;
}

SiteCheck read_site(const fs::path& site, const output::BuildRecord& record) {
    SiteCheck check;
    std::error_code error;
    struct stat top {};
    if (::stat(site.c_str(), &top) != 0 || !S_ISDIR(top.st_mode)) {
        check.problems.push_back(site.string() + ": no site here (run schoolgate build, or publish --build)");
        return check;
    }
    for (auto it = fs::recursive_directory_iterator(site, error); !error && it != fs::recursive_directory_iterator();
         it.increment(error)) {
        std::string path = it->path().lexically_relative(site).generic_string();
        struct stat s {};
        if (::lstat(it->path().c_str(), &s) != 0) {
            check.problems.push_back(path + ": cannot be read");
            continue;
        }
        if (S_ISDIR(s.st_mode)) continue;
        if (!S_ISREG(s.st_mode)) {
            check.problems.push_back(path + ": a link or special file, which no build writes");
            continue;
        }
        if (reserved(path)) {
            check.problems.push_back(path + ": a name publish keeps for itself, which no build writes");
            continue;
        }
        std::optional<std::string> bytes = util::read_regular_file(it->path());
        if (!bytes) {
            check.problems.push_back(path + ": cannot be read");
            continue;
        }
        LocalFile file{it->path(), bytes->size(), util::sha256_hex(*bytes)};
        auto recorded = record.files.find(path);
        if (recorded == record.files.end()) {
            check.problems.push_back(path + ": not written by the last build (added by hand?)");
            continue;
        }
        bool same = recorded->second.size == file.size &&
                    (recorded->second.sha256.empty() ? name_of(path).size() > 16 && file.sha256.compare(0, 16, name_of(path), 0, 16) == 0
                                                     : recorded->second.sha256 == file.sha256);
        if (!same) {
            check.problems.push_back(path + ": changed since the last build wrote it (edited by hand?)");
            continue;
        }
        check.files.emplace(path, std::move(file));
    }
    if (error) check.problems.push_back(site.string() + ": cannot be listed: " + error.message());
    for (const auto& [path, recorded] : record.files) {
        std::error_code ec;
        if (!check.files.count(path) && !fs::exists(site / path, ec))
            check.problems.push_back(path + ": written by the last build, missing from " + site.filename().string() +
                                     "/ (removed by hand?)");
    }
    return check;
}

Plan make_plan(const LocalSite& site, const std::optional<Manifest>& manifest, const Listing& listing,
               bool delete_unknown) {
    Plan plan;
    plan.delete_unknown = delete_unknown;
    auto owned = [&](const std::string& path) { return manifest && manifest->owns(path); };
    std::set<std::string> folders = folders_of(site);

    for (const auto& [path, file] : site) {
        auto found = listing.find(path);
        if (found != listing.end() && found->second.type != Entry::Type::file) {
            plan.conflicts.push_back(path + ": the server has a " +
                                     (found->second.type == Entry::Type::directory ? "folder" : "link") +
                                     " where the site has a file; remove it on the server");
            continue;
        }
        bool current = false;
        if (found != listing.end() && manifest) {
            auto known = manifest->files.find(path);
            current = known != manifest->files.end() && !manifest->pending.count(path) && known->second.sha256 == file.sha256 &&
                      known->second.size == file.size && found->second.size == file.size &&
                      (known->second.mtime == 0 || known->second.mtime == found->second.mtime);
        }
        if (current) {
            ++plan.unchanged;
        } else {
            plan.uploads.push_back(path);
            plan.upload_bytes += file.size;
        }
    }
    std::stable_sort(plan.uploads.begin(), plan.uploads.end(),
                     [](const std::string& a, const std::string& b) { return upload_rank(a) < upload_rank(b); });

    for (const std::string& folder : folders) {
        auto found = listing.find(folder);
        if (found == listing.end())
            plan.make_directories.push_back(folder);  // a set: parents sort before what they hold
        else if (found->second.type != Entry::Type::directory)
            plan.conflicts.push_back(folder + ": the server has a file where the site has a folder; remove it on the server");
    }

    std::set<std::string> going;  // files removed
    for (const auto& [path, entry] : listing) {
        if (entry.type == Entry::Type::directory || site.count(path) || path == manifest_name) continue;
        if (is_temporary(path) && entry.type == Entry::Type::file) {
            plan.temporaries.push_back(path);
            going.insert(path);
        } else if (owned(path) && entry.type == Entry::Type::file) {
            plan.removals.push_back(path);
            going.insert(path);
        } else {
            plan.unknown.push_back(path);
            if (delete_unknown) {
                plan.removals.push_back(path);
                going.insert(path);
            }
        }
    }

    // Folders the site no longer has, deepest first: removed when nothing stays in them.
    std::vector<std::string> candidates;
    for (const auto& [path, entry] : listing)
        if (entry.type == Entry::Type::directory && !folders.count(path)) candidates.push_back(path);
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const std::string& a, const std::string& b) { return depth(a) > depth(b); });
    std::set<std::string> emptied;
    for (const std::string& folder : candidates) {
        bool empty = true, ours = manifest && manifest->directories.count(folder);
        std::string prefix = folder + "/";
        for (auto it = listing.lower_bound(prefix); it != listing.end() && it->first.starts_with(prefix); ++it) {
            bool gone = it->second.type == Entry::Type::directory ? emptied.count(it->first) > 0 : going.count(it->first) > 0;
            if (!gone) {
                empty = false;
                break;
            }
            if (it->second.type != Entry::Type::directory && owned(it->first)) ours = true;
        }
        if (!empty) continue;
        if (ours || delete_unknown) {
            emptied.insert(folder);
            plan.remove_directories.push_back(folder);
        } else if (listing.lower_bound(prefix) == listing.end() || !listing.lower_bound(prefix)->first.starts_with(prefix)) {
            plan.unknown.push_back(folder + "/");  // an empty folder someone else made
        }
    }
    std::sort(plan.unknown.begin(), plan.unknown.end());
    return plan;
}

std::optional<Manifest> read_manifest(Target& target) {
    std::optional<std::string> text = target.read(manifest_name);
    if (!text) return std::nullopt;
    return Manifest::from_json(*text);
}

Outcome execute(Target& target, const LocalSite& site, const Plan& plan, const std::optional<Manifest>& manifest,
                const Progress& progress) {
    Outcome outcome;
    auto tell = [&](const char* step, size_t done, size_t total) {
        if (progress) progress(step, done, total);
    };
    std::set<std::string> folders = folders_of(site);
    if (plan.changes_anything()) {
        Manifest intent = manifest.value_or(Manifest{});
        for (const std::string& path : plan.uploads) {
            intent.files.erase(path);
            intent.pending.insert(path);
        }
        intent.directories.insert(folders.begin(), folders.end());
        write_manifest(target, intent);
    }
    for (const std::string& folder : plan.make_directories) target.make_directory(folder);

    for (const std::string& path : plan.uploads) {
        const LocalFile& file = site.at(path);
        std::optional<std::string> bytes = util::read_regular_file(file.file);
        if (!bytes || util::sha256_hex(*bytes) != file.sha256)
            throw Error(Error::Kind::refused, path + ": changed in the site folder while it was being published",
                        "publish again once nothing is editing the site");
        std::string temporary = temporary_for(path);
        target.write(temporary, *bytes);
        target.rename(temporary, path);
        ++outcome.uploaded;
        outcome.bytes += bytes->size();
        tell("upload", outcome.uploaded, plan.uploads.size());
    }

    size_t removed = 0, removing = plan.removals.size() + plan.temporaries.size();
    for (const std::string& path : plan.removals) {
        target.remove(path);
        outcome.removed.push_back(path);
        tell("remove", ++removed, removing);
    }
    for (const std::string& path : plan.temporaries) {
        target.remove(path);
        tell("remove", ++removed, removing);
    }
    for (const std::string& folder : plan.remove_directories) target.remove_directory(folder);

    // The server listed again: every path and size, and every file sent read back and hashed.
    Listing after = target.list();
    std::vector<std::string> wrong;
    for (const auto& [path, file] : site) {
        auto found = after.find(path);
        if (found == after.end() || found->second.type != Entry::Type::file)
            wrong.push_back(path + ": missing on the server");
        else if (found->second.size != file.size)
            wrong.push_back(path + ": " + std::to_string(found->second.size) + " bytes on the server, " +
                            std::to_string(file.size) + " in the site");
        ++outcome.verified;
    }
    std::set<std::string> kept;
    if (!plan.delete_unknown) kept.insert(plan.unknown.begin(), plan.unknown.end());
    for (const auto& [path, entry] : after) {
        if (site.count(path) || path == manifest_name || kept.count(path)) continue;
        if (entry.type == Entry::Type::directory) {
            if (folders.count(path) || kept.count(path + "/")) continue;
            std::string prefix = path + "/";
            bool holds_kept = std::any_of(kept.begin(), kept.end(), [&](const std::string& k) { return k.starts_with(prefix); });
            if (holds_kept) continue;
        }
        wrong.push_back(path + ": still on the server, not in the site");
    }
    size_t checked = 0;
    for (const std::string& path : plan.uploads) {
        std::optional<std::string> bytes = target.read(path);
        if (!bytes || util::sha256_hex(*bytes) != site.at(path).sha256) wrong.push_back(path + ": reads back differently from the site");
        ++outcome.read_back;
        tell("verify", ++checked, plan.uploads.size());
    }
    if (!wrong.empty()) {
        std::string message = "the server does not hold the site after publishing:";
        for (size_t i = 0; i < wrong.size() && i < 20; ++i) message += "\n  " + wrong[i];
        if (wrong.size() > 20) message += "\n  ... and " + std::to_string(wrong.size() - 20) + " more";
        throw Error(Error::Kind::failed, message, "publish again; if it persists, something else is writing to the target");
    }

    Manifest final;
    for (const auto& [path, file] : site) final.files[path] = {file.sha256, file.size, after.at(path).mtime};
    final.directories = folders;
    if (!manifest || !(*manifest == final)) write_manifest(target, final);
    return outcome;
}

std::string public_url(const std::string& base_url, const std::string& path) {
    std::string base = base_url.empty() || base_url.back() == '/' ? base_url : base_url + "/";
    if (path == "index.html") return base;
    if (path.ends_with("/index.html")) return base + path.substr(0, path.size() - 10);
    return base + path;
}

}  // namespace sg::deploy
