#include "media/faces.h"

#include <algorithm>
#include <charconv>
#include <mutex>
#include <opencv2/core.hpp>
#include <opencv2/core/version.hpp>
#include <opencv2/imgproc.hpp>

#include "diag/rule_ids.h"
#include "media/blazeface.h"
#include "media/decode.h"
#include "media/from_decode.h"
#include "media/probe.h"
#include "media/vips_error.h"

namespace sg::media {

namespace fs = std::filesystem;

namespace {

using vips::VImage;

// Bump when detect_faces() changes what it finds for the same settings. 2: BlazeFace instead of
// OpenCV's cascades. 3: the copy resized from processing's decode (decode_width).
constexpr int detector_version = 3;

// A candidate face: a box in the copy's pixels and the far network's score.
struct Candidate {
    cv::Rect2d box;
    float score = 0;
};

// A square part of the copy the far network is shown. The whole picture is letterboxed: its square
// reaches beyond the copy, and what lies outside is black.
struct Window {
    cv::Rect area;
    bool whole = false;
};

// The two networks, per thread: cv::dnn::Net is not safe to share.
struct Networks {
    blazeface::Network back{back_model};
    blazeface::Network front{front_model};
};

Networks& networks() {
    // Parallelism comes from whole images, one per worker (pipeline/detect_faces.cc): OpenCV's own
    // threads would only contend with the other workers.
    static std::once_flag single_threaded;
    std::call_once(single_threaded, [] { cv::setNumThreads(1); });
    thread_local Networks loaded;
    return loaded;
}

// `image` as 8-bit RGB (transparency flattened onto white), at most `longer` pixels on its longer
// side, copied into a Mat that owns its pixels.
cv::Mat rgb_of(VImage image, int longer) {
    if (image.has_alpha()) image = image.flatten(VImage::option()->set("background", 255.0));
    double scale = double(longer) / std::max(image.width(), image.height());
    if (scale < 1) image = image.resize(scale);
    if (image.bands() == 1) image = image.bandjoin({image, image});
    if (image.bands() > 3) image = image.extract_band(0, VImage::option()->set("n", 3));
    std::size_t size = 0;
    void* data = image.write_to_memory(&size);
    cv::Mat rgb = cv::Mat(image.height(), image.width(), CV_8UC3, data).clone();
    g_free(data);
    return rgb;
}

// The pixels of `area`, black where it reaches beyond the copy.
cv::Mat square_of(const cv::Mat& rgb, const cv::Rect& area) {
    cv::Rect inside = area & cv::Rect(0, 0, rgb.cols, rgb.rows);
    cv::Mat square(area.height, area.width, CV_8UC3, cv::Scalar(0, 0, 0));
    if (!inside.empty()) rgb(inside).copyTo(square(inside - area.tl()));
    return square;
}

// Positions of `count` windows of side `side` spread evenly over `length`.
std::vector<int> spread(int length, int side, double overlap) {
    if (side >= length) return {0};
    double step = side * (1.0 - overlap);
    int count = int(std::ceil((length - side) / step)) + 1;
    std::vector<int> at;
    for (int i = 0; i < count; ++i) at.push_back(int(std::lround(double(length - side) * i / (count - 1))));
    return at;
}

std::vector<Window> windows_of(cv::Size size, const FaceSettings& settings) {
    int longer = std::max(size.width, size.height), shorter = std::min(size.width, size.height);
    std::vector<Window> windows{{cv::Rect((size.width - longer) / 2, (size.height - longer) / 2, longer, longer), true}};
    for (const WindowLevel& level : settings.windows) {
        int side = std::max(1, int(std::lround(level.size * shorter)));
        for (int y : spread(size.height, side, level.overlap))
            for (int x : spread(size.width, side, level.overlap)) windows.push_back({cv::Rect(x, y, side, side), false});
    }
    return windows;
}

bool centre_inside(const cv::Rect2d& a, const cv::Rect2d& b) {
    return b.contains(cv::Point2d(a.x + a.width / 2, a.y + a.height / 2));
}

// Two boxes on the same face: they overlap by a third (intersection over union), or one's centre
// is inside the other.
bool same_face(const cv::Rect2d& a, const cv::Rect2d& b) {
    double common = (a & b).area();
    return common >= 0.3 * (a.area() + b.area() - common) || centre_inside(a, b) || centre_inside(b, a);
}

// One box per face: each group of boxes on the same face becomes their average weighted by score,
// with the group's best score.
std::vector<Candidate> merged(std::vector<Candidate> candidates) {
    std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    std::vector<Candidate> faces;
    std::vector<bool> taken(candidates.size());
    for (size_t i = 0; i < candidates.size(); ++i) {
        if (taken[i]) continue;
        double weight = 0, x = 0, y = 0, w = 0, h = 0;
        for (size_t j = i; j < candidates.size(); ++j) {
            if (taken[j] || !same_face(candidates[i].box, candidates[j].box)) continue;
            taken[j] = true;
            const cv::Rect2d& b = candidates[j].box;
            double s = candidates[j].score;
            weight += s, x += s * b.x, y += s * b.y, w += s * b.width, h += s * b.height;
        }
        faces.push_back({cv::Rect2d(x / weight, y / weight, w / weight, h / weight), candidates[i].score});
    }
    return faces;
}

// The far network's candidates in one window, in the copy's pixels. In a window (not the whole
// picture), a box wider than half the window, or one crossing a window edge inside the picture, is
// dropped: it is part of a larger face, which the whole picture or a neighbouring window sees whole.
std::vector<Candidate> candidates_in(blazeface::Network& back, const cv::Mat& rgb, const Window& window,
                                     const FaceSettings& settings) {
    std::vector<Candidate> found;
    const cv::Rect& a = window.area;
    for (const blazeface::Detection& d : back.detect(square_of(rgb, a), settings.candidate_score)) {
        const cv::Rect2d& b = d.box;
        if (!window.whole) {
            bool cut = (b.x < 0 && a.x > 0) || (b.y < 0 && a.y > 0) || (b.x + b.width > 1 && a.x + a.width < rgb.cols) ||
                       (b.y + b.height > 1 && a.y + a.height < rgb.rows);
            if (cut || b.width > 0.5) continue;
        }
        found.push_back({cv::Rect2d(a.x + b.x * a.width, a.y + b.y * a.height, b.width * a.width, b.height * a.height),
                         d.score});
    }
    return merged(std::move(found));
}

// Whether the close-up network, shown a square three times the candidate's size around it, finds a
// face there too.
bool confirmed(blazeface::Network& front, const cv::Mat& rgb, const Candidate& candidate,
               const FaceSettings& settings) {
    const cv::Rect2d& c = candidate.box;
    int side = std::max(8, int(std::lround(3 * std::max(c.width, c.height))));
    cv::Rect area(int(std::lround(c.x + c.width / 2 - side / 2.0)), int(std::lround(c.y + c.height / 2 - side / 2.0)),
                  side, side);
    for (const blazeface::Detection& d : front.detect(square_of(rgb, area), settings.confirm_score)) {
        cv::Rect2d b(area.x + d.box.x * side, area.y + d.box.y * side, d.box.width * side, d.box.height * side);
        if (centre_inside(b, c) || centre_inside(c, b)) return true;
    }
    return false;
}

std::vector<cv::Rect2d> find_faces(const cv::Mat& rgb, const FaceSettings& settings) {
    Networks& nets = networks();
    std::vector<Candidate> candidates;
    for (const Window& window : windows_of(rgb.size(), settings)) {
        std::vector<Candidate> found = candidates_in(nets.back, rgb, window, settings);
        candidates.insert(candidates.end(), found.begin(), found.end());
    }
    double smallest = std::max(12.0, settings.min_face * std::min(rgb.cols, rgb.rows));
    std::vector<cv::Rect2d> faces;
    for (const Candidate& candidate : merged(std::move(candidates))) {
        if (std::max(candidate.box.width, candidate.box.height) < smallest) continue;
        if (settings.confirm && !confirmed(nets.front, rgb, candidate, settings)) continue;
        faces.push_back(candidate.box & cv::Rect2d(0, 0, rgb.cols, rgb.rows));
    }
    std::sort(faces.begin(), faces.end(), [](const auto& a, const auto& b) { return a.x < b.x; });
    return faces;
}

// The shortest text that reads back as `value` ("0.6" for 0.6f, not its double expansion).
template <typename Number>
std::string exact(Number value) {
    char text[32];
    auto end = std::to_chars(text, text + sizeof text, value).ptr;
    return std::string(text, end);
}

}  // namespace

std::string FaceSettings::fingerprint() const {
    std::string levels;
    for (const WindowLevel& level : windows)
        levels += (levels.empty() ? "" : ",") + exact(level.size) + "/" + exact(level.overlap);
    return "face-detector=" + std::to_string(detector_version) + ";opencv=" + CV_VERSION +
           ";model=" + verified_model_fingerprint() + ";decode=" + std::to_string(decode_width) +
           ";width=" + std::to_string(detect_width) +
           ";windows=" + levels + ";candidate=" + exact(candidate_score) + ";confirm=" +
           (confirm ? exact(confirm_score) : "no") + ";min_face=" + exact(min_face) +
           ";max_megapixels=" + exact(max_megapixels);
}

int face_decode_width(const Probe& source, const FaceSettings& settings) {
    // The copy: its longer side at most detect_width (a portrait photo is not made taller than a
    // landscape one).
    int width = source.upright_width(), longer = std::max(width, source.upright_height());
    int copy = longer > settings.detect_width ? std::max(1, int(double(width) * settings.detect_width / longer)) : width;
    return std::min(width, std::max(copy, settings.decode_width));
}

void prepare_detector() { networks(); }

FaceResult faces_in(const VImage& upright, const FaceSettings& settings) {
    cv::Mat rgb = rgb_of(upright, settings.detect_width);
    std::vector<Box> boxes;
    for (const cv::Rect2d& face : find_faces(rgb, settings))
        boxes.push_back({face.x / rgb.cols, face.y / rgb.rows, face.width / rgb.cols, face.height / rgb.rows});
    return {.faces = std::move(boxes), .problem = std::nullopt};
}

FaceResult detect_faces(const fs::path& file, const FaceSettings& settings) {
    prepare_detector();
    ProbeResult probed = probe(file, settings.max_megapixels);
    if (probed.problem) return {.faces = std::nullopt, .problem = probed.problem};
    const Probe& source = *probed.probe;
    VImage upright;
    try {
        upright = decode_upright(source, face_decode_width(source, settings));
    } catch (const vips::VError& e) {
        return {.faces = std::nullopt,
                .problem = Problem{std::string(diag::rule::media_unreadable), "cannot decode the image: " + brief(e, file)}};
    }
    return faces_in(upright, settings);
}

}  // namespace sg::media
