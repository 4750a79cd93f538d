#include "pipeline/publish.h"

#include <algorithm>

#include "consent/consent.h"
#include "diag/rule_ids.h"
#include "media/cache.h"
#include "output/build_record.h"
#include "output/staged_site.h"
#include "document/pdf.h"
#include "output/state_paths.h"
#include "pipeline/built_with.h"
#include "pipeline/documents.h"
#include "pipeline/process_media.h"
#include "pipeline/verify_rendered.h"
#include "pipeline/workers.h"
#include "rules/documents.h"
#include "rules/html_text.h"
#include "render/site_files.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/hash.h"

namespace sg::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr size_t posts_per_news_page = 10;
constexpr size_t latest_on_home = 3;

template <typename Visit>
void for_each_image(const content::Page& page, Visit visit) {
    for (const auto* list : {&page.photos, &page.work})
        for (const auto& image : *list) visit(image);
}

// Steps 5-7: media, render, verify. Pages come first and what lists them (home, news index)
// after, from only the posts that made it through, so a withheld post is never even listed.
class Planner {
public:
    Planner(const Site& site, Result& result, Plan& plan)
        : site_(site), result_(result), plan_(plan), context_(site.rules_context()),
          theme_(site.root / "themes" / site.config.theme),
          renderer_(site.config, theme_, plan.processed, plan.documents,
                    [this](const content::Image& work) { return credit(work); }) {}

    void run(int jobs) {
        std::vector<const content::Page*> passed;
        for (const content::Page* page : site_.due)
            if (!withheld(page->source)) passed.push_back(page);
        process(passed, jobs);
        clean_documents(passed, jobs);

        // Every page but the home page, rendered and verified on the pool (each page on its own,
        // from what is settled by now), then taken into the plan in order, as one at a time would.
        // Processing a page's images or documents may have withheld it since the check.
        const content::Page* home = nullptr;
        std::vector<const content::Page*> pages;
        for (const content::Page* page : passed) {
            if (withheld(page->source)) continue;
            if (page->kind == content::PageKind::home)
                home = page;
            else
                pages.push_back(page);
        }
        std::vector<Verified> verified(pages.size());
        parallel_for(pages.size(), jobs, [&](size_t i) { verified[i] = render_page(*pages[i], {}); });
        std::vector<const content::Page*> posts;
        for (size_t i = 0; i < pages.size(); ++i)
            if (take(std::move(verified[i])) && pages[i]->kind == content::PageKind::post) posts.push_back(pages[i]);
        std::stable_sort(posts.begin(), posts.end(), [](auto* a, auto* b) { return a->date > b->date; });
        if (home)
            take(render_page(*home, {posts.begin(), posts.begin() + static_cast<long>(std::min(posts.size(), latest_on_home))}));
        render_news_lists(posts);
        render_tag_lists(posts);
        take(verify({"404.html", renderer_.not_found(), "404.html", nullptr, {}}, {}));
        add_site_files(posts);
    }

private:
    bool withheld(const std::string& key) const { return result_.diagnostics.withholds(key); }

    // How a work item is credited: the first name the pupil goes by, and their class.
    std::string credit(const content::Image& work) const {
        const consent::Person* person = site_.people.find(work.by);
        if (!person) throw util::Error(work.file, "work credited to an unknown person reached the renderer");
        return person->group.empty() ? person->preferred_first_name()
                                     : person->preferred_first_name() + ", " + person->group;
    }

    void process(const std::vector<const content::Page*>& pages, int jobs) {
        std::map<fs::path, MediaJob> files;
        for (const content::Page* page : pages)
            for_each_image(*page, [&](const content::Image& image) {
                // check() withheld the page if its obscure list could not be resolved.
                auto obscure = site_.obscured.find(image.media_key());
                if (obscure == site_.obscured.end())
                    throw util::Error(image.file, "a region to obscure could not be found after the check");
                files.emplace(image.media_key(), MediaJob{image.file, obscure->second});
            });
        ProcessedMedia media =
            process_media(files, media_settings(site_.config.images), jobs, *site_.cache, site_.fresh);
        result_.images_processed = media.computed;
        result_.images_from_detection = media.from_detection;
        result_.images_from_cache = media.from_cache;
        auto& results = media.results;
        for (const content::Page* page : pages)
            for_each_image(*page, [&](const content::Image& image) {
                const media::ProcessResult& outcome = results.at(image.media_key());
                if (outcome.problem)
                    result_.diagnostics.error(outcome.problem->rule, image.at, image.src + ": " + outcome.problem->message,
                                              "re-export the photo as a JPEG from the camera or phone", page->source);
            });
        for (auto& [file, outcome] : results)
            if (outcome.processed) plan_.processed.emplace(file, std::move(*outcome.processed));
    }

