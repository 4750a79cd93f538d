#include "media/faces.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
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
// OpenCV's cascades. 3: the copy resized from processing's decode (decode_width). 4: the copy shown
// whole at each scale instead of in overlapping windows.
constexpr int detector_version = 4;

// A candidate face: a box in the copy's pixels and the far network's score.
struct Candidate {
    cv::Rect2d box;
    float score = 0;
};

// The far network shown squares at its input size, one for each scale the copy is shown at
// (reshaped for the picture, at a cost, only when the photo's size changes), and the close-up one.
struct Networks {
    blazeface::Network back{back_model};
    blazeface::Network front{front_model};
    std::vector<std::unique_ptr<blazeface::Network>> back_unscaled;

    blazeface::Network& at_scale(size_t index) {
        while (back_unscaled.size() <= index) back_unscaled.push_back(std::make_unique<blazeface::Network>(back_model));
        return *back_unscaled[index];
    }
};

// The networks, once per process. cv::dnn::Net is not safe to share, so one image at a time uses
// them, holding the lock, with OpenCV's own threads (set_detector_threads): its convolutions over a
// large picture split well across cores (a 1280x544 band: 155 ms on one thread, 78 ms on two), and
// the networks' memory (about 135 MB, most of it for the scaled copy's bands) is then held once
// rather than by every worker.
std::mutex networks_mutex;
std::unique_ptr<Networks> loaded_networks;  // guarded by networks_mutex

// The networks, loaded on first use; `held` is the caller's lock on networks_mutex.
Networks& networks([[maybe_unused]] const std::unique_lock<std::mutex>& held) {
    if (!loaded_networks) loaded_networks = std::make_unique<Networks>();
    return *loaded_networks;
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

// The far network's candidates in the whole copy, letterboxed into its square (what lies
// outside the copy is black), in the copy's pixels: faces from about a twelfth of the copy's
// longer side up to all of it.
std::vector<Candidate> candidates_whole(blazeface::Network& back, const cv::Mat& rgb, const FaceSettings& settings) {
    int longer = std::max(rgb.cols, rgb.rows);
    cv::Rect a((rgb.cols - longer) / 2, (rgb.rows - longer) / 2, longer, longer);
    std::vector<Candidate> found;
    for (const blazeface::Detection& d : back.detect(square_of(rgb, a), settings.candidate_score)) {
        const cv::Rect2d& b = d.box;
        found.push_back({cv::Rect2d(a.x + b.x * a.width, a.y + b.y * a.height, b.width * a.width, b.height * a.height),
                         d.score});
    }
    return merged(std::move(found));
}

// The network's memory grows with the pixels it is shown at once (about 170 MB more for 1280x960
// than for its own square), so a larger picture is shown in bands of whole rows, each at most
// `band_pixels`, overlapping by `band_overlap` rows: half the network's square, the widest box
// kept (see candidates_at), so that each face is whole in one band.
constexpr int band_pixels = 1280 * 544;
constexpr int band_overlap = 128;

// Bands of whole rows over `picture`, as few as `band_pixels` allows, of equal height (a multiple
// of 32, so that the network is reshaped once per photo size), spread evenly.
std::vector<cv::Rect> bands_of(cv::Size picture) {
    int most = std::max(2 * band_overlap, band_pixels / picture.width / 32 * 32);
    if (picture.height <= most) return {cv::Rect(0, 0, picture.width, picture.height)};
    int count = (picture.height - band_overlap + (most - band_overlap) - 1) / (most - band_overlap);
    int rows = std::min(most, ((picture.height + (count - 1) * band_overlap + count - 1) / count + 31) / 32 * 32);
    std::vector<cv::Rect> bands;
    for (int i = 0; i < count; ++i)
        bands.emplace_back(0, int(std::lround(double(picture.height - rows) * i / (count - 1))), picture.width, rows);
    return bands;
}

// The far network's candidates in the copy resized by `scale` and shown at that size, in the
// copy's pixels: faces from about 20 to 128 pixels at that scale. A box reaching beyond its band is
// dropped when the neighbouring band holds it whole (that band sees the whole face). So is a box
// wider than half the network's square: a face that large is left to the smaller scales and the
// whole picture, which see it with more of its surroundings (the windows of the detector before
// dropped such boxes too; without this, a ladybird seen head-on at 0.57 was taken for a face).
std::vector<Candidate> candidates_at(blazeface::Network& back, const cv::Mat& rgb, double scale,
                                     const FaceSettings& settings) {
    cv::Mat picture = rgb;
    if (scale != 1) cv::resize(rgb, picture, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    std::vector<cv::Rect> bands = bands_of(picture.size());
    auto inside = [](const cv::Rect2d& b, const cv::Rect& band) {
        return b.y >= band.y && b.y + b.height <= band.y + band.height;
    };
    std::vector<Candidate> found;
    for (size_t i = 0; i < bands.size(); ++i) {
        const cv::Rect& band = bands[i];
        for (const blazeface::Detection& d : back.detect_unscaled(picture(band), settings.candidate_score)) {
            cv::Rect2d b(d.box.x * band.width, band.y + d.box.y * band.height, d.box.width * band.width,
                         d.box.height * band.height);
            bool seen_whole_above = i > 0 && b.y < band.y && inside(b, bands[i - 1]);
            bool seen_whole_below = i + 1 < bands.size() && b.y + b.height > band.y + band.height && inside(b, bands[i + 1]);
            if (seen_whole_above || seen_whole_below || b.width > back.input_size() / 2.0) continue;
            found.push_back({cv::Rect2d(b.x / scale, b.y / scale, b.width / scale, b.height / scale), d.score});
        }
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
    std::unique_lock lock(networks_mutex);
    Networks& nets = networks(lock);
    std::vector<Candidate> candidates = candidates_whole(nets.back, rgb, settings);
    for (size_t i = 0; i < settings.scales.size(); ++i) {
        std::vector<Candidate> found = candidates_at(nets.at_scale(i), rgb, settings.scales[i], settings);
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
    std::string scale_list;
    for (double scale : scales) scale_list += (scale_list.empty() ? "" : ",") + exact(scale);
    return "face-detector=" + std::to_string(detector_version) + ";opencv=" + CV_VERSION +
           ";model=" + verified_model_fingerprint() + ";decode=" + std::to_string(decode_width) +
           ";width=" + std::to_string(detect_width) +
           ";scales=" + scale_list + ";candidate=" + exact(candidate_score) + ";confirm=" +
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

void prepare_detector() {
    std::unique_lock lock(networks_mutex);
    networks(lock);
}

void set_detector_threads(int threads) { cv::setNumThreads(std::max(1, threads)); }

void release_detector() {
    std::unique_lock lock(networks_mutex);
    loaded_networks.reset();
}

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
