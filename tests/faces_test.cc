// End to end: the face detector as a second pair of eyes (photo.undeclared-faces), and obscuring a
// person instead of refusing the photo.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <vips/vips8>

#include "diag/printer.h"
#include "media/decode.h"
#include "media/faces.h"
#include "media/test_support.h"
#include "pipeline/pipeline.h"
#include "site_build.h"
#include "temp_site.h"

namespace fs = std::filesystem;
using sg::pipeline::Status;
using sg::testing::TempSite;
using sg::testing::build;
using sg::testing::printed;
using sg::testing::rules_withholding;

namespace {

// A post showing the poster fixture (one man's face, upper middle) with `people` and `extra` YAML.
std::string poster_post(const std::string& people, const std::string& extra = "") {
    return "---\ntitle: Film club\ndate: 2026-10-14\nphotos:\n  - src: poster.jpg\n    alt: The film club's poster\n"
           "    people: " + people + "\n" + extra + "---\nOur film this term.\n";
}

sg::media::Box the_face(const TempSite& site) {
    auto found = sg::media::detect_faces(site.root() / "content/news/poster.jpg", {});
    REQUIRE(found.faces);
    REQUIRE(found.faces->size() == 1);
    return found.faces->front();
}

double difference(const vips::VImage& a, const vips::VImage& b) {
    return (a.cast(VIPS_FORMAT_FLOAT) - b.cast(VIPS_FORMAT_FLOAT)).abs().avg();
}

double detail(const vips::VImage& image) {
    vips::VImage grey = image.colourspace(VIPS_INTERPRETATION_B_W).cast(VIPS_FORMAT_FLOAT);
    return (grey - grey.gaussblur(1.0)).abs().avg();
}

// Every image written to site/media: the face's area is far from the source's and without its
// detail; a strip along the left edge (the poster's lettering) is the source's.
void check_obscured(const TempSite& site, const sg::media::Box& face) {
    vips::VImage source = vips::VImage::new_from_file((site.root() / "content/news/poster.jpg").c_str()).autorot();
    int written = 0;
    std::set<std::string> formats;
    for (const auto& entry : fs::directory_iterator(site.site() / "media")) {
        CAPTURE(entry.path().filename().string());
        vips::VImage out = vips::VImage::new_from_file(entry.path().c_str(), vips::VImage::option()->set("access", VIPS_ACCESS_RANDOM)).copy_memory();
        if (out.bands() > 3) out = out.extract_band(0, vips::VImage::option()->set("n", 3));
        vips::VImage reference = source.resize(double(out.width()) / source.width(),
                                               vips::VImage::option()->set("vscale", double(out.height()) / source.height()));
        auto part = [](const vips::VImage& image, double x, double y, double w, double h) {
            return image.crop(int(x * image.width()), int(y * image.height()), std::max(1, int(w * image.width())),
                              std::max(1, int(h * image.height())));
        };
        double x = face.x + face.width * 0.1, y = face.y + face.height * 0.1, w = face.width * 0.8, h = face.height * 0.8;
        CHECK(difference(part(out, x, y, w, h), part(reference, x, y, w, h)) > 12);
        CHECK(detail(part(out, x, y, w, h)) < 0.35 * detail(part(reference, x, y, w, h)));
        CHECK(difference(part(out, 0, 0, 0.35, 1), part(reference, 0, 0, 0.35, 1)) < 10);
        formats.insert(entry.path().extension().string());
        ++written;
    }
    CHECK(written >= 2);
    CHECK(formats == std::set<std::string>{".jpg", ".webp"});
}

// The files in `folder` (none when it does not exist), by name.
std::set<std::string> files_in(const fs::path& folder) {
    std::set<std::string> names;
    if (fs::is_directory(folder))
        for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
    return names;
}

// The renditions a published page shows, by name.
std::set<std::string> renditions_on(const TempSite& site, const std::string& page) {
    std::string html = site.read(page);
    static const std::regex name("[0-9a-f]{16}-[0-9]+\\.(jpg|webp)");
    std::set<std::string> names;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), name); it != std::sregex_iterator(); ++it)
        names.insert(it->str());
    return names;
}

