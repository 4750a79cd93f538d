#include "pipeline/publish.h"

#include <algorithm>
#include <regex>
#include <set>

#include "consent/consent.h"
#include "diag/rule_ids.h"
#include "output/build_record.h"
#include "output/staged_site.h"
#include "pipeline/process_media.h"
#include "render/renderer.h"
#include "rules/check.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/hash.h"

namespace sg::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr size_t posts_per_news_page = 10;
constexpr size_t latest_on_home = 3;

media::Settings settings_of(const config::Images& images) {
    media::Settings settings;
    settings.widths = images.widths;
    settings.max_width = images.max_width;
    settings.quality = images.quality;
    settings.formats = images.formats;
    settings.max_megapixels = images.max_megapixels;
    return settings;
}

// A page ready to be written: its HTML and the renditions it references.
struct Rendered {
    std::string url;
    std::string html;
    std::string page;  // the page key diagnostics withhold
    const content::Page* source = nullptr;
    std::set<std::string> media;  // rendition names
};

class Publisher {
public:
    Publisher(const Site& site, Result& result)
        : site_(site), result_(result), context_(site.rules_context()),
          theme_(site.root / "themes" / site.config.theme),
          renderer_(site.config, theme_, processed_, [this](const content::Image& work) { return credit(work); }) {}

    void run(const fs::path& out, int jobs) {
        std::vector<const content::Page*> passed;
        for (const content::Page* page : site_.due)
            if (!withheld(page->source)) passed.push_back(page);

        process(passed, jobs);                              // 5. media
        std::vector<Rendered> pages;                        // 6, 7. render and verify, pages first,
        std::vector<const content::Page*> posts;            //       then what lists them
        const content::Page* home = nullptr;
        for (const content::Page* page : passed) {
            if (withheld(page->source)) continue;
            if (page->kind == content::PageKind::home) {
                home = page;
                continue;
            }
            if (auto rendered = render_page(*page, {})) {
                pages.push_back(std::move(*rendered));
                if (page->kind == content::PageKind::post) posts.push_back(page);
            }
        }
        std::sort(posts.begin(), posts.end(), [](auto* a, auto* b) { return a->date > b->date; });
        if (home) {
            std::vector<const content::Page*> latest(posts.begin(), posts.begin() + std::min(posts.size(), latest_on_home));
            if (auto rendered = render_page(*home, latest)) pages.push_back(std::move(*rendered));
        }
        render_news_lists(posts, pages);
        pages.push_back({"404.html", renderer_.not_found(), "404.html", nullptr, {}});
        verify(pages.back(), {});

        write(out, pages);                                  // 8. write atomically
    }

private:
    bool withheld(const std::string& page) const { return result_.diagnostics.withholds(page); }

    std::string credit(const content::Image& work) const {
        const consent::Person* person = site_.people.find(work.by);
        if (!person) return "a pupil";
        return person->group.empty() ? person->preferred_first_name()
                                     : person->preferred_first_name() + ", " + person->group;
    }

    void process(const std::vector<const content::Page*>& pages, int jobs) {
        std::set<fs::path> files;
        for (const content::Page* page : pages)
            for (const auto* list : {&page->photos, &page->work})
                for (const auto& image : *list) files.insert(image.file);
        auto results = process_media(files, settings_of(site_.config.images), jobs);
        for (const content::Page* page : pages)
            for (const auto* list : {&page->photos, &page->work})
                for (const auto& image : *list) {
                    const media::ProcessResult& outcome = results.at(image.file);
                    if (outcome.problem)
                        result_.diagnostics.error(outcome.problem->rule, image.at,
                                                  image.src + ": " + outcome.problem->message,
                                                  "re-export the photo as a JPEG from the camera or phone",
                                                  page->source);
                }
        for (auto& [file, outcome] : results)
            if (outcome.processed) processed_.emplace(file, std::move(*outcome.processed));
    }

    // The photo shared on social media: one whose people all consent to the social channel.
    const content::Image* social_image(const content::Page& page) const {
        for (const auto& photo : page.photos) {
            if (photo.declaration != content::PeopleDeclaration::listed || !processed_.count(photo.file)) continue;
            bool everyone = std::all_of(photo.people.begin(), photo.people.end(), [&](const std::string& id) {
                const consent::Person* person = site_.people.find(id);
                return person && consent::photo_consent(*person, consent::Channel::social, site_.date,
                                                        context_.basis())
                                     .allowed;
            });
            if (everyone) return &photo;
        }
        return nullptr;
    }

    std::optional<Rendered> render_page(const content::Page& page, const std::vector<const content::Page*>& latest) {
        if (withheld(page.source)) return std::nullopt;
        Rendered rendered{page.url, renderer_.page(page, social_image(page), latest), page.source, &page, {}};
        for (const auto* list : {&page.photos, &page.work})
            for (const auto& image : *list)
                for (const auto& rendition : processed_.at(image.file).renditions) rendered.media.insert(rendition.name);
        for (const content::Page* post : latest)
            for (const auto& photo : post->photos)
                if (processed_.count(photo.file))
                    for (const auto& rendition : processed_.at(photo.file).renditions)
                        rendered.media.insert(rendition.name);
        verify(rendered, rules::pictured_people(page, context_));
        if (withheld(page.source)) return std::nullopt;
        return rendered;
    }

