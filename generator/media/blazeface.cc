#include "media/blazeface.h"

#include <algorithm>
#include <cmath>
#include <opencv2/dnn/all_layers.hpp>
#include <opencv2/imgproc.hpp>

#include "util/error.h"

namespace sg::media::blazeface {

namespace {

// Both networks (back: 256 px input, front: 128 px) share one layout: input NHWC float RGB in
// [-1, 1]; outputs by name, scores (before a sigmoid) and regressors, one per anchor, for two
// grids of cells over the input: at the input size 16x16 cells with 2 anchors each, then 8x8 cells
// with 6 anchors each, anchor (y*columns + x)*count + a centred in its cell. A regressor's first
// four values are the box centre's offset from the anchor and the box's width and height, in
// input pixels.
struct AnchorGroup {
    const char* scores;
    const char* boxes;
    int cells, per_cell;  // cells across the network's own input
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
    shaped_for_ = cv::Size(input_size_, input_size_);
    for (const AnchorGroup& group : groups) outputs_.push_back(group.scores);
    for (const AnchorGroup& group : groups) outputs_.push_back(group.boxes);
}

void Network::shape_for(cv::Size size) {
    if (size == shaped_for_) return;
    for (const cv::String& name : net_.getLayerNames()) {
        cv::Ptr<cv::dnn::Layer> layer = net_.getLayer(net_.getLayerId(name));
        if (layer->type == "Const" && layer->blobs.size() == 1 && layer->blobs[0].dims == 4) {
            // Zero channels at some stride of the input: the same channels and stride, new size.
            cv::Mat& zeros = layer->blobs[0];
            int stride = shaped_for_.height / zeros.size[2];
            int shape[] = {1, zeros.size[1], size.height / stride, size.width / stride};
            zeros = cv::Mat(4, shape, CV_32F, cv::Scalar(0));
        } else if (auto reshape = layer.dynamicCast<cv::dnn::ReshapeLayer>(); reshape && reshape->newShapeDesc.size() == 3) {
            reshape->newShapeDesc[1] = -1;  // (1, anchors, values): as many anchors as the grid has
        }
    }
    shaped_for_ = size;
}

std::vector<Detection> Network::detect(const cv::Mat& square, float min_score) {
    cv::Mat input;
    int interpolation = square.cols > input_size_ ? cv::INTER_AREA : cv::INTER_LINEAR;
    cv::resize(square, input, cv::Size(input_size_, input_size_), 0, 0, interpolation);
    return run(input, min_score);
}

std::vector<Detection> Network::detect_unscaled(const cv::Mat& picture, float min_score) {
    // Padded with black to whole cells of the coarser grid, then the boxes scaled back to `picture`.
    int cell = input_size_ / groups[1].cells;
    cv::Mat padded;
    cv::copyMakeBorder(picture, padded, 0, (cell - picture.rows % cell) % cell, 0, (cell - picture.cols % cell) % cell,
                       cv::BORDER_CONSTANT, cv::Scalar(0, 0, 0));
    std::vector<Detection> found = run(padded, min_score);
    double sx = double(padded.cols) / picture.cols, sy = double(padded.rows) / picture.rows;
    for (Detection& d : found) d.box = cv::Rect2d(d.box.x * sx, d.box.y * sy, d.box.width * sx, d.box.height * sy);
    return found;
}

std::vector<Detection> Network::run(const cv::Mat& picture, float min_score) {
    cv::Mat input;
    picture.convertTo(input, CV_32FC3, 1.0 / 127.5, -1.0);
    // A continuous HxWx3 float Mat is NHWC in memory: the blob is a view of it.
    cv::Mat blob(std::vector<int>{1, input.rows, input.cols, 3}, CV_32F, input.ptr<float>());
    std::vector<cv::Mat> out;
    try {
        shape_for(input.size());
        net_.setInput(blob);
        net_.forward(out, outputs_);
    } catch (const cv::Exception& e) {
        throw util::ConfigurationError({}, std::string("the face model cannot run: ") + e.what());
    }

    std::vector<Detection> found;
    const double width = input.cols, height = input.rows;
    for (size_t g = 0; g < std::size(groups); ++g) {
        const AnchorGroup& group = groups[g];
        int stride = input_size_ / group.cells, columns = input.cols / stride, rows = input.rows / stride;
        int anchors = columns * rows * group.per_cell;
        if (int(out[g].total()) != anchors || int(out[std::size(groups) + g].total()) != anchors * regressor_size)
            throw util::ConfigurationError({}, "the face model's outputs have an unexpected shape");
        const float* scores = out[g].ptr<float>();
        const float* boxes = out[std::size(groups) + g].ptr<float>();
        for (int i = 0; i < anchors; ++i) {
            float score = sigmoid(scores[i]);
            if (score < min_score) continue;
            int at = i / group.per_cell;
            double ax = (at % columns + 0.5) * stride, ay = (at / columns + 0.5) * stride;
            const float* r = boxes + i * regressor_size;
            double cx = ax + r[0], cy = ay + r[1], w = r[2], h = r[3];
            if (w <= 0 || h <= 0) continue;
            found.push_back({cv::Rect2d((cx - w / 2) / width, (cy - h / 2) / height, w / width, h / height), score});
        }
    }
    return found;
}

}  // namespace sg::media::blazeface