// Whether the poster's face in site/media/NAME is obscured: far from the source's and without its detail.
bool face_obscured(const TempSite& site, const std::string& name, const sg::media::Box& face) {
    vips::VImage source = vips::VImage::new_from_file((site.root() / "content/news/poster.jpg").c_str()).autorot();
    vips::VImage out = vips::VImage::new_from_file((site.site() / "media" / name).c_str(),
                                                   vips::VImage::option()->set("access", VIPS_ACCESS_RANDOM)).copy_memory();
    if (out.bands() > 3) out = out.extract_band(0, vips::VImage::option()->set("n", 3));
    vips::VImage reference = source.resize(double(out.width()) / source.width(),
                                           vips::VImage::option()->set("vscale", double(out.height()) / source.height()));
    auto part = [&](const vips::VImage& image) {
        return image.crop(int((face.x + face.width * 0.1) * image.width()), int((face.y + face.height * 0.1) * image.height()),
                          std::max(1, int(face.width * 0.8 * image.width())), std::max(1, int(face.height * 0.8 * image.height())));
    };
    return difference(part(out), part(reference)) > 12 && detail(part(out)) < 0.35 * detail(part(reference));
}

}  // namespace

TEST_SUITE("e2e::faces") {

TEST_CASE("a face in a photo declared people: [] withholds the page with photo.undeclared-faces") {
    TempSite site;
    site.copy_fixture("xmp_no_exif.jpg", "content/news/poster.jpg");
    site.write("content/news/film.md", poster_post("[]"));
    auto result = build(site);
    CHECK(result.status == Status::withheld);
    CHECK(rules_withholding(result, "content/news/film.md") == std::vector<std::string>{"photo.undeclared-faces"});
    CHECK(printed(site, result).find("content/news/film.md:5:5: error: photo 'poster.jpg' shows 1 face but declares 0 "
                                     "people [photo.undeclared-faces]") != std::string::npos);
    CHECK_FALSE(site.exists("site/news/film/index.html"));

    SUBCASE("declaring the person publishes it") {
        site.write("content/news/film.md", poster_post("[P0001]"));
        auto again = build(site);
        CHECK(again.status == Status::published);
        CHECK(site.exists("site/news/film/index.html"));
        CHECK(again.faces_from_cache == 1);  // the same photo: detected once, by the first build
        CHECK(again.faces_detected == 0);
    }
    SUBCASE("the place the hint gives, pasted as an obscure rect, publishes it with the face obscured") {
        std::string hint = printed(site, result);
        size_t from = hint.find("place found: ["), to = hint.find(']', from);
        REQUIRE(to != std::string::npos);
        std::string rect = hint.substr(from + 13, to - from - 12);
        CHECK(rect.size() == std::string("[0.00, 0.00, 0.00, 0.00]").size());
        site.write("content/news/film.md", poster_post("[]", "    obscure:\n      - rect: " + rect + "\n"));
        auto again = build(site);
        INFO(printed(site, again));
        REQUIRE(again.status == Status::published);
        check_obscured(site, the_face(site));
    }
    SUBCASE("so does people: unidentifiable not") {
        site.write("content/news/film.md", poster_post("unidentifiable"));
        auto again = build(site);
        CHECK(rules_withholding(again, "content/news/film.md") == std::vector<std::string>{"photo.undeclared-faces"});
    }
}

TEST_CASE("landscapes declared people: [] are published: the detector stays quiet") {
    TempSite site;
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/a.jpg");
    site.copy_fixture("Nikon_D70.jpg", "content/news/b.jpg");
    site.write("content/news/views.md",
               "---\ntitle: Views\ndate: 2026-10-14\nphotos:\n  - src: a.jpg\n    alt: A view\n    people: []\n"
               "  - src: b.jpg\n    alt: Another view\n    people: []\n---\nViews.\n");
    auto result = build(site);
    CHECK(result.status == Status::published);
    CHECK(result.faces_detected == 2);
}

TEST_CASE("a rectangle obscures the face in every output, and the photo is published") {
    TempSite site;
    site.copy_fixture("xmp_no_exif.jpg", "content/news/poster.jpg");
    sg::media::Box face = the_face(site);
    char rect[160];
    std::snprintf(rect, sizeof rect, "    obscure:\n      - rect: [%.4f, %.4f, %.4f, %.4f]\n", face.x, face.y, face.width,
                  face.height);
    site.write("content/news/film.md", poster_post("[]", rect));
    auto result = build(site);
    INFO(printed(site, result));
    REQUIRE(result.status == Status::published);
    check_obscured(site, face);
}

TEST_CASE("a person is obscured by their face region: no consent needed, not an undeclared face") {
    TempSite site;
    site.copy_fixture("xmp_no_exif.jpg", "content/news/poster.jpg");
    sg::media::Box face = the_face(site);
    // P0003 has no website photo consent; the region names them.
    sg::media::testing::write_mwg_faces(site.root() / "content/news/poster.jpg", {{"Priyanka Oduya", face}});
    site.write("content/news/film.md", poster_post("[]", "    obscure:\n      - person: P0003\n"));
    auto result = build(site);
    INFO(printed(site, result));
    REQUIRE(result.status == Status::published);
    check_obscured(site, face);

    SUBCASE("without obscure, the tag and the face both withhold it") {
        site.write("content/news/film.md", poster_post("[]"));
        auto again = build(site);
        CHECK(rules_withholding(again, "content/news/film.md") ==
              std::vector<std::string>{"photo.tag-mismatch", "photo.undeclared-faces"});
    }
}

TEST_CASE("what cannot be obscured withholds the photo (fail closed)") {
    TempSite site;
    site.copy_fixture("xmp_no_exif.jpg", "content/news/poster.jpg");
    SUBCASE("a person without a face region in the image") {
        site.write("content/news/film.md", poster_post("[]", "    obscure:\n      - person: P0001\n"));
        auto result = build(site);
        CHECK(rules_withholding(result, "content/news/film.md") == std::vector<std::string>{"content.invalid"});
        INFO(printed(site, result));
        CHECK(printed(site, result).find("content/news/film.md:9:17: error: photo 'poster.jpg' has no face region for "
                                         "P0001 A.T. in its metadata") != std::string::npos);
    }
    SUBCASE("a protected person, even with a face region") {
        sg::media::testing::write_mwg_faces(site.root() / "content/news/poster.jpg",
                                            {{"Wilfred Ashdown", the_face(site)}});
        site.write("content/news/film.md", poster_post("[]", "    obscure:\n      - person: P0011\n"));
        auto result = build(site);
        auto rules = rules_withholding(result, "content/news/film.md");
        CHECK(std::find(rules.begin(), rules.end(), "photo.protected") != rules.end());
    }
    SUBCASE("malformed rectangles and entries") {
        for (const char* bad : {"      - rect: [0.5, 0.5, 0.6, 0.2]\n", "      - rect: [0.1, 0.1, 0.2]\n",
                                "      - rect: [0.1, 0.1, 0, 0.2]\n", "      - rect: [a, 0.1, 0.2, 0.2]\n",
                                "      - rect: [0.1, 0.1, 0.2, 0.2]\n        person: P0001\n", "      - face: 1\n"}) {
            CAPTURE(bad);
            site.write("content/news/film.md", poster_post("[P0001]", std::string("    obscure:\n") + bad));
            auto result = build(site);
            CHECK(rules_withholding(result, "content/news/film.md") == std::vector<std::string>{"content.invalid"});
        }
    }
}

TEST_CASE("a new photo is decoded once for detection and processing, and not at all by the next build") {
    TempSite site;
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/a.jpg");
    site.write("content/news/view.md",
               "---\ntitle: View\ndate: 2026-10-14\nphotos:\n  - src: a.jpg\n    alt: A view\n    people: []\n---\nA view.\n");
    size_t before = sg::media::decode_count();
    auto result = build(site);
    INFO(printed(site, result));
    REQUIRE(result.status == Status::published);
    CHECK(sg::media::decode_count() - before == 1);
    CHECK(result.faces_detected == 1);
    CHECK(result.images_processed == 1);
    CHECK(result.images_from_detection == 1);
    std::set<std::string> shown = renditions_on(site, "site/news/view/index.html");
    CHECK(shown.size() == 4);  // 320 and 640 px (the site's widths), JPEG and WebP
    CHECK(files_in(site.site() / "media") == shown);
    CHECK(files_in(site.root() / ".schoolgate/cache/media") == shown);

    before = sg::media::decode_count();
    auto again = build(site);
    CHECK(again.status == Status::published);
    CHECK(sg::media::decode_count() == before);
    CHECK(files_in(site.site() / "media") == shown);
}

TEST_CASE("a withheld page's photo leaves no rendition in the cache or the site") {
    TempSite site;
    site.copy_fixture("xmp_no_exif.jpg", "content/news/poster.jpg");
    site.copy_fixture("gps_DSCN0012.jpg", "content/news/pitch.jpg");
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/view.jpg");
    // Withheld for the face it does not declare, for a pupil without consent, and published.
    site.write("content/news/film.md", poster_post("[]"));
    site.write("content/news/pitch.md", "---\ntitle: Pitch\ndate: 2026-10-14\nphotos:\n  - src: pitch.jpg\n"
                                        "    alt: The pitch\n    people: [P0003]\n---\nThe pitch.\n");
    site.write("content/news/view.md",
               "---\ntitle: View\ndate: 2026-10-14\nphotos:\n  - src: view.jpg\n    alt: A view\n    people: []\n---\nA view.\n");
    size_t before = sg::media::decode_count();
    auto result = build(site);
    CHECK(result.status == Status::withheld);
    CHECK(rules_withholding(result, "content/news/film.md") == std::vector<std::string>{"photo.undeclared-faces"});
    CHECK(rules_withholding(result, "content/news/pitch.md") == std::vector<std::string>{"photo.no-consent"});
    CHECK(sg::media::decode_count() - before == 3);  // each photo once, for detection
    CHECK(result.images_processed == 1);
    std::set<std::string> shown = renditions_on(site, "site/news/view/index.html");
    CHECK_FALSE(shown.empty());
    CHECK(files_in(site.site() / "media") == shown);
    CHECK(files_in(site.root() / ".schoolgate/cache/media") == shown);
}

TEST_CASE("a photo shown plainly on one page and obscured on another: each as its page shows it") {
    TempSite site;
    site.copy_fixture("xmp_no_exif.jpg", "content/news/poster.jpg");
    sg::media::Box face = the_face(site);
    char rect[160];
    std::snprintf(rect, sizeof rect, "    obscure:\n      - rect: [%.4f, %.4f, %.4f, %.4f]\n", face.x, face.y, face.width,
                  face.height);
    site.write("content/news/film.md", poster_post("[P0001]"));
    site.write("content/news/film-obscured.md", poster_post("[]", rect));
    size_t before = sg::media::decode_count();
    auto result = build(site);
    INFO(printed(site, result));
    REQUIRE(result.status == Status::published);
    // One decode for detection and the plain renditions, one for the obscured ones.
    CHECK(sg::media::decode_count() - before == 2);
    CHECK(result.images_from_detection == 1);
    std::set<std::string> plain = renditions_on(site, "site/news/film/index.html");
    std::set<std::string> obscured = renditions_on(site, "site/news/film-obscured/index.html");
    REQUIRE(plain.size() >= 2);
    REQUIRE(obscured.size() == plain.size());
    for (const std::string& name : plain) {
        CAPTURE(name);
        CHECK_FALSE(obscured.count(name));
        CHECK_FALSE(face_obscured(site, name, face));
    }
    for (const std::string& name : obscured) {
        CAPTURE(name);
        CHECK(face_obscured(site, name, face));
    }
}

}  // TEST_SUITE
