#include "media/new_photo.h"

#include "diag/rule_ids.h"
#include "media/decode.h"
#include "media/from_decode.h"
#include "media/probe.h"
#include "media/vips_error.h"

namespace sg::media {

NewPhoto detect_faces_and_process(const std::filesystem::path& file, const FaceSettings& face_settings,
                                  const Settings& settings) {
    prepare_detector();
    ProbeResult probed = probe(file, face_settings.max_megapixels);
    if (probed.problem) return {.faces = {.faces = std::nullopt, .problem = probed.problem}, .renditions = std::nullopt};
    const Probe& source = *probed.probe;
    int width = face_decode_width(source, face_settings);
    bool shared = width == rendition_decode_width(source, settings) &&
                  face_settings.max_megapixels == settings.max_megapixels;
    vips::VImage upright;
    try {
        upright = decode_upright(source, width);
    } catch (const vips::VError& e) {
        Problem problem{std::string(diag::rule::media_unreadable), "cannot decode the image: " + brief(e, file)};
        return {.faces = {.faces = std::nullopt, .problem = std::move(problem)}, .renditions = std::nullopt};
    }
    NewPhoto photo{.faces = faces_in(upright, face_settings), .renditions = std::nullopt};
    if (!shared) return photo;
    try {
        photo.renditions = renditions_of(upright, settings, {}, file);
    } catch (const vips::VError&) {
        vips_error_clear();  // processing decodes the photo again, and says what is wrong with it
    }
    return photo;
}

}  // namespace sg::media
