#include "review/freshness.h"

#include <set>

#include "pipeline/approval.h"
#include "pipeline/publish.h"
#include "review/changes.h"
#include "util/fs.h"
#include "util/hash.h"

namespace sg::review {

namespace fs = std::filesystem;

Freshness compare_with_build(const pipeline::Options& options, const output::BuildRecord& built) {
    Freshness freshness;
    pipeline::Result& result = freshness.result;
    std::unique_ptr<pipeline::Site> site = pipeline::load(options, result);
    if (!site) return freshness;
    pipeline::check(*site, result);
    if (built.require_approval) pipeline::require_approval(*site, result);
    pipeline::Plan plan = pipeline::plan(*site, options.jobs, result);
    result.diagnostics.sort_and_deduplicate();
    result.status = result.withheld.empty() ? pipeline::Status::published : pipeline::Status::withheld;
    output::BuildRecord now = pipeline::build_record(*site, plan, result);

    auto& out = freshness.differences;
    Changes changes = compare(built, now);
    for (const auto& page : changes.added) out.push_back(page.after->url + ": a build now would add this page");
    for (const auto& page : changes.changed) out.push_back(page.after->url + ": a build now would change this page");
    for (const auto& page : changes.removed) out.push_back(page.before->url + ": a build now would remove this page");
    for (const auto& photo : changes.photos_removed)
        out.push_back(photo.url + ": a build now would take a photo off this page (" + photo.photo->src + ")");
    for (const auto& photo : changes.photos_added)
        out.push_back(photo.url + ": a build now would add a photo to this page (" + photo.photo->src + ")");
    for (const auto& document : changes.documents_removed)
        out.push_back(document.url + ": a build now would take a document off this page (" + document.photo->src + ")");
    for (const auto& document : changes.documents_added)
        out.push_back(document.url + ": a build now would add a document to this page (" + document.photo->src + ")");

    std::set<std::string> withheld_then, withheld_now(result.withheld.begin(), result.withheld.end());
    for (const auto& item : built.withheld) withheld_then.insert(item.source);
    for (const auto& key : withheld_now)
        if (!withheld_then.count(key)) out.push_back(key + ": a build now would withhold it");
    for (const auto& key : withheld_then)
        if (!withheld_now.count(key)) out.push_back(key + ": a build now would publish it");

    // The theme's assets (copied as they are, so not in the plan).
    fs::path assets = site->root / "themes" / site->config.theme / "assets";
    std::set<std::string> present;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(assets, error); !error && it != fs::recursive_directory_iterator();
         it.increment(error)) {
        if (!it->is_regular_file() || it->is_symlink()) continue;
        std::string path = "assets/" + it->path().lexically_relative(assets).generic_string();
        present.insert(path);
        auto recorded = built.files.find(path);
        std::optional<std::string> bytes = util::read_regular_file(it->path());
        if (recorded == built.files.end())
            out.push_back(path + ": a build now would add this file of the theme");
        else if (!bytes || util::sha256_hex(*bytes) != recorded->second.sha256)
            out.push_back(path + ": a build now would change this file of the theme");
    }
    for (const auto& [path, file] : built.files)
        if (path.starts_with("assets/") && !present.count(path)) out.push_back(path + ": a build now would remove this file");
    return freshness;
}

}  // namespace sg::review
