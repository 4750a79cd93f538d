// Fuzzes the media stage on arbitrary bytes: inspect (libvips header probe, exiv2 metadata and
// people tags, pixel limit), find_metadata (exiv2 read-back and container walk) and the JPEG, PNG
// and WebP walks and the WebP metadata strip on their own.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vips/vips8>

#include "media/containers.h"
#include "media/image.h"

extern "C" int LLVMFuzzerInitialize(int*, char*** argv) {
    if (VIPS_INIT((*argv)[0])) return 1;
    vips_cache_set_max(0);  // every input decoded afresh, and nothing kept between inputs
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("sg-fuzz-media-" + std::to_string(getpid()) + ".img");
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    (void)sg::media::inspect(file, sg::media::Limits{2.0});
    (void)sg::media::find_metadata(bytes);
    (void)sg::media::walk_jpeg(bytes);
    (void)sg::media::walk_png(bytes);
    (void)sg::media::walk_webp(bytes);
    std::string stripped = sg::media::strip_webp_metadata(bytes);
    (void)sg::media::walk_webp(stripped);
    return 0;
}
