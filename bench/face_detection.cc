// Measures the face detector (media/faces.h) and, side by side in the same run, the cascade
// detector it replaced (bench/cascade_detector.h, kept here only for this comparison):
//
//   1. recall on real photographs with faces that Debian packages ship (opencv-doc);
//   2. false alarms on photos without faces (camera fixtures, the example school's photos, and
//      the faceless photos of opencv-doc and mate-backgrounds when installed);
//   3. recall per face size on synthetic 12 MP photos: real faces (crops of the photos of 1.)
//      pasted into faceless landscapes at 2.5, 3, 4, 5, 7, 10 and 15% of the shorter side;
//   4. CPU time per photo (this thread's, decode included), per set.
//
//   face_detection [--only-new] [--work DIR] [--set NAME=VALUE]...
//   face_detection [--only-new] [--set NAME=VALUE]... FILE...    the boxes each detector finds in each FILE
//
// --set changes one field of the new detector's setting (media::FaceSettings) for this run, to
// measure a setting before making it the default: decode_width, detect_width, scales (as
// "1.25,0.57"), candidate, confirm (a score, or "no"), min_face.
//
// A photo with N faces where a detector finds M counts min(M, N) found and max(0, M - N) false
// alarms (what photo.undeclared-faces compares); on a synthetic photo, a face is found when a box's
// centre lies in the pasted face, and every other box is a false alarm. The synthetic photos are
// written once to DIR (default /tmp/schoolgate-face-bench). Reports; asserts nothing.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include <vips/vips8>

#include "cascade_detector.h"
#include "media/faces.h"

namespace fs = std::filesystem;
using namespace sg;

namespace {

const fs::path camera = fs::path(SG_FIXTURES_DIR) / "camera";
const fs::path opencv_data = "/usr/share/doc/opencv-doc/examples/data";
const fs::path opencv_html = "/usr/share/doc/opencv-doc/opencv4/html";

struct Photo {
    fs::path file;
    int faces = 0;                        // counted by a person
    std::optional<media::Box> pasted;     // synthetic: where the one face is
    std::string group;                    // synthetic: the face's size, "2.5%"
};

// Photographs with faces, and the faces a person counts in each (frontal or turned, at least about
// 2.5% of the shorter side, not hidden).
std::vector<Photo> face_photos() {
    return {
        {camera / "xmp_no_exif.jpg", 1},            // a film poster: one man walking
        {opencv_data / "messi5.jpg", 1},            // a footballer, head bowed over the ball
        {opencv_html / "facereg.jpg", 4},           // four portraits in a grid, landmarks drawn on
        {opencv_html / "face_swapped.jpg", 1},      // a portrait, head and shoulders
        {opencv_html / "julia_facedetect_sample.jpg", 1},  // the Mona Lisa, with a detection box drawn
    };
}

// Photographs without faces: landscapes, buildings, objects, animals.
std::vector<Photo> no_face_photos() {
    std::vector<Photo> photos;
    for (const auto& entry : fs::directory_iterator(camera)) {
        std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".jpg" || name == "xmp_no_exif.jpg" || name == "corrupted.jpg" ||
            name.starts_with("invalid_"))
            continue;
        photos.push_back({entry.path(), 0});
    }
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(SG_SOURCE_DIR) / "content"))
        if (entry.path().extension() == ".jpg") photos.push_back({entry.path(), 0});
    for (const char* name : {"apple.jpg", "baboon.jpg", "building.jpg", "butterfly.jpg", "fruits.jpg", "home.jpg",
                             "orange.jpg", "starry_night.jpg", "stuff.jpg", "HappyFish.jpg", "aero1.jpg",
                             "squirrel_cls.jpg"})
        photos.push_back({opencv_data / name, 0});
    photos.push_back({opencv_html / "cat_det.jpg", 0});
    if (fs::is_directory("/usr/share/backgrounds/mate/nature"))
        for (const auto& entry : fs::directory_iterator("/usr/share/backgrounds/mate/nature"))
            if (entry.path().extension() == ".jpg") photos.push_back({entry.path(), 0});
    std::sort(photos.begin(), photos.end(), [](const Photo& a, const Photo& b) { return a.file < b.file; });
    return photos;
}

// A real face to paste: the photo and the face's rectangle in it, forehead to chin (its height is
// the face's size).
struct FaceCrop {
    fs::path file;
    int x, y, width, height;
};

const std::vector<FaceCrop> face_crops = {
    {camera / "xmp_no_exif.jpg", 203, 17, 46, 42},        // three-quarter view, turned left
    {opencv_html / "face_swapped.jpg", 105, 70, 132, 142},  // frontal
};

// Faceless landscapes the faces are pasted into, enlarged to 4000x3000.
const std::vector<fs::path> backgrounds = {camera / "gps_DSCN0010.jpg", camera / "gps_DSCN0012.jpg",
                                           camera / "gps_DSCN0021.jpg", camera / "gps_DSCN0025.jpg",
                                           camera / "gps_DSCN0040.jpg", camera / "Nikon_D70.jpg",
                                           camera / "Canon_40D.jpg"};

