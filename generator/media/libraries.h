// Process-wide setup of the image libraries the media stage uses (libvips itself is initialised
// by main), the errors exiv2 reports through its log rather than by throwing, and which versions
// of the libraries and the face model are in use.
#pragma once
#include <mutex>
#include <string>
#include <vector>

#include "media/face_model.h"

namespace sg::media {

// Keeps exiv2's and libvips' own messages off stderr (their problems reach the user as
// Problems), makes exiv2's XMP parser safe to use from several threads and enables its HEIF
// (BMFF) reader. Idempotent and thread-safe; every media entry point calls it.
void prepare_libraries();

// Before a pool of workers starts on `cores` cores, each working on whole images: libvips' own
// threads would only contend with the other workers, and every source is decoded once, so libvips'
// operation cache (by default 100 operations and 100 MB of their pixels) would be memory spent on
// nothing. Both off. The face detector, which one image at a time uses, runs on all the cores
// (faces.h: set_detector_threads).
void prepare_for_workers(int cores);
// What the media libraries keep for a thread, freed; every worker thread calls it as it ends.
void end_worker_thread();

// The error-level messages exiv2 logged on this thread since the last call, joined with "; ".
// exiv2 logs, rather than throws, when it skips a damaged part of the metadata (an EXIF
// directory, an XMP packet), so an empty result from it proves nothing without this.
std::string take_exiv2_errors();

// exiv2 0.27 is not safe to use from several threads at once: the XMP toolkit's namespace registry
// is process-wide, and XmpParser's own lock does not cover it (parallel reads of photos with XMP
// have failed with "Schema namespace URI and prefix mismatch"). Every use of exiv2 holds this.
std::unique_lock<std::mutex> lock_exiv2();

// The versions of the image libraries in use (the shared libraries loaded, not the headers built
// against) and the face model, for `schoolgate --version`, review and the build record.
struct LibraryVersions {
    std::string vips;
    std::string exiv2;
    std::string opencv;
    FaceModel face_model;
};
LibraryVersions library_versions();

}  // namespace sg::media
