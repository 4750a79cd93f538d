// End to end: the face detector sees what a parent would see. Real photographs of adults that
// Debian packages ship (opencv-doc, installed by .ci/install-deps), and one made here from the
// repository's fixtures: a real face pasted into a landscape at 3% of its shorter side. Each is
// withheld when declared people: [], and published when the people are declared or the face is
// obscured. A place the editor marks as not a person lets a photo through and is shown in review;
// a mark over a face the image's metadata names is refused. A missing or altered model stops the
// build (exit 2), never "no faces".
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <vips/vips8>

#include "diag/printer.h"
#include "media/face_model.h"
#include "media/faces.h"
#include "media/test_support.h"
#include "pipeline/pipeline.h"
#include "process.h"
#include "temp_site.h"

namespace fs = std::filesystem;
using sg::pipeline::Status;
using sg::testing::TempSite;

namespace {

const fs::path opencv_data = "/usr/share/doc/opencv-doc/examples/data";
const fs::path opencv_html = "/usr/share/doc/opencv-doc/opencv4/html";

sg::pipeline::Result build(const TempSite& site) {
    sg::pipeline::Options options;
    options.source = site.root();
    options.date = sg::util::parse_iso_date(sg::testing::test_date);
    options.jobs = 2;
    return sg::pipeline::run_build(options);
}

std::vector<std::string> rules_withholding(const sg::pipeline::Result& result, const std::string& page) {
    std::vector<std::string> rules;
    for (const auto& d : result.diagnostics.all())
        if (d.page == page && d.severity == sg::diag::Severity::error) rules.push_back(d.rule);
    std::sort(rules.begin(), rules.end());
    rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
    return rules;
}

std::string printed(const TempSite& site, const sg::pipeline::Result& result) {
    std::ostringstream out;
    sg::diag::Printer(site.root()).print_all(out, result.diagnostics);
    return out.str();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A post showing photo.jpg, declared with `people`, and `extra` YAML for the photo.
std::string post(const std::string& people, const std::string& extra = "") {
    return "---\ntitle: Club day\ndate: 2026-10-14\nphotos:\n  - src: photo.jpg\n    alt: The club's day\n"
           "    people: " + people + "\n" + extra + "---\nA good day.\n";
}

// What the hint of photo.undeclared-faces gives as the place found: "[0.41, 0.18, 0.11, 0.15]".
std::string place_in_hint(const std::string& printed) {
    size_t from = printed.find("place found: ["), to = printed.find(']', from);
    REQUIRE(to != std::string::npos);
    return printed.substr(from + 13, to - from - 12);
}

// A 12 MP landscape without a face (a camera fixture, enlarged) with a real face pasted in: the
// close-up portrait's face (opencv-doc face_swapped.jpg), forehead to chin `fraction` of the
// landscape's shorter side.
// Its top left corner at (`x`, `y`), as fractions of the landscape; returns the face's box.
sg::media::Box write_small_face(const fs::path& to, double fraction, double x = 2.0 / 3, double y = 0.5) {
    using vips::VImage;
    VImage landscape = VImage::new_from_file(sg::media::testing::fixture("gps_DSCN0010.jpg").c_str()).resize(6.25);
    VImage face = VImage::new_from_file((opencv_html / "face_swapped.jpg").c_str()).crop(105, 70, 132, 142);
    face = face.resize(fraction * std::min(landscape.width(), landscape.height()) / face.height());
    int left = int(x * landscape.width()), top = int(y * landscape.height());
    landscape.insert(face, left, top).jpegsave(to.c_str(), VImage::option()->set("Q", 90));
    return {double(left) / landscape.width(), double(top) / landscape.height(), double(face.width()) / landscape.width(),
            double(face.height()) / landscape.height()};
}

}  // namespace

TEST_SUITE("e2e::face-detector") {

TEST_CASE("a face at 3% of the shorter side is found once, wherever it is in the photo") {
    // The detector shows the network the copy in bands of rows that overlap (media/faces.cc): at the
    // top and bottom edges, in the overlap, and across either band's edge, the face is found once,
    // where it is.
    sg::media::testing::TempDir dir;
    for (double y : {0.005, 0.40, 0.47, 0.56, 0.965}) {
        CAPTURE(y);
        fs::path photo = dir.path() / "photo.jpg";
        fs::remove(photo);
        sg::media::Box pasted = write_small_face(photo, 0.03, 0.3, y);
        sg::media::FaceResult found = sg::media::detect_faces(photo, sg::media::FaceSettings{});
        REQUIRE(found.faces);
        REQUIRE(found.faces->size() == 1);
        const sg::media::Box& face = found.faces->front();
        CHECK(face.x + face.width / 2 == doctest::Approx(pasted.x + pasted.width / 2).epsilon(0.05));
        CHECK(face.y + face.height / 2 == doctest::Approx(pasted.y + pasted.height / 2).epsilon(0.1));
    }
}

TEST_CASE("a bowed head, a face at 3% of the shorter side and a close-up are each withheld when declared people: []") {
    struct Photo {
        std::string what;
        std::function<void(const fs::path&)> write;
    };
    for (const Photo& photo : std::vector<Photo>{
             {"a footballer, head bowed over the ball (opencv-doc messi5.jpg)",
              [](const fs::path& to) { fs::copy_file(opencv_data / "messi5.jpg", to); }},
             {"a face at 3% of a 12 MP landscape's shorter side", [](const fs::path& to) { write_small_face(to, 0.03); }},
             {"a close-up portrait (opencv-doc face_swapped.jpg)",
              [](const fs::path& to) { fs::copy_file(opencv_html / "face_swapped.jpg", to); }}}) {
        CAPTURE(photo.what);
        TempSite site;
        fs::create_directories(site.root() / "content/news");
        photo.write(site.root() / "content/news/photo.jpg");
        site.write("content/news/club.md", post("[]"));
        auto result = build(site);
        std::string said = printed(site, result);
        INFO(said);
        CHECK(result.status == Status::withheld);
        CHECK(rules_withholding(result, "content/news/club.md") == std::vector<std::string>{"photo.undeclared-faces"});
        CHECK(has(said, "content/news/club.md:5:5: error: photo 'photo.jpg' shows 1 face but declares 0 people "
                        "[photo.undeclared-faces]"));
        CHECK_FALSE(site.exists("site/news/club/index.html"));
        std::string place = place_in_hint(said);

        // Declared, the same photo publishes (and its faces come from the cache).
        site.write("content/news/club.md", post("[P0001]"));
        auto declared = build(site);
        CHECK(declared.status == Status::published);
        CHECK(declared.faces_from_cache == 1);
        CHECK(site.exists("site/news/club/index.html"));

        // Obscured at the place the hint gives, it publishes too.
        site.write("content/news/club.md", post("[]", "    obscure:\n      - rect: " + place + "\n"));
        auto obscured = build(site);
        INFO(printed(site, obscured));
        CHECK(obscured.status == Status::published);
    }
}

TEST_CASE("a not_people mark over a painted face publishes the photo, and review shows it") {
    // The detector is not fooled by the animals Debian's opencv-doc ships (a kitten, a baboon, a
    // squirrel, a fish, a chick: bench/face_detection), so the thing it flags here is a painting:
    // the Mona Lisa (opencv-doc julia_facedetect_sample.jpg), as on a page about an art lesson.
    TempSite site;
    fs::create_directories(site.root() / "content/news");
    fs::copy_file(opencv_html / "julia_facedetect_sample.jpg", site.root() / "content/news/photo.jpg");
    site.write("content/news/club.md", post("[]"));
    auto flagged = build(site);
    std::string said = printed(site, flagged);
    INFO(said);
    REQUIRE(rules_withholding(flagged, "content/news/club.md") == std::vector<std::string>{"photo.undeclared-faces"});
    std::string place = place_in_hint(said);
    CHECK(has(said, "or, where the editor sees no person there, mark the place as reviewed (not_people: [" + place + "])"));

    site.write("content/news/club.md", post("[]", "    not_people: [" + place + "]\n"));
    auto marked = build(site);
    INFO(printed(site, marked));
    CHECK(marked.status == Status::published);
    CHECK(site.exists("site/news/club/index.html"));

    // review lists the mark with the face found under it, and draws it on the photo.
    auto review = sg::testing::shell(site.root(), sg::testing::schoolgate_command() + " review --date " +
                                                      sg::testing::test_date + " --html review.html");
    CHECK(has(review.out, "Places marked not a person (1):\n  ? content/news/club.md: photo.jpg\n      " + place +
                              ": 1 face found there by the detector\n"));
    std::string html = site.read("review.html");
    CHECK(has(html, "class=\"not-person\""));
    CHECK(has(html, "1 marked not a person by the editor (dotted green)"));

    SUBCASE("a mark elsewhere does not let the face through") {
        site.write("content/news/club.md", post("[]", "    not_people: [[0.0, 0.0, 0.05, 0.05]]\n"));
        auto elsewhere = build(site);
        CHECK(rules_withholding(elsewhere, "content/news/club.md") == std::vector<std::string>{"photo.undeclared-faces"});
    }
    SUBCASE("under --require-approval, a new mark needs an approval") {
        CHECK(sg::testing::shell(site.root(), sg::testing::schoolgate_command() + " approve --by Head").status == 0);
        site.write("content/news/club.md", post("[]", "    not_people: [" + place + ", [0.0, 0.0, 0.05, 0.05]]\n"));
        auto unapproved = sg::testing::shell(site.root(), sg::testing::schoolgate_command() + " build --require-approval --date " +
                                                              sg::testing::test_date);
        CHECK(unapproved.status == 1);
        CHECK(has(unapproved.out + unapproved.err, "[review.unapproved]"));
    }
}

TEST_CASE("a not_people mark over a face the image's metadata names is refused") {
    TempSite site;
    site.copy_fixture("xmp_no_exif.jpg", "content/news/photo.jpg");
    auto found = sg::media::detect_faces(site.root() / "content/news/photo.jpg", {});
    REQUIRE(found.faces);
    REQUIRE(found.faces->size() == 1);
    const sg::media::Box face = found.faces->front();
    // The image itself says the face is Priyanka Oduya's (P0003).
    sg::media::testing::write_mwg_faces(site.root() / "content/news/photo.jpg", {{"Priyanka Oduya", face}});
    char mark[96];
    std::snprintf(mark, sizeof mark, "    not_people: [[%.2f, %.2f, %.2f, %.2f]]\n", std::max(0.0, face.x - 0.01),
                  std::max(0.0, face.y - 0.01), face.width + 0.02, face.height + 0.02);
    site.write("content/news/club.md", post("[]", mark));
    auto result = build(site);
    std::string said = printed(site, result);
    INFO(said);
    CHECK(result.status == Status::withheld);
    CHECK(rules_withholding(result, "content/news/club.md") ==
          std::vector<std::string>{"content.invalid", "photo.tag-mismatch"});
    CHECK(has(said, "content/news/club.md:8:18: error: this not_people mark covers a face that photo 'photo.jpg' "
                    "names as a person in its own metadata [content.invalid]"));
    CHECK(has(said, "hint: a named face is a person: declare them in people, or obscure them"));
    CHECK_FALSE(has(said, "Priyanka"));
}

TEST_CASE("a not_people mark that is not a rectangle inside the picture is content.invalid") {
    TempSite site;
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/photo.jpg");
    for (const char* bad : {"    not_people: [0.1, 0.1, 0.2, 0.2]\n", "    not_people: []\n", "    not_people: [[0.9, 0.1, 0.2, 0.2]]\n",
                            "    not_people: [[0.1, 0.1, 0.2]]\n", "    not_people: yes\n"}) {
        CAPTURE(bad);
        site.write("content/news/club.md", post("[]", bad));
        auto result = build(site);
        CHECK(rules_withholding(result, "content/news/club.md") == std::vector<std::string>{"content.invalid"});
    }
}

TEST_CASE("a missing or altered face model stops the build with exit 2, and nothing is written") {
    TempSite site;
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/photo.jpg");
    site.write("content/news/club.md", post("[]"));
    sg::media::testing::TempDir model;
    auto run = [&] {
        return sg::testing::shell(site.root(), "SCHOOLGATE_FACE_MODEL_DIR=" + sg::testing::sh_quote(model.path().string()) +
                                                   " " + sg::testing::schoolgate_command() + " build --date " +
                                                   sg::testing::test_date);
    };
    SUBCASE("missing") {
        fs::copy_file(sg::media::face_model_dir() / sg::media::front_model.name, model.path() / sg::media::front_model.name);
        sg::testing::Run build = run();
        CHECK(build.status == 2);
        CHECK(build.err == "schoolgate: error: " + (model.path() / sg::media::back_model.name).string() +
                               ": cannot read the face model: the face detector's model must be installed: run "
                               ".ci/install-deps (or reinstall schoolgate's package)\nschoolgate: nothing was written\n");
    }
    SUBCASE("altered") {
        for (const auto* file : {&sg::media::back_model, &sg::media::front_model})
            fs::copy_file(sg::media::face_model_dir() / file->name, model.path() / file->name);
        std::fstream(model.path() / sg::media::back_model.name, std::ios::in | std::ios::out | std::ios::binary)
            .seekp(1000)
            .put('\x5a');
        sg::testing::Run build = run();
        CHECK(build.status == 2);
        CHECK(has(build.err, (model.path() / sg::media::back_model.name).string() +
                                 ": the face model is not the one schoolgate was built for (sha256 "));
        CHECK(has(build.err, "expected 427cbbe0fc41448d...): the face detector's model must be installed: run "
                             ".ci/install-deps (or reinstall schoolgate's package)\nschoolgate: nothing was written\n"));
    }
    CHECK_FALSE(site.exists("site"));
    CHECK_FALSE(site.exists(".schoolgate/build-record.json"));
    // The installed model builds the same site.
    sg::testing::Run installed = sg::testing::shell(site.root(), sg::testing::schoolgate_command() + " build --date " +
                                                                     sg::testing::test_date);
    CHECK(installed.status == 0);
}

}  // TEST_SUITE
