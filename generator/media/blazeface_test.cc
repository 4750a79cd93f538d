#include <doctest/doctest.h>

#include <opencv2/imgproc.hpp>
#include <vips/vips8>

#include "media/blazeface.h"
#include "media/test_support.h"

namespace sg::media::blazeface {
namespace {

using testing::fixture;

// The head of the man on the poster of the camera fixtures (walking towards the camera), about a
// third of a 256 px square, as 8-bit RGB.
cv::Mat head() {
    vips::VImage image = vips::VImage::new_from_file(fixture("xmp_no_exif.jpg").c_str());
    std::size_t size = 0;
    void* data = image.write_to_memory(&size);
    cv::Mat rgb = cv::Mat(image.height(), image.width(), CV_8UC3, data)(cv::Rect(157, 0, 138, 138)).clone();
    g_free(data);
    cv::Mat square;
    cv::resize(rgb, square, cv::Size(256, 256), 0, 0, cv::INTER_LINEAR);
    return square;
}

// The best-scoring detection, in the pixels of a picture `size`.
cv::Rect2d best(const std::vector<Detection>& found, cv::Size size) {
    REQUIRE_FALSE(found.empty());
    const Detection& top =
        *std::max_element(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.score < b.score; });
    return {top.box.x * size.width, top.box.y * size.height, top.box.width * size.width, top.box.height * size.height};
}

}  // namespace

TEST_SUITE("media::blazeface") {
    TEST_CASE("shown a large picture at its own size, the network finds the face where it is") {
        // The head in the network's square, and the same square pasted into a black picture more
        // than eleven times its size: the face is found at the same place.
        cv::Mat square = head();
        Network network(back_model);
        cv::Rect2d alone = best(network.detect(square, 0.5f), square.size());

        cv::Mat large(768, 1000, CV_8UC3, cv::Scalar(0, 0, 0));  // not a multiple of the grid: padded
        square.copyTo(large(cv::Rect(320, 256, 256, 256)));
        cv::Rect2d inside = best(network.detect_unscaled(large, 0.5f), large.size());
        CHECK(inside.x - 320 == doctest::Approx(alone.x).epsilon(0.05));
        CHECK(inside.y - 256 == doctest::Approx(alone.y).epsilon(0.05));
        CHECK(inside.width == doctest::Approx(alone.width).epsilon(0.05));

        // Reshaped back for a square, the network answers as it did before it saw the large picture.
        cv::Rect2d again = best(network.detect(square, 0.5f), square.size());
        CHECK(again == alone);
    }

    TEST_CASE("a picture of the network's own size gives the same answer either way") {
        cv::Mat square = head();
        Network network(back_model);
        std::vector<Detection> resized = network.detect(square, 0.3f), unscaled = network.detect_unscaled(square, 0.3f);
        REQUIRE(resized.size() == unscaled.size());
        for (size_t i = 0; i < resized.size(); ++i) {
            CHECK(resized[i].box == unscaled[i].box);
            CHECK(resized[i].score == unscaled[i].score);
        }
    }
}

}  // namespace sg::media::blazeface
