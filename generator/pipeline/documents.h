// PDF documents through the image cache and the pool of workers: read (step 3, document::inspect:
// text, pictures, faces) and, for the pages that passed the gate, rewritten clean (step 5,
// document::rewrite_clean). An unchanged document is never read or rewritten twice with the same
// reader, detector and bounds: both results are cache entries keyed by the file's content hash.
#pragma once
#include <filesystem>
#include <set>

#include "config/config.h"
#include "document/pdf.h"
#include "media/cache.h"
#include "media/faces.h"
#include "pipeline/workers.h"

namespace sg::pipeline {

// The bounds for the site's configuration (its pixel limit applies to every picture inside).
document::Limits document_limits(const config::Images& images);

using DocumentInspections = CachedResults<std::filesystem::path, document::Inspection>;
DocumentInspections inspect_documents(const std::set<std::filesystem::path>& files, const document::Limits& limits,
                                      const media::FaceSettings& faces, int jobs, media::Cache& cache);

// A document's clean copy, read back when it was made (document::rewrite_clean finds nothing left
// in it that must not be there), with the text of its pages as published, for the rules.
struct CleanCopy {
    document::Cleaned cleaned;  // a problem when there is no clean copy, or its text cannot be read
    std::vector<std::string> text;
};

using CleanDocuments = CachedResults<std::filesystem::path, CleanCopy>;
// A copy from the cache is trusted as a rendition is: its bytes must hash to what was stored with
// them (then they are the bytes read back when it was made); anything else is made again.
CleanDocuments clean_documents(const std::set<std::filesystem::path>& files, const document::Limits& limits,
                               int jobs, media::Cache& cache);

}  // namespace sg::pipeline