const std::vector<double> sizes = {0.025, 0.03, 0.04, 0.05, 0.07, 0.10, 0.15};

// The synthetic photos, written to `dir` when missing: every face crop in every background at every size.
std::vector<Photo> synthetic_photos(const fs::path& dir) {
    using vips::VImage;
    fs::create_directories(dir);
    std::vector<Photo> photos;
    unsigned seed = 12345;
    auto next = [&seed] { return (seed = seed * 1103515245u + 12345u) >> 8; };
    for (double size : sizes) {
        char group[16];
        std::snprintf(group, sizeof group, "%.1f%%", size * 100);
        for (size_t b = 0; b < backgrounds.size(); ++b)
            for (size_t f = 0; f < face_crops.size(); ++f) {
                const FaceCrop& crop = face_crops[f];
                int side = int(size * 3000);  // the face's height
                int width = std::max(1, crop.width * side / crop.height);
                int x = 100 + int(next() % unsigned(4000 - width - 200)), y = 100 + int(next() % unsigned(3000 - side - 200));
                char name[64];
                std::snprintf(name, sizeof name, "face-%05.1f-%zu-%zu.jpg", size * 100, b, f);
                fs::path file = dir / name;
                if (!fs::exists(file)) {
                    VImage background = VImage::new_from_file(backgrounds[b].c_str()).autorot();
                    background = background.resize(4000.0 / background.width(),
                                                   VImage::option()
                                                       ->set("vscale", 3000.0 / background.height())
                                                       ->set("kernel", VIPS_KERNEL_LINEAR));
                    if (background.bands() > 3) background = background.extract_band(0, VImage::option()->set("n", 3));
                    VImage face = VImage::new_from_file(crop.file.c_str()).crop(crop.x, crop.y, crop.width, crop.height);
                    face = face.resize(double(side) / crop.height);
                    background.insert(face, x, y).jpegsave(file.c_str(), VImage::option()->set("Q", 90));
                }
                photos.push_back({file, 1, media::Box{x / 4000.0, y / 3000.0, width / 4000.0, side / 3000.0}, group});
            }
    }
    return photos;
}

// Applies "NAME=VALUE" to `settings`; false when it names no field or its value is not a number.
bool set_field(media::FaceSettings& settings, const std::string& assignment) {
    size_t equals = assignment.find('=');
    if (equals == std::string::npos) return false;
    std::string name = assignment.substr(0, equals), value = assignment.substr(equals + 1);
    try {
        if (name == "decode_width") settings.decode_width = std::stoi(value);
        else if (name == "detect_width") settings.detect_width = std::stoi(value);
        else if (name == "candidate") settings.candidate_score = std::stof(value);
        else if (name == "confirm" && value == "no") settings.confirm = false;
        else if (name == "confirm") settings.confirm_score = std::stof(value);
        else if (name == "min_face") settings.min_face = std::stod(value);
        else if (name == "scales") {
            settings.scales.clear();
            for (size_t at = 0; at < value.size();) {
                size_t comma = value.find(',', at);
                if (comma == std::string::npos) comma = value.size();
                settings.scales.push_back(std::stod(value.substr(at, comma - at)));
                at = comma + 1;
            }
        } else return false;
    } catch (const std::exception&) {
        return false;
    }
    return true;
}

double cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

struct Tally {
    int photos = 0, faces = 0, found = 0, false_alarms = 0, photos_with_false_alarms = 0;
    double ms = 0;
};

using Detector = std::function<media::FaceResult(const fs::path&)>;

struct Outcome {
    int found = 0, false_alarms = 0;
    double ms = 0;
    bool readable = false;
};

Outcome judge(const Detector& detect, const Photo& photo) {
    double ms = cpu_ms();
    media::FaceResult result = detect(photo.file);
    Outcome outcome{.ms = cpu_ms() - ms};
    if (!result.faces) return outcome;
    outcome.readable = true;
    int boxes = int(result.faces->size());
    if (photo.pasted) {
        const media::Box& p = *photo.pasted;
        bool hit = std::any_of(result.faces->begin(), result.faces->end(), [&](const media::Box& b) {
            double cx = b.x + b.width / 2, cy = b.y + b.height / 2;
            return cx >= p.x && cx <= p.x + p.width && cy >= p.y && cy <= p.y + p.height;
        });
        outcome.found = hit;
        outcome.false_alarms = boxes - hit;
    } else {
        outcome.found = std::min(boxes, photo.faces);
        outcome.false_alarms = std::max(0, boxes - photo.faces);
    }
    return outcome;
}

void add(Tally& tally, const Photo& photo, const Outcome& outcome) {
    ++tally.photos;
    tally.faces += photo.faces;
    tally.found += outcome.found;
    tally.false_alarms += outcome.false_alarms;
    tally.photos_with_false_alarms += outcome.false_alarms > 0;
    tally.ms += outcome.ms;
}

