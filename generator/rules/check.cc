#include "rules/check.h"

#include <algorithm>

#include "rules/html_text.h"
#include "rules/photos.h"
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
    return text;
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

}  // namespace

void check_page(const content::Page& page, const Context& context, diag::Diagnostics& diagnostics) {
    check_photos(page, context, diagnostics);
    check_work(page, context, diagnostics);

    std::vector<const consent::Person*> pictured = pictured_people(page, context);
    std::string source = publishable_source(page);
    LineIndex lines(source);
    scan_text({source,
               [&](size_t offset) {
                   auto [line, column] = lines.position(offset);
                   return diag::Location{page.source, line, column};
               },
               false, "the page"},
              page.source, pictured, context, diagnostics);

    for (const auto& photo : page.photos)
        for (const auto& [text, what] : {std::pair{&photo.alt, "a photo's alt text"},
                                         std::pair{&photo.caption, "a photo's caption"},
                                         std::pair{&photo.title, "a photo's title"}}) {
            scan_text({*text, [&](size_t offset) { return locate_in_source(page, *text, offset, photo.at); }, true,
                       what},
                      page.source, pictured, context, diagnostics);
        }
}

void check_rendered(std::string_view page, std::string_view raw, std::string_view html,
                    const std::vector<const consent::Person*>& pictured, const Context& context,
                    diag::Diagnostics& diagnostics) {
    for (const TextPiece& piece : published_text(html)) {
        auto locate = [&](size_t offset) {
            // Point at the same words in the source when they are there literally.
            std::string_view words = std::string_view(piece.text).substr(offset, 40);
            size_t at = raw.empty() ? std::string::npos : raw.find(words.substr(0, words.find(' ')));
            if (at == std::string::npos) return diag::Location{std::string(page), 0, 0};
            auto [line, column] = LineIndex(raw).position(at);
            return diag::Location{std::string(page), line, column};
        };
        bool alt = piece.where.find("alt") != std::string::npos;
        scan_text({piece.text, locate, alt, "the rendered page (" + piece.where + ")"}, page, pictured, context,
                  diagnostics);
    }
}

}  // namespace sg::rules
