// The files around the pages that visitors of Hugo and Jekyll sites expect: an Atom feed of the
// news (feed.xml), a sitemap of the published pages (sitemap.xml) and robots.txt pointing to it.
// They are built only from what already passed the gate (the caller hands in published posts
// and pages), and the caller verifies their bytes like any rendered page before writing them.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/page.h"
#include "util/date.h"

namespace sg::render {

// The absolute URL of a page at `url` (relative to the site root) under the school's base URL;
// "news/x/index.html" becomes "<base_url>news/x/", as the canonical link says.
std::string absolute_url(const config::Config& config, const std::string& url);

// Where the list of posts tagged `tag` is published: "tags/<slug>/index.html", the slug being
// the tag in lower case with runs of anything but ASCII letters and digits as one '-'.
std::string tag_url(const std::string& tag);

// An Atom feed of the newest `limit` posts (given newest first): title, link, date and summary.
// Never the body or photos: a feed reader shows them beside other sites' pictures. `updated`
// is the feed's date when there are no posts.
std::string atom_feed(const config::Config& config, const std::vector<const content::Page*>& posts,
                      const util::Date& updated, size_t limit = 20);

struct SitemapEntry {
    std::string url;  // relative to the site root
    std::optional<util::Date> lastmod;
};
std::string sitemap(const config::Config& config, const std::vector<SitemapEntry>& entries);

// Allows everything and names the sitemap.
std::string robots_txt(const config::Config& config);

}  // namespace sg::render