    void render_news_lists(const std::vector<const content::Page*>& posts, std::vector<Rendered>& pages) {
        size_t count = std::max<size_t>(1, (posts.size() + posts_per_news_page - 1) / posts_per_news_page);
        for (size_t number = 1; number <= count; ++number) {
            std::string url = number == 1 ? "news/index.html" : "news/page/" + std::to_string(number) + "/index.html";
            auto first = posts.begin() + static_cast<long>((number - 1) * posts_per_news_page);
            auto last = posts.begin() + static_cast<long>(std::min(posts.size(), number * posts_per_news_page));
            std::vector<const content::Page*> listed(first, last);
            Rendered rendered{url, renderer_.news_list(listed, static_cast<int>(number), static_cast<int>(count), url),
                              url, nullptr, {}};
            for (const content::Page* post : listed)
                for (const auto& photo : post->photos)
                    if (processed_.count(photo.file))
                        for (const auto& rendition : processed_.at(photo.file).renditions)
                            rendered.media.insert(rendition.name);
            verify(rendered, {});
            if (!withheld(url)) pages.push_back(std::move(rendered));
        }
    }

    // Step 7 for one page: the name and contact rules on the rendered bytes, and every image it
    // references must be a rendition this build made for it.
    void verify(const Rendered& page, const std::vector<const consent::Person*>& pictured) {
        std::string_view raw = page.source ? std::string_view(page.source->raw) : std::string_view();
        rules::check_rendered(page.page, raw, page.html, pictured, context_, result_.diagnostics);

        static const std::regex reference(R"re(\b(src|srcset)\s*=\s*"([^"]*)")re", std::regex::icase);
        for (auto it = std::sregex_iterator(page.html.begin(), page.html.end(), reference);
             it != std::sregex_iterator(); ++it) {
            for (const std::string& candidate : std::vector<std::string>{(*it)[2].str()}) {
                std::string list = candidate;
                for (std::string item; !list.empty();) {
                    size_t comma = list.find(',');
                    item = list.substr(0, comma);
                    list = comma == std::string::npos ? "" : list.substr(comma + 1);
                    std::string url = item.substr(item.find_first_not_of(' '));
                    url = url.substr(0, url.find(' '));
                    std::string name = fs::path(url).filename().string();
                    bool ours = url.find("media/") != std::string::npos && page.media.count(name);
                    if (!ours)
                        result_.diagnostics.error(diag::rule::photo_undeclared, {page.page, 0, 0},
                                                  "the rendered page " + page.url +
                                                      " references an image the gate did not process: " + url,
                                                  "check the theme: every image must be a declared photo", page.page);
                }
            }
        }
    }

    void write(const fs::path& out, const std::vector<Rendered>& pages) {
        output::StagedSite staged(out);
        output::BuildRecord record;
        record.date = site_.date.iso();
        std::map<std::string, const media::Rendition*> renditions;
        for (const auto& [file, processed] : processed_)
            for (const auto& rendition : processed.renditions) renditions.emplace(rendition.name, &rendition);

        std::set<std::string> media;
        for (const Rendered& page : pages) {
            staged.write(page.url, page.html);
            media.insert(page.media.begin(), page.media.end());
            result_.published.push_back(page.url);
            record.pages.push_back(page_record(page));
        }
        for (const std::string& name : media) {
            const media::Rendition& rendition = *renditions.at(name);
            // Read back the exact bytes about to be written: nothing identifying may remain.
            std::vector<std::string> found = media::find_metadata(rendition.bytes);
            if (!found.empty())
                throw util::Error(name, "metadata survived processing: " + found.front());
            staged.write("media/" + name, rendition.bytes);
            ++result_.images_written;
        }
        staged.copy_tree(theme_.assets_dir(), "assets");
        staged.commit();

        for (const content::Page* page : site_.due)
            if (withheld(page->source)) {
                result_.withheld.push_back(page->source);
                record.withheld.push_back({page->source, rules_of(page->source)});
            }
        fs::create_directories(site_.root / ".schoolgate");
        util::write_file_atomic(site_.root / ".schoolgate" / "build-record.json", record.to_json());
    }

    output::PageRecord page_record(const Rendered& page) const {
        output::PageRecord record{page.source ? page.source->source : "", page.url, util::sha256_hex(page.html), {}};
        if (!page.source) return record;
        for (const auto& photo : page.source->photos) {
            output::PhotoRecord entry{photo.src, {}, photo.people,
                                      photo.declaration == content::PeopleDeclaration::unidentifiable ? "unidentifiable"
                                                                                                       : "listed"};
            for (const auto& rendition : processed_.at(photo.file).renditions) entry.outputs.push_back(rendition.name);
            record.photos.push_back(std::move(entry));
        }
        return record;
    }

    std::vector<std::string> rules_of(const std::string& page) const {
        std::set<std::string> rules;
        for (const auto& d : result_.diagnostics.all())
            if (d.page == page && d.severity == diag::Severity::error) rules.insert(d.rule);
        return {rules.begin(), rules.end()};
    }

    const Site& site_;
    Result& result_;
    rules::Context context_;
    render::Theme theme_;
    render::ProcessedImages processed_;
    render::Renderer renderer_;
};

}  // namespace

void publish(const Site& site, const fs::path& out, int jobs, Result& result) { Publisher(site, result).run(out, jobs); }

}  // namespace sg::pipeline
