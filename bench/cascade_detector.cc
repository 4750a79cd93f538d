#include "cascade_detector.h"

#include <algorithm>
#include <array>
#include <mutex>
#include <opencv2/core.hpp>
#include <opencv2/core/version.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "diag/rule_ids.h"
#include "media/decode.h"
#include "media/probe.h"
#include "media/vips_error.h"
#include "util/error.h"

namespace sg::bench {

using namespace sg::media;

namespace fs = std::filesystem;

namespace {

using vips::VImage;

// The cascades, by role: a first pass that finds candidates and a second, differently trained
// one (LBP features rather than Haar) that must agree, which removes most false alarms on
// textures (foliage, brickwork, crowds of windows) at little cost in recall.
constexpr const char* frontal_file = "haarcascades/haarcascade_frontalface_alt2.xml";
constexpr const char* frontal_confirm_file = "lbpcascades/lbpcascade_frontalface_improved.xml";
constexpr const char* profile_file = "haarcascades/haarcascade_profileface.xml";
constexpr const char* profile_confirm_file = "lbpcascades/lbpcascade_profileface.xml";

// CascadeClassifier is not safe to share between threads: one set per worker thread.
struct Cascades {
    cv::CascadeClassifier frontal, frontal_confirm, profile, profile_confirm;
};

cv::CascadeClassifier load(const char* name) {
    fs::path file = cascade_dir() / name;
    cv::CascadeClassifier cascade;
    if (!cascade.load(file.string()))
        throw util::Error(file, "cannot load the face detector's model (install opencv-data)");
    return cascade;
}

Cascades& cascades() {
    // Parallelism comes from whole images, one per worker (pipeline/detect_faces.cc): OpenCV's own
    // threads would only contend with the other workers.
    static std::once_flag single_threaded;
    std::call_once(single_threaded, [] { cv::setNumThreads(1); });
    thread_local Cascades loaded{load(frontal_file), load(frontal_confirm_file), load(profile_file),
                                 load(profile_confirm_file)};
    return loaded;
}

// `decoded` as one 8-bit grey channel, copied into a Mat that owns its pixels.
cv::Mat grey_of(VImage image) {
    if (image.has_alpha()) image = image.flatten(VImage::option()->set("background", 255.0));
    image = image.colourspace(VIPS_INTERPRETATION_B_W);
    if (image.bands() > 1) image = image.extract_band(0);
    if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
    std::size_t size = 0;
    void* data = image.write_to_memory(&size);
    cv::Mat grey(image.height(), image.width(), CV_8UC1, data);
    cv::Mat owned = grey.clone();
    g_free(data);
    return owned;
}

// Whether `confirm` finds a face of about `candidate`'s size around it.
bool confirmed(cv::CascadeClassifier& confirm, const cv::Mat& grey, const cv::Rect& candidate) {
    int margin = candidate.width / 4;
    cv::Rect around = cv::Rect(candidate.x - margin, candidate.y - margin, candidate.width + 2 * margin,
                               candidate.height + 2 * margin) &
                      cv::Rect(0, 0, grey.cols, grey.rows);
    std::vector<cv::Rect> found;
    int smallest = std::max(16, candidate.width * 6 / 10);
    confirm.detectMultiScale(grey(around), found, 1.05, 1, 0, cv::Size(smallest, smallest));
    return !found.empty();
}

// Candidates of `first` (confirmed by `second` when asked), in `grey`'s coordinates; `mirrored`
// runs on the mirror image (the profile cascade knows one side of the face only).
void detect(cv::CascadeClassifier& first, cv::CascadeClassifier& second, const cv::Mat& grey, bool mirrored,
            const CascadeSettings& settings, std::vector<cv::Rect>& faces) {
    cv::Mat image = grey;
    if (mirrored) cv::flip(grey, image, 1);
    int smallest = std::max(20, int(settings.min_face * std::min(grey.cols, grey.rows)));
    std::vector<cv::Rect> found;
    first.detectMultiScale(image, found, settings.scale_factor, settings.min_neighbors, 0,
                           cv::Size(smallest, smallest));
    for (const cv::Rect& face : found) {
        if (settings.confirm && !confirmed(second, image, face)) continue;
        faces.push_back(mirrored ? cv::Rect(grey.cols - face.x - face.width, face.y, face.width, face.height)
                                 : face);
    }
}

// Two boxes on the same face: one's centre inside the other.
bool same_face(const cv::Rect& a, const cv::Rect& b) {
    cv::Point ca(a.x + a.width / 2, a.y + a.height / 2), cb(b.x + b.width / 2, b.y + b.height / 2);
    return a.contains(cb) || b.contains(ca);
}

}  // namespace

fs::path cascade_dir() {
    for (const char* dir : {"/usr/share/opencv4", "/usr/share/opencv", "/usr/local/share/opencv4"})
        if (fs::exists(fs::path(dir) / frontal_file)) return dir;
    return "/usr/share/opencv4";
}

FaceResult detect_faces_with_cascades(const fs::path& file, const CascadeSettings& settings) {
    Cascades& models = cascades();
    ProbeResult probed = probe(file, settings.max_megapixels);
    if (probed.problem) return {.faces = std::nullopt, .problem = probed.problem};
    const Probe& source = *probed.probe;
    cv::Mat grey;
    try {
        // The longer side at most detect_width: a portrait photo is not made taller than a landscape.
        int longer = std::max(source.upright_width(), source.upright_height());
        int width = source.upright_width();
        if (longer > settings.detect_width)
            width = std::max(1, int(double(width) * settings.detect_width / longer));
        grey = grey_of(decode_upright(source, width));
    } catch (const vips::VError& e) {
        return {.faces = std::nullopt,
                .problem = Problem{std::string(diag::rule::media_unreadable), "cannot decode the image: " + brief(e, file)}};
    }
    cv::equalizeHist(grey, grey);

    std::vector<cv::Rect> found;
    detect(models.frontal, models.frontal_confirm, grey, false, settings, found);
    if (settings.profiles) {
        detect(models.profile, models.profile_confirm, grey, false, settings, found);
        detect(models.profile, models.profile_confirm, grey, true, settings, found);
    }
    // One box per face: the first found (frontal before profile) stands for the others.
    std::vector<cv::Rect> faces;
    for (const cv::Rect& face : found)
        if (std::none_of(faces.begin(), faces.end(), [&](const cv::Rect& kept) { return same_face(kept, face); }))
            faces.push_back(face);
    std::sort(faces.begin(), faces.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.x < b.x; });

    std::vector<Box> boxes;
    for (const cv::Rect& face : faces)
        boxes.push_back({double(face.x) / grey.cols, double(face.y) / grey.rows, double(face.width) / grey.cols,
                         double(face.height) / grey.rows});
    return {.faces = std::move(boxes), .problem = std::nullopt};
}

}  // namespace sg::bench
