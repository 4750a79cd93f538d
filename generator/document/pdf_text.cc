// page_text: each page's text through poppler, as a viewer would lay it out.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>

#include "document/pdf.h"

namespace sg::document {
namespace {

// poppler reports what it skips on stderr; the gate turns what matters into Problems instead.
void quiet_poppler() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

}  // namespace

std::optional<std::vector<std::string>> page_text(std::string_view bytes) {
    quiet_poppler();
    if (bytes.empty() || bytes.size() > std::size_t(INT_MAX)) return std::nullopt;
    std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(bytes.data(), int(bytes.size())));
    if (!document || document->is_locked()) return std::nullopt;
    std::vector<std::string> pages;
    for (int index = 0; index < document->pages(); ++index) {
        std::unique_ptr<poppler::page> page(document->create_page(index));
        if (!page) return std::nullopt;
        poppler::byte_array utf8 = page->text().to_utf8();
        pages.emplace_back(utf8.begin(), utf8.end());
    }
    return pages;
}

}  // namespace sg::document
