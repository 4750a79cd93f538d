#include "render/renderer.h"

#include <algorithm>
#include <cctype>

#include "render/markdown.h"
#include "render/site_files.h"
#include "util/error.h"

namespace sg::render {

std::string human_date(const util::Date& date) {
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    if (date.month < 1 || date.month > 12) return date.iso();
    return std::to_string(date.day) + " " + months[date.month - 1] + " " + std::to_string(date.year);
}

std::string root_of(const std::string& url) {
    std::string root;
    for (char c : url)
        if (c == '/') root += "../";
    return root;
}

namespace {

// Mustache treats an empty string as true in {{#section}}: a key without a value is left out.
void set_if(mustache::data& data, const std::string& key, const std::string& value) {
    if (!value.empty()) data.set(key, value);
}

}  // namespace

std::string Renderer::media_url(const media::Rendition& rendition) { return "media/" + rendition.name; }

std::string Renderer::document_url(const PublishedDocument& document) { return "documents/" + document.name; }

Renderer::Renderer(const config::Config& config, const Theme& theme, const ProcessedImages& images,
                   const PublishedDocuments& documents, CreditFor credit_for)
    : config_(config), theme_(theme), images_(images), documents_(documents), credit_for_(std::move(credit_for)) {}

namespace {

// "86 KB", "1.4 MB": as a reader decides whether to download it.
std::string human_size(size_t bytes) {
    if (bytes < 1024 * 1024) return std::to_string(std::max<size_t>(1, (bytes + 512) / 1024)) + " KB";
    size_t tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
}

}  // namespace

mustache::data Renderer::documents_data(const content::Page& page, const std::string& root) const {
    mustache::data list{mustache::data::type::list};
    for (const auto& document : page.documents) {
        auto found = documents_.find(document.file);
        if (found == documents_.end())
            throw util::Error(document.file, "document was not made clean, so it cannot be linked");
        mustache::data entry;
        entry.set("url", root + document_url(found->second));
        entry.set("title", document.title);
        entry.set("size", human_size(found->second.size));
        entry.set("pages", std::to_string(found->second.pages) + (found->second.pages == 1 ? " page" : " pages"));
        list << entry;
    }
    return list;
}

mustache::data Renderer::image_data(const content::Image& image, const std::string& root, Loading loading) const {
    auto found = images_.find(image.media_key());
    if (found == images_.end() || found->second.renditions.empty())
        throw util::Error(image.file, "image was not processed, so it cannot be rendered");
    const media::Processed& processed = found->second;
    std::string jpeg_srcset, webp_srcset, avif_srcset;
    const media::Rendition* fallback = nullptr;
    for (const auto& rendition : processed.renditions) {
        std::string& srcset = rendition.format == "webp"   ? webp_srcset
                              : rendition.format == "avif" ? avif_srcset
                                                           : jpeg_srcset;
        if (!srcset.empty()) srcset += ", ";
        srcset += root + media_url(rendition) + " " + std::to_string(rendition.width) + "w";
        if (rendition.format == "jpeg" && (!fallback || rendition.width <= 960)) fallback = &rendition;
    }
    if (!fallback) throw util::Error(image.file, "no JPEG rendition to fall back on");
    mustache::data data;
    data.set("alt", image.alt);
    set_if(data, "caption", image.caption);
    set_if(data, "title", image.title);
    data.set("src", media_url(*fallback));
    data.set("width", std::to_string(processed.width));
    data.set("height", std::to_string(processed.height));
    data.set("jpeg_srcset", jpeg_srcset);
    set_if(data, "webp_srcset", webp_srcset);
    set_if(data, "avif_srcset", avif_srcset);
    data.set("sizes", "(min-width: 64em) 60em, 100vw");
    data.set("root", root);
    data.set("eager", loading == Loading::eager);
    if (image.is_work) data.set("credit", credit_for_(image));
    return data;
}

mustache::data Renderer::post_summary(const content::Page& post, const std::string& root, FirstImage& first) const {
    mustache::data data;
    data.set("title", post.title);
    data.set("url", post.url);
    set_if(data, "summary", post.summary);
    if (post.date) {
        data.set("date", human_date(*post.date));
        data.set("date_iso", post.date->iso());
    }
    // A thumbnail only from a photo in which nobody is pictured: a list of other posts' titles
    // must never stand beside a pupil's picture.
    for (const auto& photo : post.photos)
        if (photo.declaration == content::PeopleDeclaration::listed && photo.people.empty() &&
            images_.count(photo.media_key())) {
            data.set("thumb", image_data(photo, root, first.next()));
            break;
        }
    return data;
}

mustache::data Renderer::common(const std::string& url, const std::string& title, const std::string& kind,
                                const std::string& description) const {
    mustache::data site;
    site.set("name", config_.school_name);
    site.set("base_url", config_.base_url);
    site.set("language", config_.language);
    mustache::data contact;
    contact.set("address", config_.contact.address);
    contact.set("postcode", config_.contact.postcode);
    contact.set("phone", config_.contact.phone);
    std::string dial;  // tel: URI: digits and a leading '+' only
    for (char c : config_.contact.phone)
        if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && dial.empty())) dial += c;
    contact.set("phone_uri", "tel:" + dial);
    contact.set("email", config_.contact.email);
    site.set("contact", contact);
    mustache::data menu{mustache::data::type::list};
    for (const auto& item : config_.menu) {
        mustache::data entry;
        entry.set("title", item.title);
        entry.set("url", item.url);
        entry.set("current", item.url == url);
        menu << entry;
    }
    site.set("menu", menu);
    site.set("year", std::to_string(util::today().year));

    mustache::data page;
    page.set("title", title);
    page.set("url", url);
    const std::string index = "index.html";
    bool pretty = url.size() >= index.size() && url.compare(url.size() - index.size(), index.size(), index) == 0;
    page.set("canonical", config_.base_url + (pretty ? url.substr(0, url.size() - index.size()) : url));
    set_if(page, "description", description);
    page.set("kind", kind);

    mustache::data data;
    data.set("site", site);
    data.set("page", page);
    data.set("root", root_of(url));
    data.set("title", title);
    return data;
}

