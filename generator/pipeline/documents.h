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

using CleanDocuments = CachedResults<std::filesystem::path, document::Cleaned>;
// Clean copies come out of the cache as they went in; the caller reads them back
// (document::find_leftovers) before they are published, as it does a fresh one.
CleanDocuments clean_documents(const std::set<std::filesystem::path>& files, const document::Limits& limits,
                               int jobs, media::Cache& cache);

}  // namespace sg::pipeline
