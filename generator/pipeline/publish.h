// Steps 5-8 of the build. plan() processes the media of the pages that passed the check, renders
// them and verifies the rendered bytes (steps 5-7); write() puts exactly the planned pages and the
// renditions they reference into site/, atomically, with the build record (step 8). `review`
// compares a plan with the last build record without writing anything.
#pragma once
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "output/build_record.h"
#include "pipeline/pipeline.h"
#include "render/renderer.h"

namespace sg::pipeline {

// A page that passed every check, rendered and verified, ready to be written.
struct RenderedPage {
    std::string url;                       // relative to the site root
    std::string html;
    std::string key;                       // what diagnostics withhold: the source, or the URL of a generated page
    const content::Page* source = nullptr;  // null for generated pages (news index, 404)
    std::set<std::string> media;           // names of the renditions it references
    std::set<std::string> documents;       // names of the clean documents it links
    std::string text;                      // its visible text, compacted (output::compact_text), once verified
};

struct Plan {
    std::vector<RenderedPage> pages;
    render::ProcessedImages processed;  // by content::Image::media_key()
    render::PublishedDocuments documents;  // by content::Document::file
    std::map<std::string, std::string> document_bytes;  // the clean copies, by name
    // The text of each clean copy's pages, by content::Document::file (checked, and recorded for review).
    std::map<std::filesystem::path, std::vector<std::string>> document_text;
};

Plan plan(const Site& site, int jobs, Result& result);
// What a build records in .schoolgate/build-record.json for this plan; `review` compares it with
// the last one without writing anything.
output::BuildRecord build_record(const Site& site, const Plan& plan, const Result& result);
// Writes the plan to `out`, all at once, and, when `options.record`, the build record (with every
// file written and the options `publish` needs to judge the site later).
void write(const Site& site, const Plan& plan, const std::filesystem::path& out, const Options& options, Result& result);

}  // namespace sg::pipeline
