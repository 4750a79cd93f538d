// What would change on the public site: the build record of the last build compared with the one
// this build would write. Pages are matched by URL, photos on a page by their renditions, people
// and declaration (the same picture of other people, or re-declared, is a removal and an addition);
// documents alike, by their clean copy.
#pragma once
#include <string>
#include <vector>

#include "output/build_record.h"
#include "review/word_diff.h"

namespace sg::review {

struct PageChange {
    const output::PageRecord* before = nullptr;  // null when added
    const output::PageRecord* after = nullptr;   // null when removed
    std::vector<DiffPart> text;                   // the word diff of the visible text (changed pages)
};

struct PhotoChange {
    std::string url;  // the page showing it
    const output::PhotoRecord* photo = nullptr;
};

struct Changes {
    std::vector<PageChange> added, changed, removed;
    std::vector<PhotoChange> photos_added, photos_removed;
    std::vector<PhotoChange> documents_added, documents_removed;  // PDFs, recorded as photos are
};

// Both records must outlive the result (it points into them).
Changes compare(const output::BuildRecord& before, const output::BuildRecord& after);

}  // namespace sg::review
