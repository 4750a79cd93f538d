#include "review/changes.h"

#include <set>

namespace sg::review {

namespace {

std::string photo_key(const output::PhotoRecord& photo) {
    std::string key = photo.declaration;
    for (const auto& name : photo.outputs) key += "|" + name;
    key += "|people";
    for (const auto& id : photo.people) key += "|" + id;
    return key;
}

using Images = std::vector<output::PhotoRecord> output::PageRecord::*;

// Photos (or documents: `images`) of `page` (may be null) that `other` (may be null) does not show.
void photos_not_in(const output::PageRecord* page, const output::PageRecord* other, std::vector<PhotoChange>& into,
                   Images images = &output::PageRecord::photos) {
    if (!page) return;
    std::multiset<std::string> kept;
    if (other)
        for (const auto& photo : other->*images) kept.insert(photo_key(photo));
    for (const auto& photo : page->*images) {
        auto found = kept.find(photo_key(photo));
        if (found != kept.end())
            kept.erase(found);
        else
            into.push_back({page->url, &photo});
    }
}

}  // namespace

Changes compare(const output::BuildRecord& before, const output::BuildRecord& after) {
    Changes changes;
    for (const auto& page : after.pages) {
        const output::PageRecord* previous = before.find(page.url);
        if (!previous)
            changes.added.push_back({nullptr, &page, {}});
        else if (previous->hash != page.hash)
            changes.changed.push_back({previous, &page, word_diff(previous->text, page.text)});
        photos_not_in(&page, previous, changes.photos_added);
        photos_not_in(&page, previous, changes.documents_added, &output::PageRecord::documents);
    }
    for (const auto& page : before.pages) {
        const output::PageRecord* next = after.find(page.url);
        if (!next) changes.removed.push_back({&page, nullptr, {}});
        photos_not_in(&page, next, changes.photos_removed);
        photos_not_in(&page, next, changes.documents_removed, &output::PageRecord::documents);
    }
    return changes;
}

}  // namespace sg::review