std::string cell(const Tally& t, bool recall) {
    char text[64];
    if (recall)
        std::snprintf(text, sizeof text, "%d/%d, %d false, %.0f ms", t.found, t.faces, t.false_alarms,
                      t.photos ? t.ms / t.photos : 0.0);
    else
        std::snprintf(text, sizeof text, "%d false on %d photos, %.0f ms", t.false_alarms, t.photos_with_false_alarms,
                      t.photos ? t.ms / t.photos : 0.0);
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    if (VIPS_INIT(argv[0])) return 3;
    media::set_detector_threads(1);  // CPU per photo is this thread's: the detector's threads are this one
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // one line per photo, as it is measured
    bool only_new = false;
    fs::path work = "/tmp/schoolgate-face-bench";
    std::vector<fs::path> files;
    media::FaceSettings settings;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--only-new") only_new = true;
        else if (arg == "--work" && i + 1 < argc) work = argv[++i];
        else if (arg == "--set" && i + 1 < argc && set_field(settings, argv[i + 1])) ++i;
        else if (!arg.starts_with("-")) files.push_back(arg);
        else {
            std::cerr << "usage: face_detection [--only-new] [--work DIR] [--set NAME=VALUE]... [FILE...]\n";
            return 2;
        }
    }
    bench::CascadeSettings cascades;
    std::vector<std::pair<std::string, Detector>> detectors = {
        {"blazeface", [&](const fs::path& file) { return media::detect_faces(file, settings); }}};
    if (!only_new)
        detectors.push_back(
            {"cascades", [&](const fs::path& file) { return bench::detect_faces_with_cascades(file, cascades); }});
    std::cout << "blazeface: " << settings.fingerprint() << "\ncascades: the detector before it (bench/cascade_detector.h)\n";
    // The models load once per thread: not part of any photo's time.
    for (const auto& [name, detect] : detectors) detect(camera / "Canon_40D.jpg");
    if (!files.empty()) {
        for (const fs::path& file : files)
            for (const auto& [name, detect] : detectors) {
                double ms = cpu_ms();
                media::FaceResult result = detect(file);
                std::printf("%s: %s (%.0f ms):", file.c_str(), name.c_str(), cpu_ms() - ms);
                if (!result.faces) std::printf(" unreadable");
                for (const media::Box& b : result.faces.value_or(std::vector<media::Box>{}))
                    std::printf(" [%.3f, %.3f, %.3f, %.3f]", b.x, b.y, b.width, b.height);
                std::printf("\n");
            }
        return 0;
    }

    struct Set {
        std::string title;
        std::vector<Photo> photos;
        bool recall;
    };
    std::vector<Set> sets = {{"real photos with faces", face_photos(), true},
                             {"photos without faces", no_face_photos(), false},
                             {"synthetic 12 MP photos", synthetic_photos(work), true}};
    // One tally per set (and per synthetic size) and detector.
    std::map<std::string, std::vector<Tally>> tallies;
    for (const Set& set : sets) {
        std::cout << "\n" << set.title << "\n";
        std::printf("%6s", "faces");
        for (const auto& [name, detect] : detectors) std::printf(" %9s %6s %7s", name.c_str(), "false", "ms");
        std::printf("  photo\n");
        for (const Photo& photo : set.photos) {
            if (!fs::exists(photo.file)) {
                std::cout << "  (missing: " << photo.file.string() << ")\n";
                continue;
            }
            std::printf("%6d", photo.faces);
            for (size_t d = 0; d < detectors.size(); ++d) {
                Outcome outcome = judge(detectors[d].second, photo);
                std::printf(" %9d %6d %7.0f", outcome.found, outcome.false_alarms, outcome.ms);
                for (const std::string& key : {set.title, set.title + " " + photo.group}) {
                    auto& list = tallies[key];
                    list.resize(detectors.size());
                    add(list[d], photo, outcome);
                }
            }
            std::printf("  %s\n", photo.file.filename().c_str());
        }
    }

    std::cout << "\nsummary (found/faces, false alarms, CPU ms per photo; one thread, decode included)\n";
    std::printf("%-34s", "");
    for (const auto& [name, detect] : detectors) std::printf(" | %-30s", name.c_str());
    std::printf("\n");
    auto row = [&](const std::string& label, const std::string& key, bool recall) {
        std::printf("%-34s", label.c_str());
        for (const Tally& t : tallies[key]) std::printf(" | %-30s", cell(t, recall).c_str());
        std::printf("\n");
    };
    row("real photos with faces", "real photos with faces", true);
    row("photos without faces", "photos without faces", false);
    for (double size : sizes) {
        char group[16];
        std::snprintf(group, sizeof group, "%.1f%%", size * 100);
        row(std::string("synthetic, faces at ") + group, std::string("synthetic 12 MP photos ") + group, true);
    }
    row("synthetic, all sizes", "synthetic 12 MP photos", true);
    return 0;
}
