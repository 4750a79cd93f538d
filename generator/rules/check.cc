#include "rules/check.h"

#include <algorithm>
#include <functional>
#include <optional>

#include "diag/rule_ids.h"
#include "rules/documents.h"
#include "rules/html_text.h"
#include "rules/photos.h"
#include "rules/running_text.h"
#include "rules/text_scan.h"

namespace sg::rules {

consent::LawfulBasis Context::basis() const {
    return config.policy.lawful_basis == config::LawfulBasisSetting::public_task ? consent::LawfulBasis::public_task
                                                                                : consent::LawfulBasis::consent;
}

std::vector<const consent::Person*> pictured_people(const content::Page& page, const Context& context) {
    std::vector<const consent::Person*> pictured;
    auto add = [&](const consent::Person* person) {
        if (person && std::find(pictured.begin(), pictured.end(), person) == pictured.end())
            pictured.push_back(person);
    };
    for (const auto& photo : page.photos) {
        for (const auto& id : photo.people) add(context.people.find(id));
        auto found = context.images.find(photo.file);
        if (found != context.images.end() && found->second.info)
            for (const auto* person : tagged_people(*found->second.info, context).people) add(person);
    }
    return pictured;
}

namespace {

// The page's source with the values that are never published blanked out: `src:` lines of the
// front matter (image files are published under content-hash names). Offsets keep their lines
// and columns.
std::string publishable_source(const content::Page& page) {
    std::string text = page.raw;
    size_t line_start = 0;
    for (int line = 1; line < page.body_line && line_start < text.size(); ++line) {
        size_t line_end = std::min(text.find('\n', line_start), text.size());
        std::string_view content(text.data() + line_start, line_end - line_start);
        size_t key = content.find_first_not_of(" \t-");
        if (key != std::string_view::npos && content.substr(key, 4) == "src:")
            std::fill(text.begin() + static_cast<long>(line_start + key + 4), text.begin() + static_cast<long>(line_end), ' ');
        line_start = line_end + 1;
    }
    // Waiver comments are removed from the published HTML.
    std::string body = content::blank_waiver_comments(std::string_view(text).substr(std::min(line_start, text.size())));
    text.replace(std::min(line_start, text.size()), std::string::npos, body);
    return text;
}

// The byte offset where 1-based `line` of `text` starts (the end of the text past its last line).
size_t line_start(std::string_view text, int line) {
    size_t at = 0;
    for (int n = 1; n < line && at < text.size(); ++n) {
        size_t end = text.find('\n', at);
        at = end == std::string_view::npos ? text.size() : end + 1;
    }
    return at;
}

// Where a text from front matter (an alt, a caption) stands in the source; the entry's own
// location when the text cannot be found literally (folded YAML, escapes).
diag::Location locate_in_source(const content::Page& page, std::string_view text, size_t offset,
                                diag::Location fallback) {
    size_t at = text.empty() ? std::string::npos : page.raw.find(text);
    if (at == std::string::npos) return fallback;
    auto [line, column] = LineIndex(page.raw).position(at + offset);
    return {page.source, line, column};
}

// The name and contact rules on everything the page publishes from its source: its address
// (the file name becomes the URL other pages link to), its front matter and body, and its photos'
// alt, caption and title. `waived` is told of every finding a waiver excuses.
void scan_sources(const content::Page& page, const Context& context, diag::Diagnostics& diagnostics,
                  const std::function<void(std::string_view rule, std::string_view subject)>& waived) {
    std::vector<const consent::Person*> pictured = pictured_people(page, context);
    scan_text({page.url, [&](size_t) { return diag::Location{page.source, 1, 1}; }, false,
               "the page's address (from its file name)"},
              page.source, pictured, context, diagnostics);

    std::string source = publishable_source(page);
    LineIndex lines(source);
    TextScope body{source,
                   [&](size_t offset) {
                       auto [line, column] = lines.position(offset);
                       return diag::Location{page.source, line, column};
                   },
                   false, "the page"};
    body.running_text = markdown_running_text(source, line_start(source, page.body_line));
    body.waived = [&](std::string_view rule, std::string_view subject,
                      const diag::Location& at) -> std::optional<std::string> {
        for (const content::Waiver& waiver : page.waivers)
            if (waiver.rule == rule && waiver.covers(at)) {
                waived(rule, subject);
                return waiver.reason;
            }
        return std::nullopt;
    };
    scan_text(body, page.source, pictured, context, diagnostics);
    // A waiver's reason is not published, but it is printed in reports: it may not name a pupil in
    // full either (nobody is pictured in it, so a first name alone is fine).
    for (const content::Waiver& waiver : page.waivers)
        scan_text({waiver.reason, [&](size_t) { return waiver.at; }, false, "a waiver's reason"}, page.source, {},
                  context, diagnostics);

    for (const auto& photo : page.photos)
        for (const auto& [text, what] : {std::pair{&photo.alt, "a photo's alt text"},
                                         std::pair{&photo.caption, "a photo's caption"},
                                         std::pair{&photo.title, "a photo's title"}}) {
            const std::string* field = text;  // clang before 16 cannot capture a structured binding
            scan_text({*field, [&](size_t offset) { return locate_in_source(page, *field, offset, photo.at); }, true,
                       what},
                      page.source, pictured, context, diagnostics);
        }

    // A work item is credited with the pupil's first name: that name must not stand beside a
    // photo of the same pupil.
    if (context.config.policy.first_name_with_photo == config::FirstNameWithPhoto::never)
        for (const auto& item : page.work) {
            const consent::Person* person = context.people.find(item.by);
            if (person && person->is_pupil() && !person->is_protected &&
                std::find(pictured.begin(), pictured.end(), person) != pictured.end())
                diagnostics.error(diag::rule::name_with_photo, item.by_at,
                                  "work is credited by first name to a pupil pictured on this page (" +
                                      person->redacted() + ")",
                                  "a pupil credited for their work must not be shown in the page's photos", page.source);
        }
}

}  // namespace

void check_page(const content::Page& page, const Context& context, diag::Diagnostics& diagnostics) {
    check_photos(page, context, diagnostics);
    check_work(page, context, diagnostics);
    check_documents(page, context, diagnostics);
    scan_sources(page, context, diagnostics, [](std::string_view, std::string_view) {});
}

WaiverBudget waived_in_source(const content::Page& page, const Context& context) {
    WaiverBudget budget;
    if (page.waivers.empty()) return budget;
    diag::Diagnostics ignored;
    scan_sources(page, context, ignored, [&](std::string_view rule, std::string_view subject) {
        ++budget[{std::string(rule), std::string(subject)}];
    });
    return budget;
}

void check_rendered(std::string_view page, std::string_view raw, const std::vector<TextPiece>& pieces,
                    const std::vector<const consent::Person*>& pictured, const Context& context,
                    diag::Diagnostics& diagnostics, WaiverBudget waived) {
    for (const TextPiece& piece : pieces) {
        auto locate = [&](size_t offset) {
            // Point at the same words in the source when they are there literally.
            std::string_view words = std::string_view(piece.text).substr(offset, 40);
            size_t at = raw.empty() ? std::string::npos : raw.find(words.substr(0, words.find(' ')));
            if (at == std::string::npos) return diag::Location{std::string(page), 0, 0};
            auto [line, column] = LineIndex(raw).position(at);
            return diag::Location{std::string(page), line, column};
        };
        bool alt = piece.where.find("alt") != std::string::npos;
        TextScope scope{piece.text, locate, alt, "the rendered page (" + piece.where + ")"};
        scope.running_text = html_running_text(piece);
        scope.waived = [&](std::string_view rule, std::string_view subject,
                           const diag::Location&) -> std::optional<std::string> {
            auto found = waived.find({std::string(rule), std::string(subject)});
            if (found == waived.end() || found->second == 0) return std::nullopt;
            --found->second;
            return "waived in the source";
        };
        scope.report_waived = false;
        scan_text(scope, page, pictured, context, diagnostics);
    }
}

}  // namespace sg::rules
