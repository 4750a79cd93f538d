// Renders pages through the theme: Markdown body, photos and work as <picture> elements of their
// processed renditions, the layout with navigation and the school's contact block.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "content/page.h"
#include "media/image.h"
#include "render/theme.h"
#include "util/date.h"

namespace sg::render {

// Processed renditions by content::Image::media_key(): the file and what is obscured in it.
using ProcessedImages = std::map<std::filesystem::path, media::Processed>;

// The clean copy of a declared PDF (document::rewrite_clean), as the theme links it.
struct PublishedDocument {
    std::string name;  // content-hash file name, e.g. "9f86d081884c7d65.pdf"
    size_t size = 0;   // bytes
    int pages = 0;
};
// By the document's resolved file (content::Document::file).
using PublishedDocuments = std::map<std::filesystem::path, PublishedDocument>;

// Written into the page by the generator: how a work item is credited ("Amelia, Year 3").
using CreditFor = std::function<std::string(const content::Image& work)>;

class Renderer {
public:
    Renderer(const config::Config& config, const Theme& theme, const ProcessedImages& images,
             const PublishedDocuments& documents, CreditFor credit_for);

    // `og_image` is the photo shared on social media (only one whose people, pictured or obscured,
    // all have social consent), or nullptr; its rendition is the one this page shows. `latest` are the news posts listed on the home page.
    std::string page(const content::Page& page, const content::Image* og_image,
                     const std::vector<const content::Page*>& latest) const;

    // The news index, page `number` of `count`, at `url`.
    std::string news_list(const std::vector<const content::Page*>& posts, int number, int count,
                          const std::string& url) const;
    // The posts tagged `tag`, at `url` (render::tag_url).
    std::string tag_list(const std::string& tag, const std::vector<const content::Page*>& posts,
                         const std::string& url) const;
    std::string not_found() const;

    // "media/<name>": where a rendition is published, relative to the site root.
    static std::string media_url(const media::Rendition& rendition);
    // "documents/<name>": where a document's clean copy is published.
    static std::string document_url(const PublishedDocument& document);

private:
    // How the browser fetches an image: the first image of a page (the home page's hero, usually
    // what the reader sees first) at once and before the others, every later one when it nears
    // the screen.
    enum class Loading { eager, lazy };
    // Hands out Loading::eager once, then Loading::lazy: images are rendered in document order.
    class FirstImage {
    public:
        Loading next() { return std::exchange(first_, false) ? Loading::eager : Loading::lazy; }

    private:
        bool first_ = true;
    };

    mustache::data image_data(const content::Image& image, const std::string& root, Loading loading) const;
    // The page's documents as the theme lists them: url, title, size ("86 KB"), pages ("2 pages").
    mustache::data documents_data(const content::Page& page, const std::string& root) const;
    mustache::data post_summary(const content::Page& post, const std::string& root, FirstImage& first) const;
    // The data every template sees: root, site, page.
    mustache::data common(const std::string& url, const std::string& title, const std::string& kind,
                          const std::string& description) const;
    std::string layout(mustache::data data, const std::string& content, const content::Image* og_image) const;

    const config::Config& config_;
    const Theme& theme_;
    const ProcessedImages& images_;
    const PublishedDocuments& documents_;
    CreditFor credit_for_;
};

// "14 October 2026".
std::string human_date(const util::Date& date);

// The relative path from a page at `url` back to the site root ("../../" for "news/x/index.html").
std::string root_of(const std::string& url);

}  // namespace sg::render
