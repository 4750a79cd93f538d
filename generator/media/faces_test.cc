#include <doctest/doctest.h>

#include "media/cache.h"
#include "media/face_model.h"
#include "media/faces.h"
#include "media/test_support.h"

namespace sg::media {
namespace {

using testing::fixture;
using testing::TempDir;

}  // namespace

TEST_SUITE("media::faces") {
    TEST_CASE("the face in a real photograph is found, where it is") {
        // A film poster: one man, walking towards the camera (camera fixtures).
        FaceResult result = detect_faces(fixture("xmp_no_exif.jpg"), FaceSettings{});
        REQUIRE(result.faces);
        REQUIRE(result.faces->size() == 1);
        const Box& face = result.faces->front();
        // His head is in the upper middle of the poster.
        CHECK(face.x > 0.5);
        CHECK(face.x + face.width < 0.9);
        CHECK(face.y > 0.0);
        CHECK(face.y + face.height < 0.3);
        CHECK(face.width > 0.05);
    }

    TEST_CASE("no faces in landscapes, buildings and objects (camera fixtures)") {
        for (const char* name : {"Canon_40D.jpg", "Nikon_D70.jpg", "Olympus_C8080WZ.jpg", "Pentax_K10D.jpg",
                                 "gps_DSCN0010.jpg", "gps_DSCN0012.jpg", "gps_DSCN0021.jpg", "gps_DSCN0025.jpg",
                                 "gps_DSCN0027.jpg", "gps_DSCN0029.jpg", "gps_DSCN0038.jpg", "gps_DSCN0040.jpg",
                                 "gps_DSCN0042.jpg", "mobile_jolla.jpg", "orientation_landscape_6.jpg",
                                 "orientation_portrait_3.jpg"}) {
            CAPTURE(name);
            FaceResult result = detect_faces(fixture(name), FaceSettings{});
            REQUIRE(result.faces);
            CHECK(result.faces->empty());
        }
    }

    TEST_CASE("the same face is found whatever the EXIF orientation") {
        // The poster's face, turned by each orientation, is found upright at the same place.
        TempDir dir;
        auto upright = detect_faces(fixture("xmp_no_exif.jpg"), FaceSettings{});
        REQUIRE(upright.faces);
        REQUIRE(upright.faces->size() == 1);
        vips::VImage poster = vips::VImage::new_from_file(fixture("xmp_no_exif.jpg").c_str());
        // Stored turned 90 degrees anticlockwise, with orientation 6 saying "turn clockwise to view".
        auto file = dir.path() / "turned.jpg";
        poster.rot270().jpegsave(file.c_str(), vips::VImage::option()->set("Q", 100));
        auto image = Exiv2::ImageFactory::open(file.string());
        image->readMetadata();
        image->exifData()["Exif.Image.Orientation"] = uint16_t(6);
        image->writeMetadata();
        auto turned = detect_faces(file, FaceSettings{});
        REQUIRE(turned.faces);
        REQUIRE(turned.faces->size() == 1);
        CHECK(turned.faces->front().x == doctest::Approx(upright.faces->front().x).epsilon(0.05));
        CHECK(turned.faces->front().y == doctest::Approx(upright.faces->front().y).epsilon(0.1));
    }

    TEST_CASE("an unreadable file is a problem, not 'no faces'") {
        FaceResult result = detect_faces(fixture("corrupted.jpg"), FaceSettings{});
        CHECK_FALSE(result.faces);
        REQUIRE(result.problem);
        CHECK(result.problem->rule == "media.unreadable");
    }

    TEST_CASE("every detector setting is part of the fingerprint, and so are the model's hashes") {
        FaceSettings base;
        for (auto change : std::vector<void (*)(FaceSettings&)>{
                 [](FaceSettings& s) { s.detect_width = 800; },
                 [](FaceSettings& s) { s.decode_width = 1200; },
                 [](FaceSettings& s) { s.scales.pop_back(); },
                 [](FaceSettings& s) { s.scales[0] = 1.2; },
                 [](FaceSettings& s) { s.candidate_score = 0.5f; },
                 [](FaceSettings& s) { s.confirm = false; },
                 [](FaceSettings& s) { s.confirm_score = 0.7f; },
                 [](FaceSettings& s) { s.min_face = 0.05; },
                 [](FaceSettings& s) { s.max_megapixels = 10; }}) {
            FaceSettings changed = base;
            change(changed);
            CHECK(changed.fingerprint() != base.fingerprint());
        }
        for (const ModelFile& file : {back_model, front_model}) {
            CHECK(base.fingerprint().find(std::string(file.name) + ":" + std::string(file.sha256)) != std::string::npos);
        }
    }

    TEST_CASE("detection results are cached by content and detector setting") {
        TempDir dir;
        auto photo = dir.copy(fixture("xmp_no_exif.jpg"), "poster.jpg");
        FaceResult found = detect_faces(photo, FaceSettings{});
        REQUIRE(found.faces);
        {
            Cache cache(dir.path() / "cache", Settings{}, FaceSettings{});
            std::string hash = cache.content_hash(photo);
            CHECK_FALSE(cache.find_faces(hash));
            cache.store_faces(hash, photo, found);
            auto cached = cache.find_faces(hash);
            REQUIRE(cached);
            REQUIRE(cached->faces);
            REQUIRE(cached->faces->size() == 1);
            CHECK(cached->faces->front().x == doctest::Approx(found.faces->front().x));
            CHECK(cached->faces->front().height == doctest::Approx(found.faces->front().height));
            cache.finish();
        }
        {
            // Same detector: a hit in a later build.
            Cache cache(dir.path() / "cache", Settings{}, FaceSettings{});
            CHECK(cache.find_faces(cache.content_hash(photo)));
        }
        {
            // Another detector setting: a miss.
            FaceSettings other;
            other.candidate_score = 0.5f;
            Cache cache(dir.path() / "cache", Settings{}, other);
            CHECK_FALSE(cache.find_faces(cache.content_hash(photo)));
        }
        {
            // A damaged entry is a miss, never "no faces".
            Cache cache(dir.path() / "cache", Settings{}, FaceSettings{});
            std::string hash = cache.content_hash(photo);
            for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "cache" / "entries"))
                if (entry.path().filename().string().find("-faces-") != std::string::npos)
                    std::ofstream(entry.path(), std::ios::trunc) << "schoolgate-faces-entry 1\nfaces 1\n";
            CHECK_FALSE(cache.find_faces(hash));
        }
    }
}

}  // namespace sg::media
