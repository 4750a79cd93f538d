#include "media/new_photo.h"

#include <doctest/doctest.h>

#include "media/decode.h"
#include "media/test_support.h"

namespace sg::media {
namespace {

using testing::fixture;
using testing::TempDir;

std::vector<std::string> names(const ProcessResult& result) {
    std::vector<std::string> list;
    if (result.processed)
        for (const Rendition& rendition : result.processed->renditions) list.push_back(rendition.name);
    return list;
}

// A 4000x3000 photo (as a phone takes), the poster's face in it, turned by `orientation`.
std::filesystem::path large_photo(const TempDir& dir, int orientation) {
    vips::VImage background = vips::VImage::new_from_file(fixture("gps_DSCN0010.jpg").c_str()).autorot();
    background = background.resize(4000.0 / background.width(),
                                   vips::VImage::option()->set("vscale", 3000.0 / background.height()));
    vips::VImage poster = vips::VImage::new_from_file(fixture("xmp_no_exif.jpg").c_str());
    vips::VImage photo = background.insert(poster.resize(5.0), 1200, 300);
    if (orientation == 6) photo = photo.rot270();
    auto file = dir.path() / ("large-" + std::to_string(orientation) + ".jpg");
    photo.jpegsave(file.c_str(), vips::VImage::option()->set("Q", 90));
    if (orientation != 1) {
        auto image = Exiv2::ImageFactory::open(file.string());
        image->readMetadata();
        image->exifData()["Exif.Image.Orientation"] = uint16_t(orientation);
        image->writeMetadata();
    }
    return file;
}

}  // namespace

TEST_SUITE("media::new_photo") {
    TEST_CASE("one decode gives the faces detect_faces finds and the renditions process makes, byte for byte") {
        TempDir dir;
        for (const std::filesystem::path& file :
             {fixture("xmp_no_exif.jpg"), fixture("gps_DSCN0010.jpg"), fixture("orientation_portrait_6.jpg"),
              large_photo(dir, 1), large_photo(dir, 6)}) {
            CAPTURE(file.filename().string());
            std::size_t before = decode_count();
            NewPhoto photo = detect_faces_and_process(file, FaceSettings{}, Settings{});
            CHECK(decode_count() - before == 1);
            FaceResult faces = detect_faces(file, FaceSettings{});
            ProcessResult processed = process(file, Settings{});
            REQUIRE(photo.faces.faces);
            REQUIRE(faces.faces);
            CHECK(*photo.faces.faces == *faces.faces);
            REQUIRE(photo.renditions);
            CHECK(names(*photo.renditions) == names(processed));
            if (file.filename().string().starts_with("large")) CHECK(names(processed).size() == 6);
            for (const Rendition& rendition : photo.renditions->processed->renditions)
                CHECK(find_metadata(rendition.bytes).empty());
        }
    }

    TEST_CASE("the faces of a large photo are found in the decode processing uses") {
        TempDir dir;
        for (int orientation : {1, 6}) {
            CAPTURE(orientation);
            NewPhoto photo = detect_faces_and_process(large_photo(dir, orientation), FaceSettings{}, Settings{});
            REQUIRE(photo.faces.faces);
            CHECK(photo.faces.faces->size() == 1);
        }
    }

    TEST_CASE("when detection and processing need different decodes, only the faces come back") {
        Settings small;
        small.max_width = 480;
        TempDir dir;
        auto file = large_photo(dir, 1);
        std::size_t before = decode_count();
        NewPhoto photo = detect_faces_and_process(file, FaceSettings{}, small);
        CHECK(decode_count() - before == 1);
        CHECK_FALSE(photo.renditions);
        REQUIRE(photo.faces.faces);
        CHECK(photo.faces.faces->size() == 1);
    }

    TEST_CASE("an unreadable photo is a face problem and no renditions: processing says why") {
        NewPhoto photo = detect_faces_and_process(fixture("corrupted.jpg"), FaceSettings{}, Settings{});
        CHECK_FALSE(photo.faces.faces);
        REQUIRE(photo.faces.problem);
        CHECK(photo.faces.problem->rule == "media.unreadable");
        CHECK_FALSE(photo.renditions);
    }
}

}  // namespace sg::media
