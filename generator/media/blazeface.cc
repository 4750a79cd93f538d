#include "media/blazeface.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "util/error.h"

namespace sg::media::blazeface {

namespace {

// Both networks (back: 256 px input, front: 128 px) share one layout: input NHWC float RGB in
// [-1, 1]; outputs by name, scores (before a sigmoid) and regressors for 896 anchors, first
// 16x16 cells with 2 anchors each, then 8x8 cells with 6 anchors each, anchor (y*cells + x)*count + a
// centred in its cell. A regressor's first four values are the box centre's offset from the
// anchor and the box's width and height, in input pixels.
struct AnchorGroup {
    const char* scores;
    const char* boxes;
    int cells, per_cell;
};
constexpr AnchorGroup groups[] = {{"Identity:0", "Identity_2:0", 16, 2}, {"Identity_1:0", "Identity_3:0", 8, 6}};
constexpr int regressor_size = 16;  // box (4) and six keypoints (12), which are not used

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-std::clamp(x, -80.0f, 80.0f))); }

}  // namespace

Network::Network(const ModelFile& file) {
    std::string bytes = read_model(file);
    try {
        net_ = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
        net_.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        net_.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    } catch (const cv::Exception& e) {
        throw util::ConfigurationError(file.name, std::string("cannot load the face model: ") + e.what());
    }
    input_size_ = file.name == back_model.name ? 256 : 128;
    for (const AnchorGroup& group : groups) outputs_.push_back(group.scores);
    for (const AnchorGroup& group : groups) outputs_.push_back(group.boxes);
}

std::vector<Detection> Network::detect(const cv::Mat& square, float min_score) {
    cv::Mat input;
    int interpolation = square.cols > input_size_ ? cv::INTER_AREA : cv::INTER_LINEAR;
    cv::resize(square, input, cv::Size(input_size_, input_size_), 0, 0, interpolation);
    input.convertTo(input, CV_32FC3, 1.0 / 127.5, -1.0);
    // A continuous HxWx3 float Mat is NHWC in memory: the blob is a view of it.
    cv::Mat blob(std::vector<int>{1, input_size_, input_size_, 3}, CV_32F, input.ptr<float>());
    net_.setInput(blob);
    std::vector<cv::Mat> out;
    net_.forward(out, outputs_);

    std::vector<Detection> found;
    const double size = input_size_;
    for (size_t g = 0; g < std::size(groups); ++g) {
        const AnchorGroup& group = groups[g];
        const float* scores = out[g].ptr<float>();
        const float* boxes = out[std::size(groups) + g].ptr<float>();
        int anchors = group.cells * group.cells * group.per_cell;
        if (int(out[g].total()) != anchors || int(out[std::size(groups) + g].total()) != anchors * regressor_size)
            throw util::ConfigurationError({}, "the face model's outputs have an unexpected shape");
        for (int i = 0; i < anchors; ++i) {
            float score = sigmoid(scores[i]);
            if (score < min_score) continue;
            int cell = i / group.per_cell;
            double ax = (cell % group.cells + 0.5) / group.cells, ay = (cell / group.cells + 0.5) / group.cells;
            const float* r = boxes + i * regressor_size;
            double cx = ax + r[0] / size, cy = ay + r[1] / size, w = r[2] / size, h = r[3] / size;
            if (w <= 0 || h <= 0) continue;
            found.push_back({cv::Rect2d(cx - w / 2, cy - h / 2, w, h), score});
        }
    }
    return found;
}

}  // namespace sg::media::blazeface
