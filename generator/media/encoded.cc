#include "media/encoded.h"

namespace sg::media {
namespace {

gint64 append(VipsTargetCustom*, const void* data, gint64 length, gpointer bytes) {
    static_cast<std::string*>(bytes)->append(static_cast<const char*>(data), static_cast<size_t>(length));
    return length;
}

}  // namespace

std::string encoded(const std::function<void(const vips::VTarget&)>& save) {
    std::string bytes;
    {
        VipsTargetCustom* custom = vips_target_custom_new();
        g_signal_connect(custom, "write", G_CALLBACK(append), &bytes);
        vips::VTarget target(VIPS_TARGET(custom));  // takes the reference, and drops it here
        save(target);
    }
    return bytes;
}

}  // namespace sg::media
