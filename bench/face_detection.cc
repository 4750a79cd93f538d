// Measures the face detector (media/faces.h) on real photographs: recall on photos with faces that
// Debian packages ship, false alarms on photos without any (the shared camera fixtures and the
// example school's photos in content/).
//
//   face_detection [--width N] [--scale F] [--neighbours N] [--min-face F] [--no-profiles]
//                  [--no-confirm] [--faces FILE=COUNT]... [--no-faces FILE]...
//
// Without --faces/--no-faces, the built-in sets below are used (missing files are skipped with a
// note: install opencv-doc). Counts only, not boxes: a photo with N faces where the detector
// finds M counts min(M, N) found and max(0, M - N) false alarms, which is what the rule
// photo.undeclared-faces compares. Prints one line per photo, then recall, false alarms per
// photo and the mean detection time (CPU time of one thread, decode included). Not a test: a measurement.
#include <algorithm>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>
#include <vips/vips8>

#include "media/faces.h"

namespace fs = std::filesystem;
using namespace sg;

namespace {

struct Photo {
    fs::path file;
    int faces = 0;  // counted by a person
};

// Photographs with faces, as shipped by Debian packages, and the faces a person counts in each
// (frontal or profile, at least about 2.5% of the shorter side, not hidden).
std::vector<Photo> face_photos() {
    const fs::path shared = fs::path(SG_FIXTURES_DIR) / "camera";
    const fs::path data = "/usr/share/doc/opencv-doc/examples/data", html = "/usr/share/doc/opencv-doc/opencv4/html";
    return {
        {shared / "xmp_no_exif.jpg", 1},              // a film poster: one man walking
        {data / "messi5.jpg", 1},                     // a footballer, head bowed over the ball
        {html / "facereg.jpg", 4},                    // four portraits in a grid, landmarks drawn on
        {html / "face_swapped.jpg", 1},               // a portrait, head and shoulders
        {html / "julia_facedetect_sample.jpg", 1},    // the Mona Lisa, with a detection box drawn
        {html / "faceDetection.png", 1},              // the classic test portrait in a hat
    };
}

// Photographs without faces: landscapes, buildings, objects.
std::vector<Photo> no_face_photos() {
    std::vector<Photo> photos;
    const fs::path shared = fs::path(SG_FIXTURES_DIR) / "camera";
    for (const auto& entry : fs::directory_iterator(shared)) {
        std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".jpg" || name == "xmp_no_exif.jpg" || name == "corrupted.jpg" ||
            name.starts_with("invalid_"))
            continue;
        photos.push_back({entry.path(), 0});
    }
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(SG_SOURCE_DIR) / "content"))
        if (entry.path().extension() == ".jpg") photos.push_back({entry.path(), 0});
    std::sort(photos.begin(), photos.end(), [](const Photo& a, const Photo& b) { return a.file < b.file; });
    return photos;
}

double cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

struct Totals {
    int photos = 0, faces = 0, found = 0, false_alarms = 0, photos_with_false_alarms = 0;
    double ms = 0;
};

void run(const std::string& title, const std::vector<Photo>& photos, const media::FaceSettings& settings,
         Totals& totals) {
    std::cout << "\n" << title << "\n";
    std::printf("%6s %6s %6s %8s  %s\n", "faces", "found", "false", "ms", "photo");
    for (const Photo& photo : photos) {
        if (!fs::exists(photo.file)) {
            std::cout << "  (missing: " << photo.file.string() << "; install opencv-doc)\n";
            continue;
        }
        // CPU time of this thread (the detector runs single-threaded), so a busy machine does not
        // inflate the figures.
        double ms = cpu_ms();
        media::FaceResult result = media::detect_faces(photo.file, settings);
        ms = cpu_ms() - ms;
        if (!result.faces) {
            std::cout << "  (unreadable: " << photo.file.string() << ")\n";
            continue;
        }
        int found = int(result.faces->size());
        int hits = std::min(found, photo.faces), false_alarms = std::max(0, found - photo.faces);
        std::printf("%6d %6d %6d %8.0f  %s\n", photo.faces, hits, false_alarms, ms, photo.file.filename().c_str());
        ++totals.photos;
        totals.faces += photo.faces;
        totals.found += hits;
        totals.false_alarms += false_alarms;
        totals.photos_with_false_alarms += false_alarms > 0;
        totals.ms += ms;
    }
}

void summary(const std::string& title, const Totals& t) {
    std::printf("%-26s %3d photos: recall %d/%d (%.0f%%), %d false alarms on %d photos, %.0f ms per photo\n",
                title.c_str(), t.photos, t.found, t.faces, t.faces ? 100.0 * t.found / t.faces : 100.0, t.false_alarms,
                t.photos_with_false_alarms, t.photos ? t.ms / t.photos : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
    if (VIPS_INIT(argv[0])) return 3;
    media::FaceSettings settings;
    std::vector<Photo> faces, no_faces;
    bool own_sets = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (arg == "--width") settings.detect_width = std::stoi(value());
        else if (arg == "--scale") settings.scale_factor = std::stod(value());
        else if (arg == "--neighbours") settings.min_neighbors = std::stoi(value());
        else if (arg == "--min-face") settings.min_face = std::stod(value());
        else if (arg == "--no-profiles") settings.profiles = false;
        else if (arg == "--no-confirm") settings.confirm = false;
        else if (arg == "--faces") {
            std::string spec = value();
            size_t eq = spec.rfind('=');
            faces.push_back({spec.substr(0, eq), eq == std::string::npos ? 1 : std::stoi(spec.substr(eq + 1))});
            own_sets = true;
        } else if (arg == "--no-faces") {
            no_faces.push_back({value(), 0});
            own_sets = true;
        } else {
            std::cerr << "usage: face_detection [--width N] [--scale F] [--neighbours N] [--min-face F] "
                         "[--no-profiles] [--no-confirm] [--faces FILE=COUNT]... [--no-faces FILE]...\n";
            return 2;
        }
    }
    if (!own_sets) {
        faces = face_photos();
        no_faces = no_face_photos();
    }
    std::cout << "detector: " << settings.fingerprint() << "\n";
    // The cascades load once per thread: not part of any photo's time.
    media::detect_faces(fs::path(SG_FIXTURES_DIR) / "camera" / "Canon_40D.jpg", settings);
    Totals with, without;
    run("photos with faces", faces, settings, with);
    run("photos without faces", no_faces, settings, without);
    std::cout << "\n";
    summary("with faces:", with);
    summary("without faces:", without);
    return 0;
}
