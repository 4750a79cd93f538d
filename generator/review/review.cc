#include "review/review.h"

#include "media/cache.h"
#include "output/approvals.h"
#include "output/state_paths.h"
#include "pipeline/approval.h"
#include "pipeline/publish.h"
#include "rules/photos.h"
#include "util/fs.h"

namespace sg::review {

namespace fs = std::filesystem;

namespace {

std::string base64(std::string_view bytes) {
    static const char* const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                     static_cast<unsigned char>(bytes[i + 2]);
        for (int shift : {18, 12, 6, 0}) out += alphabet[(n >> shift) & 63];
    }
    if (i < bytes.size()) {
        unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

// The smallest rendition a browser shows everywhere: the first JPEG (renditions are smallest first).
std::string thumbnail_name(const output::PhotoRecord& photo) {
    for (const auto& name : photo.outputs)
        if (name.ends_with(".jpg")) return name;
    return photo.outputs.empty() ? std::string() : photo.outputs.front();
}

std::string data_uri(const std::string& name, std::string_view bytes) {
    std::string type = name.ends_with(".webp")   ? "image/webp"
                       : name.ends_with(".avif") ? "image/avif"
                       : name.ends_with(".png")  ? "image/png"
                                                 : "image/jpeg";
    return "data:" + type + ";base64," + base64(bytes);
}

ApprovalState approval_state(const pipeline::Site& site) {
    ApprovalState state;
    output::ApprovalLog log = output::ApprovalLog::read(pipeline::approvals_path(site.root));
    if (auto broken = log.verify()) state.broken = broken->reason;
    const output::Approval* last = state.broken.empty() ? log.last() : nullptr;
    if (last) {
        state.last = last->sequence;
        state.by = last->by;
        state.time = last->time;
    }
    for (const auto& [source, hash] : pipeline::content_hashes(site)) {
        auto approved = last ? last->pages.find(source) : std::map<std::string, std::string>::const_iterator{};
        if (!last || approved == last->pages.end() || approved->second != hash) state.unapproved.push_back(source);
    }
    return state;
}

}  // namespace

bool Review::anything_changed() const {
    return !changes.added.empty() || !changes.changed.empty() || !changes.removed.empty() ||
           !changes.photos_added.empty() || !changes.photos_removed.empty();
}

std::string built_with_words(const std::map<std::string, std::string>& built_with) {
    if (built_with.empty()) return "an earlier schoolgate (not recorded)";
    auto version = [&](const char* name) {
        auto found = built_with.find(name);
        return found == built_with.end() ? std::string("?") : found->second;
    };
    return "schoolgate " + version("schoolgate") + " (libvips " + version("libvips") + ", exiv2 " + version("exiv2") +
           ", OpenCV " + version("OpenCV") + ", face model " + version("face model sha256").substr(0, 12) + ")";
}

std::string consent_words(const output::ConsentRecord& consent) {
    std::string words = consent.channel + " consent";
    if (!consent.granted_on.empty()) words += ", granted " + consent.granted_on;
    words += consent.expires_on.empty() ? ", no expiry date" : ", expires " + consent.expires_on;
    return words;
}

std::unique_ptr<Review> run_review(const Options& options) {
    auto review = std::make_unique<Review>();
    pipeline::Result& result = review->result;
    std::unique_ptr<pipeline::Site> site = pipeline::load(options.pipeline, result);
    if (!site) return review;
    review->school = site->config.school_name;
    review->lists = {site->config.contact.organisations, site->config.policy.phrases,
                     site->config.contact.builtin_helplines};
    pipeline::check(*site, result);
    pipeline::Plan plan = pipeline::plan(*site, options.pipeline.jobs, result);
    result.diagnostics.sort_and_deduplicate();
    result.status = result.withheld.empty() ? pipeline::Status::published : pipeline::Status::withheld;

    review->after = pipeline::build_record(*site, plan, result);
    review->against = options.against.empty() ? output::state::build_record(site->root) : options.against;
    std::error_code ec;
    if (fs::exists(review->against, ec)) {
        review->before = output::BuildRecord::from_json(util::read_file(review->against), review->against);
        review->has_previous = true;
    }
    review->changes = compare(review->before, review->after);

    for (const auto& key : result.withheld) {
        review->withheld.push_back({key, result.diagnostics.withholding(key)});
    }
    for (const auto& d : result.diagnostics.all())
        if (d.severity == diag::Severity::warning) review->warnings.push_back(d);
    for (const auto& page : review->after.pages)
        for (const auto& photo : page.photos)
            if (photo.declaration == "unidentifiable") review->unidentifiable.push_back({page.url, &photo});

    // Thumbnails: what this build would write, or for removed photos what site/ holds now.
    std::map<std::string, const media::Rendition*> planned;
    for (const auto& [file, processed] : plan.processed)
        for (const auto& rendition : processed.renditions) planned.emplace(rendition.name, &rendition);
    fs::path media = (options.pipeline.out.empty() ? site->root / "site" : options.pipeline.out) / "media";
    auto show = [&](const output::PhotoRecord& photo) {
        for (const auto& id : photo.people) {
            const consent::Person* person = site->people.find(id);
            review->people.emplace(id, person ? person->redacted() : id + " (no longer in the register)");
        }
        std::string name = thumbnail_name(photo);
        if (name.empty() || review->thumbnails.count(name)) return;
        if (auto found = planned.find(name); found != planned.end())
            review->thumbnails.emplace(name, data_uri(name, media::rendition_bytes(*found->second)));
        else if (fs::is_regular_file(media / name, ec))
            review->thumbnails.emplace(name, data_uri(name, util::read_file(media / name)));
    };
    for (const auto* list : {&review->changes.photos_added, &review->changes.photos_removed, &review->unidentifiable,
                             &review->changes.documents_added, &review->changes.documents_removed})
        for (const auto& change : *list) show(*change.photo);

    // Photos with faces found, drawn with their boxes: the output the site would get, or (for a
    // withheld photo, which has none) a small copy of the source, shown to the editor only.
    media::Settings preview{.widths = {480}, .max_width = 480, .formats = {"jpeg"}};
    for (const content::Page* page : site->due)
        for (const auto& photo : page->photos) {
            auto found = site->faces.find(photo.file);
            bool has_faces = found != site->faces.end() && found->second.faces && !found->second.faces->empty();
            if (!has_faces && photo.not_people.empty()) continue;
            FacesFound item{page->source, photo.src, photo.people.size(),
                            has_faces ? *found->second.faces : std::vector<media::Box>{}, {}, {}, {}};
            item.not_people = rules::not_people_boxes(photo);
            if (auto obscured = site->obscured.find(photo.media_key()); obscured != site->obscured.end())
                item.obscured = obscured->second;
            if (auto planned_image = plan.processed.find(photo.media_key()); planned_image != plan.processed.end()) {
                for (const auto& rendition : planned_image->second.renditions)
                    if (rendition.format == "jpeg") {
                        item.thumbnail = data_uri(rendition.name, media::rendition_bytes(rendition));
                        break;
                    }
            } else {
                media::ProcessResult small = media::process(photo.file, preview, item.obscured);
                if (small.processed && !small.processed->renditions.empty())
                    item.thumbnail = data_uri(small.processed->renditions.front().name,
                                              small.processed->renditions.front().bytes);
            }
            review->faces.push_back(std::move(item));
        }

    review->approval = approval_state(*site);
    return review;
}

}  // namespace sg::review
