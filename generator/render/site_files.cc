#include "render/site_files.h"

#include <cctype>

#include "util/text.h"

namespace sg::render {

namespace {

std::string xml(std::string_view text) { return util::html_escape(text); }

// RFC 3339 at midnight UTC: posts carry a date, not a time.
std::string timestamp(const util::Date& date) { return date.iso() + "T00:00:00Z"; }

}  // namespace

std::string absolute_url(const config::Config& config, const std::string& url) {
    const std::string index = "index.html";
    if (url == index) return config.base_url;
    if (url.size() > index.size() && url.ends_with("/" + index))
        return config.base_url + url.substr(0, url.size() - index.size());
    return config.base_url + url;
}

std::string tag_url(const std::string& tag) {
    std::string slug;
    for (unsigned char c : tag) {
        if (std::isalnum(c) && c < 0x80)
            slug += static_cast<char>(std::tolower(c));
        else if (!slug.empty() && slug.back() != '-')
            slug += '-';
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    if (slug.empty()) slug = "tag";
    return "tags/" + slug + "/index.html";
}

std::string atom_feed(const config::Config& config, const std::vector<const content::Page*>& posts,
                      const util::Date& updated, size_t limit) {
    util::Date newest = updated;
    if (!posts.empty() && posts.front()->date) newest = *posts.front()->date;
    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + xml(config.language) + "\">\n";
    out += "  <title>" + xml("News from " + config.school_name) + "</title>\n";
    out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + xml(config.base_url + "feed.xml") + "\"/>\n";
    out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + xml(absolute_url(config, "news/index.html")) + "\"/>\n";
    out += "  <id>" + xml(config.base_url + "feed.xml") + "</id>\n";
    out += "  <updated>" + timestamp(newest) + "</updated>\n";
    out += "  <author><name>" + xml(config.school_name) + "</name></author>\n";
    size_t count = 0;
    for (const content::Page* post : posts) {
        if (count++ == limit) break;
        std::string link = absolute_url(config, post->url);
        out += "  <entry>\n";
        out += "    <title>" + xml(post->title) + "</title>\n";
        out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + xml(link) + "\"/>\n";
        out += "    <id>" + xml(link) + "</id>\n";
        std::string when = timestamp(post->date ? *post->date : newest);
        out += "    <published>" + when + "</published>\n";
        out += "    <updated>" + when + "</updated>\n";
        if (!post->summary.empty()) out += "    <summary>" + xml(post->summary) + "</summary>\n";
        out += "  </entry>\n";
    }
    out += "</feed>\n";
    return out;
}

std::string sitemap(const config::Config& config, const std::vector<SitemapEntry>& entries) {
    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const SitemapEntry& entry : entries) {
        out += "  <url><loc>" + xml(absolute_url(config, entry.url)) + "</loc>";
        if (entry.lastmod) out += "<lastmod>" + entry.lastmod->iso() + "</lastmod>";
        out += "</url>\n";
    }
    out += "</urlset>\n";
    return out;
}

std::string robots_txt(const config::Config& config) {
    return "User-agent: *\nAllow: /\n\nSitemap: " + config.base_url + "sitemap.xml\n";
}

}  // namespace sg::render