    // Step 5 for documents: the clean copy of every document of the pages that passed (read back
    // when it was made: pipeline/documents.h), its text checked again as published.
    void clean_documents(const std::vector<const content::Page*>& pages, int jobs) {
        std::set<fs::path> files;
        for (const content::Page* page : pages)
            for (const auto& document : page->documents) files.insert(document.file);
        if (files.empty()) return;
        auto cleaned = pipeline::clean_documents(files, document_limits(site_.config.images), jobs, *site_.cache);
        for (const content::Page* page : pages)
            for (const auto& document : page->documents) {
                CleanCopy& copy = cleaned.results.at(document.file);
                if (const auto& problem = copy.cleaned.problem) {
                    result_.diagnostics.error(problem->rule, document.at, document.src + ": " + problem->message,
                                              "export the document again as a plain PDF, or publish its text as a page",
                                              page->source);
                    continue;
                }
                rules::check_document_text(*page, document, copy.text, context_, result_.diagnostics);
                if (withheld(page->source)) continue;
                const std::string& bytes = copy.cleaned.bytes;
                std::string name = util::sha256_hex(bytes).substr(0, 16) + ".pdf";
                plan_.documents[document.file] = {name, bytes.size(), copy.cleaned.pages};
                plan_.document_bytes[name] = bytes;
                plan_.document_text[document.file] = copy.text;
            }
    }

    // The photo shared on social media: the first whose people all consent to the social channel,
    // those it obscures included (an obscured person is still in the picture that is shared).
    const content::Image* social_image(const content::Page& page) const {
        auto consents = [&](const std::string& id) {
            const consent::Person* person = site_.people.find(id);
            return person &&
                   consent::photo_consent(*person, consent::Channel::social, site_.date, context_.basis()).allowed;
        };
        for (const auto& photo : page.photos) {
            if (photo.declaration != content::PeopleDeclaration::listed) continue;
            bool everyone = std::all_of(photo.people.begin(), photo.people.end(), consents) &&
                            std::all_of(photo.obscure.begin(), photo.obscure.end(), [&](const content::Obscure& region) {
                                return region.person.empty() || consents(region.person);
                            });
            if (everyone) return &photo;
        }
        return nullptr;
    }

    void add_renditions(const content::Image& image, std::set<std::string>& media) const {
        auto found = plan_.processed.find(image.media_key());
        if (found == plan_.processed.end()) return;
        for (const auto& rendition : found->second.renditions) media.insert(rendition.name);
    }

    // A rendered page, verified (step 7): what the verifier found, kept apart until the page is
    // taken, so that pages can be verified side by side.
    struct Verified {
        RenderedPage page;
        diag::Diagnostics found;
    };

    // Renders a page and verifies it. Reads only: safe on several threads at once.
    Verified render_page(const content::Page& page, const std::vector<const content::Page*>& latest) const {
        RenderedPage rendered{page.url, renderer_.page(page, social_image(page), latest), page.source, &page, {}};
        for_each_image(page, [&](const content::Image& image) { add_renditions(image, rendered.media); });
        for (const auto& document : page.documents) rendered.documents.insert(plan_.documents.at(document.file).name);
        for (const content::Page* post : latest)
            for (const auto& photo : post->photos) add_renditions(photo, rendered.media);
        return verify(std::move(rendered), rules::pictured_people(page, context_));
    }

    void render_news_lists(const std::vector<const content::Page*>& posts) {
        size_t count = std::max<size_t>(1, (posts.size() + posts_per_news_page - 1) / posts_per_news_page);
        for (size_t number = 1; number <= count; ++number) {
            std::string url = number == 1 ? "news/index.html" : "news/page/" + std::to_string(number) + "/index.html";
            size_t first = (number - 1) * posts_per_news_page;
            std::vector<const content::Page*> listed(posts.begin() + static_cast<long>(first),
                                                     posts.begin() + static_cast<long>(std::min(posts.size(), first + posts_per_news_page)));
            RenderedPage rendered{url, renderer_.news_list(listed, static_cast<int>(number), static_cast<int>(count), url),
                                  url, nullptr, {}};
            for (const content::Page* post : listed)
                for (const auto& photo : post->photos) add_renditions(photo, rendered.media);
            take(verify(std::move(rendered), {}));
        }
    }

