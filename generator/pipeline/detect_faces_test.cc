#include "pipeline/detect_faces.h"

#include <doctest/doctest.h>

#include "media/decode.h"
#include "media/test_support.h"
#include "pipeline/process_media.h"

namespace sg::pipeline {
namespace {

using media::testing::fixture;
using media::testing::TempDir;

config::Images small_site() {
    config::Images images;
    images.widths = {320, 640};
    images.max_width = 640;
    return images;
}

TEST_CASE("a build's detection makes the renditions of new photos shown plainly, and only those") {
    TempDir dir;
    auto plain = dir.copy(fixture("gps_DSCN0010.jpg"), "plain.jpg");
    auto obscured = dir.copy(fixture("gps_DSCN0012.jpg"), "obscured.jpg");
    config::Images images = small_site();
    media::Cache cache(dir.path() / "cache", media_settings(images), face_settings(images));
    RenditionsToo too{media_settings(images), {plain}, fresh_renditions_budget};
    size_t before = media::decode_count();
    Detections found = detect_all({plain, obscured}, face_settings(images), 2, cache, &too);
    CHECK(media::decode_count() - before == 2);
    CHECK(found.computed == 2);
    REQUIRE(found.fresh.size() == 1);
    const auto& [hash, renditions] = *found.fresh.begin();
    CHECK(hash == cache.content_hash(plain));
    REQUIRE(renditions.processed);
    CHECK(renditions.processed->renditions.size() == 4);
    for (const media::Rendition& rendition : renditions.processed->renditions) {
        CHECK_FALSE(rendition.bytes.empty());
        CHECK(rendition.file.empty());  // in memory only
    }
    CHECK(std::filesystem::is_empty(dir.path() / "cache" / "media"));  // the faces' entries only

    SUBCASE("a check makes none") {
        media::Cache other(dir.path() / "other-cache", media_settings(images), face_settings(images));
        CHECK(detect_all({plain, obscured}, face_settings(images), 2, other).fresh.empty());
    }
    SUBCASE("none beyond the budget") {
        media::Cache other(dir.path() / "other-cache", media_settings(images), face_settings(images));
        RenditionsToo none{media_settings(images), {plain, obscured}, 0};
        CHECK(detect_all({plain, obscured}, face_settings(images), 2, other, &none).fresh.empty());
    }
    SUBCASE("none for a photo whose renditions the cache holds") {
        media::Cache other(dir.path() / "other-cache", media_settings(images), face_settings(images));
        media::ProcessResult result = media::process(plain, media_settings(images));
        other.store(other.content_hash(plain), plain, result);
        CHECK(detect_all({plain}, face_settings(images), 2, other, &too).fresh.empty());
    }
}

TEST_CASE("detection decodes at the width processing decodes at") {
    config::Images images;
    images.widths = {480, 960, 1200};
    images.max_width = 1600;
    CHECK(face_settings(images).decode_width == 1200);
    images.widths.clear();
    CHECK(face_settings(images).decode_width == 1600);
}

}  // namespace
}  // namespace sg::pipeline
