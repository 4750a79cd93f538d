// MediaPipe's BlazeFace network through OpenCV's dnn module: one square picture in, face boxes with
// their scores out. Internal to the media stage (faces.cc); boxes only, never anything that could
// tell one face from another.
#pragma once
#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>
#include <vector>

#include "media/face_model.h"

namespace sg::media::blazeface {

// A face the network found: a tight box (about eyebrows to chin) as fractions of the square it
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

    // The faces scored at least `min_score` in `square`, an 8-bit RGB picture of any square size
    // (resized to the network's input), before any merging of overlapping boxes.
    std::vector<Detection> detect(const cv::Mat& square, float min_score);

    int input_size() const { return input_size_; }

private:
    cv::dnn::Net net_;
    int input_size_ = 0;
    std::vector<cv::String> outputs_;
};

}  // namespace sg::media::blazeface
