#include "media/libraries.h"

#include <glib.h>
#include <vips/vips.h>

#include <exiv2/exiv2.hpp>
#include <opencv2/core/utility.hpp>
#include <utility>

#include "media/face_model.h"
#include "media/faces.h"

namespace sg::media {
namespace {

std::mutex xmp_mutex;
thread_local std::string exiv2_errors;

void lock_xmp(void* data, bool lock) {
    auto* mutex = static_cast<std::mutex*>(data);
    if (lock) {
        mutex->lock();
    } else {
        mutex->unlock();
    }
}

// Called by exiv2 for messages at or above the log level, i.e. errors only.
void record_exiv2_error(int, const char* message) {
    std::string text = message;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    if (!exiv2_errors.empty()) exiv2_errors += "; ";
    exiv2_errors += text;
}

void drop_vips_message(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}

}  // namespace

void prepare_libraries() {
    static std::once_flag once;
    std::call_once(once, [] {
        Exiv2::LogMsg::setLevel(Exiv2::LogMsg::error);
        Exiv2::LogMsg::setHandler(record_exiv2_error);
        Exiv2::XmpParser::initialize(lock_xmp, &xmp_mutex);
        Exiv2::enableBMFF(true);
        // libvips also reports decode trouble as warnings ("error in tile ..."); a decode that
        // fails reaches the user as a media.unreadable problem instead.
        g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, drop_vips_message, nullptr);
    });
}

void prepare_for_workers(int cores) {
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    set_detector_threads(cores);
}

void end_worker_thread() { vips_thread_shutdown(); }

std::string take_exiv2_errors() { return std::exchange(exiv2_errors, {}); }

std::unique_lock<std::mutex> lock_exiv2() {
    static std::mutex exiv2_mutex;
    return std::unique_lock(exiv2_mutex);
}

LibraryVersions library_versions() {
    return {.vips = vips_version_string(),
            .exiv2 = Exiv2::versionString(),
            .opencv = cv::getVersionString(),
            .face_model = face_model()};
}

}  // namespace sg::media
