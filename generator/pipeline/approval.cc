#include "pipeline/approval.h"

#include "diag/rule_ids.h"
#include "output/approvals.h"
#include "output/state_paths.h"

namespace sg::pipeline {

namespace {

constexpr const char* hint = "run schoolgate review, then schoolgate approve --by NAME";

output::PageContent content_of(const content::Page& page, const config::Config& config) {
    output::PageContent content{page.source, page.file, {}, config::approved_lists_text(config)};
    for (const auto* list : {&page.photos, &page.work})
        for (const auto& image : *list) content.images.emplace_back(image.src, image.file);
    for (const auto& document : page.documents) content.images.emplace_back(document.src, document.file);
    return content;
}

diag::Location where(const content::Page& page) {
    if (page.title_at.line > 0) return page.title_at;
    return {page.source, 1, 1};
}

}  // namespace

std::filesystem::path approvals_path(const std::filesystem::path& site_root) {
    return output::state::approvals(site_root);
}

std::map<std::string, std::string> content_hashes(const Site& site) {
    std::map<std::string, std::string> hashes;
    for (const auto& page : site.pages) hashes.emplace(page.source, output::content_hash(content_of(page, site.config)));
    return hashes;
}

void require_approval(const Site& site, Result& result) {
    output::ApprovalLog log = output::ApprovalLog::read(approvals_path(site.root));
    std::string nothing;
    if (auto broken = log.verify())
        nothing = "the approvals log is broken (" + broken->reason + "), so no approval can be trusted";
    else if (!log.last())
        nothing = "no editorial approval has been recorded";
    for (const content::Page* page : site.due) {
        std::string message = nothing;
        if (message.empty()) {
            const output::Approval& last = *log.last();
            auto approved = last.pages.find(page->source);
            if (approved == last.pages.end())
                message = "this page is not covered by the last editorial approval (entry " +
                          std::to_string(last.sequence) + ")";
            else if (approved->second != output::content_hash(content_of(*page, site.config)))
                message = "this page, one of its images or documents, or the approved lists of schoolgate.yml changed since the last "
                          "editorial approval (entry " +
                          std::to_string(last.sequence) + ")";
        }
        if (!message.empty())
            result.diagnostics.error(diag::rule::review_unapproved, where(*page), message, hint, page->source);
    }
}

}  // namespace sg::pipeline
