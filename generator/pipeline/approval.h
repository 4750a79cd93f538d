// The editorial gate of `schoolgate build --require-approval`: a page is published only if its
// content (source and images, output::content_hash) is what the last entry of the approvals log
// approved. Recording approvals and reviewing changes are the review stage's; this is the check.
#pragma once
#include <filesystem>
#include <map>
#include <string>

#include "pipeline/pipeline.h"

namespace sg::pipeline {

// <site>/.schoolgate/approvals.jsonl: committed with the content, not in the ignored cache.
std::filesystem::path approvals_path(const std::filesystem::path& site_root);

// The content hash of every page loaded (published or not), by source.
std::map<std::string, std::string> content_hashes(const Site& site);

// Withholds (review.unapproved) every due page whose content differs from the last approval.
// A missing or broken log approves nothing: fail closed.
void require_approval(const Site& site, Result& result);

}  // namespace sg::pipeline
