// Splits a page into YAML front matter and Markdown body, and reads the front matter into a Page.
#pragma once
#include <string>
#include <string_view>

#include "content/page.h"
#include "diag/diagnostic.h"

namespace sg::content {

struct Split {
    std::string_view front_matter;  // without the --- fences; empty when there is none
    std::string_view body;
    int front_matter_line = 0;  // source line of the front matter's first line (0 when none)
    int body_line = 1;
    bool unterminated = false;  // an opening --- with no closing one
};

Split split_front_matter(std::string_view text);

// Fills page's front matter fields from `yaml`; every problem is a content.invalid diagnostic
// located in the page's source and withholding it.
void read_front_matter(std::string_view yaml, int first_line, Page& page, diag::Diagnostics& diagnostics);

}  // namespace sg::content
