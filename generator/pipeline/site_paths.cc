#include "pipeline/site_paths.h"

#include <map>

#include "diag/rule_ids.h"
#include "util/text.h"

namespace sg::pipeline {

namespace {

// What the build writes itself at `folded` (a lower-case site path), or nullptr.
const char* generated(const std::string& folded) {
    if (folded == "news/index.html" || folded.starts_with("news/page/")) return "the news list";
    if (folded.starts_with("tags/")) return "the tag pages";
    if (folded.starts_with("media/")) return "the processed images";
    if (folded.starts_with("assets/")) return "the theme's assets";
    return nullptr;
}

}  // namespace

void check_site_paths(const std::vector<const content::Page*>& pages, diag::Diagnostics& diagnostics) {
    std::map<std::string, const content::Page*> taken;
    for (const content::Page* page : pages) {
        std::string folded = util::to_lower_ascii(page->url);
        if (const char* what = generated(folded)) {
            diagnostics.error(diag::rule::content_invalid, {page->source, 1, 1},
                              "the page would be published at " + page->url + ", where schoolgate writes " + what,
                              "rename or move the page's file", page->source);
            continue;
        }
        auto [first, inserted] = taken.emplace(folded, page);
        if (!inserted)
            diagnostics.error(diag::rule::content_invalid, {page->source, 1, 1},
                              "the page would be published at " + page->url + ", the same path as " +
                                  first->second->source + "'s when case is ignored",
                              "rename one of the files: a case-insensitive server or laptop shows only one",
                              page->source);
    }
}

}  // namespace sg::pipeline