std::string Renderer::layout(mustache::data data, const std::string& content, const content::Image* og_image) const {
    data.set("content", content);
    if (og_image) {
        // The rendition of the photo as this page shows it (obscured or not), never another page's.
        auto found = images_.find(og_image->media_key());
        const media::Rendition* largest_jpeg = nullptr;
        if (found != images_.end())
            for (const auto& rendition : found->second.renditions)
                if (rendition.format == "jpeg") largest_jpeg = &rendition;
        if (largest_jpeg) {
            mustache::data og;
            og.set("url", config_.base_url + media_url(*largest_jpeg));
            og.set("alt", og_image->alt);
            data.set("og_image", og);
        }
    }
    return theme_.render("layout", data);
}

std::string Renderer::page(const content::Page& page, const content::Image* og_image,
                           const std::vector<const content::Page*>& latest) const {
    std::string root = root_of(page.url);
    // Every theme template shows the body, then the photos and work listed apart from it, then
    // the latest posts.
    FirstImage first;
    BodyHtml body = markdown_to_html(
        page.body,
        [&](const std::string& src) {
            const content::Image* image = page.declared(src);
            if (!image) throw util::Error(page.file, "image '" + src + "' is not declared");
            return theme_.render_partial("photo", image_data(*image, root, first.next()));
        },
        [&](const std::string& url) -> std::optional<std::string> {
            const content::Document* document = page.declared_document(url);
            if (!document) return std::nullopt;
            auto found = documents_.find(document->file);
            if (found == documents_.end())
                throw util::Error(document->file, "document was not made clean, so it cannot be linked");
            return root + document_url(found->second);
        });

    mustache::data data = common(page.url, page.title, page.layout, page.summary);
    data.set("body", body.html);
    set_if(data, "summary", page.summary);
    if (page.date) {
        data.set("date", human_date(*page.date));
        data.set("date_iso", page.date->iso());
    }
    mustache::data photos{mustache::data::type::list}, work{mustache::data::type::list};
    for (const auto& photo : page.photos)
        if (!body.placed.count(photo.src)) photos << image_data(photo, root, first.next());
    for (const auto& item : page.work)
        if (!body.placed.count(item.src)) work << image_data(item, root, first.next());
    data.set("photos", photos);
    data.set("work", work);
    if (!page.documents.empty()) {
        data.set("documents", documents_data(page, root));
        data.set("has_documents", true);
    }
    mustache::data tags{mustache::data::type::list};
    for (const auto& tag : page.tags) {
        mustache::data entry("name", tag);
        entry.set("url", tag_url(tag));
        tags << entry;
    }
    data.set("tags", tags);
    mustache::data posts{mustache::data::type::list};
    for (const auto* post : latest) posts << post_summary(*post, root, first);  // shown after the page's own
    data.set("latest", posts);

    std::string content = theme_.render(theme_.has(page.layout) ? page.layout : "page", data);
    return layout(std::move(data), content, og_image);
}

std::string Renderer::news_list(const std::vector<const content::Page*>& posts, int number, int count,
                                const std::string& url) const {
    std::string root = root_of(url);
    std::string title = number == 1 ? "News" : "News, page " + std::to_string(number);
    mustache::data data = common(url, title, "news", "News from " + config_.school_name);
    mustache::data list{mustache::data::type::list};
    FirstImage first;
    for (const auto* post : posts) list << post_summary(*post, root, first);
    data.set("posts", list);
    mustache::data pagination;
    pagination.set("number", std::to_string(number));
    pagination.set("count", std::to_string(count));
    pagination.set("has_prev", number > 1);
    pagination.set("prev_url", number == 2 ? std::string("news/index.html")
                                           : "news/page/" + std::to_string(number - 1) + "/index.html");
    pagination.set("has_next", number < count);
    pagination.set("next_url", "news/page/" + std::to_string(number + 1) + "/index.html");
    data.set("pagination", pagination);
    std::string content = theme_.render("news", data);
    return layout(std::move(data), content, nullptr);
}

std::string Renderer::tag_list(const std::string& tag, const std::vector<const content::Page*>& posts,
                               const std::string& url) const {
    std::string root = root_of(url);
    mustache::data data = common(url, "News tagged “" + tag + "”", "tag", "News from " + config_.school_name + " tagged " + tag);
    data.set("tag", tag);
    mustache::data list{mustache::data::type::list};
    FirstImage first;
    for (const auto* post : posts) list << post_summary(*post, root, first);
    data.set("posts", list);
    std::string content = theme_.render(theme_.has("tag") ? "tag" : "news", data);
    return layout(std::move(data), content, nullptr);
}

std::string Renderer::not_found() const {
    mustache::data data = common("404.html", "Page not found", "404", "");
    // A server sends 404.html for a missing URL at any depth, so its links cannot be relative:
    // they start from the path of base_url ("/" for https://www.school.example/).
    size_t scheme = config_.base_url.find("://");
    size_t path = scheme == std::string::npos ? std::string::npos : config_.base_url.find('/', scheme + 3);
    data.set("root", path == std::string::npos ? std::string("/") : config_.base_url.substr(path));
    std::string content = theme_.render("404", data);
    return layout(std::move(data), content, nullptr);
}

}  // namespace sg::render
