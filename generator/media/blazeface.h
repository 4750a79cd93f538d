// MediaPipe's BlazeFace network through OpenCV's dnn module: a picture in, face boxes with their
// scores out. Internal to the media stage (faces.cc); boxes only, never anything that could tell
// one face from another.
#pragma once
#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>
#include <vector>

#include "media/face_model.h"

namespace sg::media::blazeface {

// A face the network found: a tight box (about eyebrows to chin) as fractions of the picture it
// was shown, and the network's confidence 0..1.
struct Detection {
    cv::Rect2d box;
    float score = 0;
};

// One of the two networks, loaded from the verified model file (read_model). Not safe to share
// between threads: one per thread.
class Network {
public:
    explicit Network(const ModelFile& file);

    // The faces scored at least `min_score` in `square`, an 8-bit RGB picture of any square size,
    // resized to the network's input (the picture as the network was trained to see it), before
    // any merging of overlapping boxes.
    std::vector<Detection> detect(const cv::Mat& square, float min_score);

    // The same for `picture`, an 8-bit RGB picture of any shape, shown to the network at its own
    // size. The network is all convolutions: it finds a face of a given size in pixels anywhere in a
    // large picture as it would in a square of its input size around the face, and one pass over the
    // picture costs what the squares covering it without overlap would.
    std::vector<Detection> detect_unscaled(const cv::Mat& picture, float min_score);

    int input_size() const { return input_size_; }

private:
    // Runs the network on an 8-bit RGB picture whose sides are multiples of the coarsest stride.
    std::vector<Detection> run(const cv::Mat& picture, float min_score);
    // Sets the two kinds of layer whose shape the ONNX file fixes for its input size: the constant
    // zero channels its residual blocks are padded with, and the reshape of each output to a list of
    // anchors. Everything else follows the input's shape.
    void shape_for(cv::Size size);

    cv::dnn::Net net_;
    int input_size_ = 0;
    std::vector<cv::String> outputs_;
    cv::Size shaped_for_;
};

}  // namespace sg::media::blazeface
