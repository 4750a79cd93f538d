// Fuzzes one page as the content stage loads it: front matter split, YAML, Markdown body scan
// (image uses, links, raw HTML), inline waivers and every image reference's resolution.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "content/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::filesystem::path content_dir = std::filesystem::temp_directory_path() / "sg-fuzz-content";
    std::string_view text(reinterpret_cast<const char*>(data), size);
    sg::diag::Diagnostics diagnostics;
    sg::content::parse_page(text, "content/news/fuzz.md", content_dir / "news" / "fuzz.md", content_dir, diagnostics);
    return 0;
}
