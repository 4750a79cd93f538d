// find_metadata: an encoded image read back twice, by exiv2 and by walking its container, so a
// metadata block one reader misses the other still reports.
#include <algorithm>
#include <exiv2/exiv2.hpp>

#include "media/containers.h"
#include "media/image.h"
#include "media/isobmff.h"
#include "media/libraries.h"

namespace sg::media {
namespace {

// "EXIF (103 entries: Exif.Image, Exif.Photo, Exif.GPSInfo)": which groups survived.
template <typename Data>
std::string describe_entries(const std::string& kind, const Data& data) {
    std::vector<std::string> groups;
    for (const auto& datum : data) {
        std::string key = datum.key();
        std::string group = key.substr(0, key.find('.', key.find('.') + 1));
        if (std::find(groups.begin(), groups.end(), group) == groups.end()) groups.push_back(group);
    }
    std::string text = kind + " (" + std::to_string(data.count()) + " entries:";
    for (std::size_t i = 0; i < groups.size(); ++i) text += (i == 0 ? " " : ", ") + groups[i];
    return text + ")";
}

std::vector<std::string> read_back_with_exiv2(std::string_view bytes) {
    std::vector<std::string> found;
    auto exiv2 = lock_exiv2();
    take_exiv2_errors();
    try {
        auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(bytes.data()),
                                               static_cast<long>(bytes.size()));
        image->readMetadata();
        if (!image->exifData().empty())
            found.push_back(describe_entries("EXIF", image->exifData()));
        if (!image->xmpData().empty()) found.push_back(describe_entries("XMP", image->xmpData()));
        if (!image->xmpPacket().empty() && image->xmpData().empty()) found.push_back("XMP packet");
        if (!image->iptcData().empty())
            found.push_back(describe_entries("IPTC", image->iptcData()));
        if (!image->comment().empty()) found.push_back("comment");
        if (image->iccProfileDefined()) found.push_back("ICC profile");
        std::string errors = take_exiv2_errors();
        if (!errors.empty()) found.push_back("metadata exiv2 cannot parse (" + errors + ")");
    } catch (const Exiv2::AnyError& e) {
        found.push_back("exiv2 cannot read the image back (" + std::string(e.what()) + ")");
        take_exiv2_errors();
    }
    return found;
}

}  // namespace

std::vector<std::string> find_metadata(std::string_view bytes) {
    prepare_libraries();
    std::vector<std::string> found;
    switch (detect_container(bytes)) {
        case Container::jpeg:
            found = walk_jpeg(bytes);
            break;
        case Container::png:
            found = walk_png(bytes);
            break;
        case Container::webp:
            found = walk_webp(bytes);
            break;
        case Container::heif: {
            HeifWalk walk = walk_heif(bytes);
            found = std::move(walk.found);
            if (walk.error) found.push_back("the HEIF/AVIF structure cannot be followed (" + *walk.error + ")");
            break;
        }
        case Container::unknown:
            return {"not a JPEG, PNG, WebP or AVIF file, so its metadata cannot be checked"};
    }
    for (auto& finding : read_back_with_exiv2(bytes)) {
        if (std::find(found.begin(), found.end(), finding) == found.end()) {
            found.push_back(std::move(finding));
        }
    }
    return found;
}

}  // namespace sg::media