    // tags/<tag>/index.html for every tag of the posts that passed.
    void render_tag_lists(const std::vector<const content::Page*>& posts) {
        // Keyed by URL: tags written differently ("Music", "music") share one page, under the
        // first spelling, rather than two pages at one path.
        std::map<std::string, std::pair<std::string, std::vector<const content::Page*>>> tagged;
        for (const content::Page* post : posts)
            for (const std::string& tag : post->tags) {
                auto& [name, listed] = tagged.try_emplace(render::tag_url(tag), tag, std::vector<const content::Page*>{})
                                           .first->second;
                if (listed.empty() || listed.back() != post) listed.push_back(post);
            }
        for (const auto& [url, entry] : tagged) {
            const auto& [tag, listed] = entry;
            RenderedPage rendered{url, renderer_.tag_list(tag, listed, url), url, nullptr, {}};
            for (const content::Page* post : listed)
                for (const auto& photo : post->photos) add_renditions(photo, rendered.media);
            take(verify(std::move(rendered), {}));
        }
    }

    // feed.xml, sitemap.xml and robots.txt are published text too: verified like any page.
    void add_site_files(const std::vector<const content::Page*>& posts) {
        take(verify({"feed.xml", render::atom_feed(site_.config, posts, site_.date), "feed.xml", nullptr, {}}, {}));
        std::vector<render::SitemapEntry> entries;
        for (const RenderedPage& page : plan_.pages)
            if (page.url.ends_with(".html") && page.url != "404.html")
                entries.push_back({page.url, page.source ? page.source->date : std::nullopt});
        take(verify({"sitemap.xml", render::sitemap(site_.config, entries), "sitemap.xml", nullptr, {}}, {}));
        take(verify({"robots.txt", render::robots_txt(site_.config), "robots.txt", nullptr, {}}, {}));
    }

    // Step 7: the rendered bytes checked again, and the page's visible text kept for the record.
    Verified verify(RenderedPage page, const std::vector<const consent::Person*>& pictured) const {
        Verified verified;
        std::vector<rules::TextPiece> pieces = rules::published_text(page.html);
        verify_rendered(page, pieces, pictured, context_, verified.found);
        for (const rules::TextPiece& piece : pieces)
            if (piece.where == "text") page.text += output::compact_text(piece.text);
        verified.page = std::move(page);
        return verified;
    }

    // What the verifier found joins the build's diagnostics; the page goes into the plan unless
    // they withhold it. False when it is withheld.
    bool take(Verified verified) {
        result_.diagnostics.append(verified.found);
        const RenderedPage& page = verified.page;
        if (withheld(page.key)) {
            if (!page.source) result_.withheld.push_back(page.key);
            return false;
        }
        plan_.pages.push_back(std::move(verified.page));
        return true;
    }

    const Site& site_;
    Result& result_;
    Plan& plan_;
    rules::Context context_;
    render::Theme theme_;
    render::Renderer renderer_;
};

// The consent a pictured person is published under: ids and dates only, never names.
output::ConsentRecord consent_record(const Site& site, const std::string& id) {
    output::ConsentRecord record{id, std::string(consent::channel_name(consent::Channel::website)), {}, {}};
    if (const consent::Person* person = site.people.find(id)) {
        if (person->granted_on) record.granted_on = person->granted_on->iso();
        if (person->expires_on) record.expires_on = person->expires_on->iso();
    }
    return record;
}

output::PageRecord page_record(const Site& site, const RenderedPage& page, const Plan& plan) {
    output::PageRecord record{page.source ? page.source->source : "", page.url, util::sha256_hex(page.html), page.text, {}};
    if (!page.source) return record;
    for (const auto& photo : page.source->photos) {
        output::PhotoRecord entry{photo.src, photo.alt, {}, photo.people,
                                  photo.declaration == content::PeopleDeclaration::unidentifiable ? "unidentifiable"
                                                                                                   : "listed",
                                  {}};
        for (const auto& rendition : plan.processed.at(photo.media_key()).renditions) entry.outputs.push_back(rendition.name);
        for (const std::string& id : photo.people) entry.consents.push_back(consent_record(site, id));
        record.photos.push_back(std::move(entry));
    }
    for (const auto& document : page.source->documents) {
        output::PhotoRecord entry{document.src, document.title, {plan.documents.at(document.file).name}, document.people,
                                  document.declaration == content::PeopleDeclaration::unidentifiable ? "unidentifiable"
                                                                                                      : "listed",
                                  {}};
        for (const std::string& id : document.people) entry.consents.push_back(consent_record(site, id));
        record.documents.push_back(std::move(entry));
        // Review diffs a document's words with its page's: "[October newsletter, page 2]" then the text.
        const std::vector<std::string>& pages = plan.document_text.at(document.file);
        for (size_t i = 0; i < pages.size(); ++i)
            record.text += "\n[" + document.title + ", page " + std::to_string(i + 1) + "]\n" + output::compact_text(pages[i]);
    }
    return record;
}

// The exact bytes about to be published are read back: nothing identifying may remain.
void check_clean(const std::string& name, std::string_view bytes) {
    std::vector<std::string> found = media::find_metadata(bytes);
    if (!found.empty()) throw util::Error(name, "metadata survived processing: " + found.front());
}

}  // namespace

Plan plan(const Site& site, int jobs, Result& result) {
    Plan plan;
    Planner(site, result, plan).run(jobs);
    for (const content::Page* page : site.due)
        if (result.diagnostics.withholds(page->source)) result.withheld.push_back(page->source);
    return plan;
}

output::BuildRecord build_record(const Site& site, const Plan& plan, const Result& result) {
    output::BuildRecord record;
    record.date = site.date.iso();
    for (const Component& component : built_with()) record.built_with[component.name] = component.version;
    for (const RenderedPage& page : plan.pages) record.pages.push_back(page_record(site, page, plan));
    for (const std::string& key : result.withheld) record.withheld.push_back({key, result.diagnostics.rules_withholding(key)});
    return record;
}

void write(const Site& site, const Plan& plan, const fs::path& out, const Options& options, Result& result) {
    std::map<std::string, const media::Rendition*> renditions;
    for (const auto& [file, processed] : plan.processed)
        for (const auto& rendition : processed.renditions) renditions.emplace(rendition.name, &rendition);

    output::StagedSite staged(out);
    output::BuildRecord built = build_record(site, plan, result);
    std::set<std::string> media;
    for (const RenderedPage& page : plan.pages) {
        staged.write(page.url, page.html);
        media.insert(page.media.begin(), page.media.end());
    }
    for (const std::string& name : media) {
        const media::Rendition& rendition = *renditions.at(name);
        if (rendition.file.empty()) {
            // Only in memory (the cache could not keep it): read back, then written.
            check_clean(name, rendition.bytes);
            staged.write("media/" + name, rendition.bytes);
            continue;
        }
        // From the image cache, linked rather than copied. A rendition found in the cache this
        // build, whose staged file is still the file whose bytes hashed to its name then, was read
        // back clean when it was cached. Anything else is read back from the staged file itself.
        output::StagedFile file = staged.link("media/" + name, rendition.file);
        if (rendition.verified && S_ISREG(file.stat.st_mode) && media::stamp_of(file.stat) == *rendition.verified)
            continue;
        std::string bytes = util::read_file(file.path);
        if (util::sha256_hex(bytes).compare(0, 16, name, 0, 16) != 0)
            throw util::Error(rendition.file, "the cached image changed during the build");
        check_clean(name, bytes);
    }
    std::set<std::string> documents;
    for (const RenderedPage& page : plan.pages) documents.insert(page.documents.begin(), page.documents.end());
    // These very bytes were read back when the copy was made (pipeline/documents.h).
    for (const std::string& name : documents) staged.write("documents/" + name, plan.document_bytes.at(name));
    staged.copy_tree(site.root / "themes" / site.config.theme / "assets", "assets");
    built.files = staged.written();
    built.has_files = true;
    built.out = util::is_within(out, site.root) ? out.lexically_relative(site.root).generic_string() : out.string();
    built.require_approval = options.require_approval;
    std::string record_json = built.to_json();  // anything that can fail, before the swap
    staged.commit();

    for (const RenderedPage& page : plan.pages) result.published.push_back(page.url);
    result.images_written = media.size();
    result.documents_written = documents.size();
    if (!options.record) return;
    fs::create_directories(output::state::folder(site.root));
    util::write_file_atomic(output::state::build_record(site.root), record_json);
}

}  // namespace sg::pipeline
