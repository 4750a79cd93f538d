#include "media/embedded.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <exiv2/exiv2.hpp>
#include <regex>

#include "diag/rule_ids.h"
#include "media/isobmff.h"
#include "media/libraries.h"
#include "util/fs.h"

namespace sg::media {
namespace {

// XMP keys, as exiv2 spells them, whose values name a person in the picture.
const std::regex& person_key() {
    static const std::regex pattern(
        R"(Xmp\.iptcExt\.PersonInImage)"
        R"(|Xmp\.mwg-rs\.Regions/mwg-rs:RegionList\[\d+\]/mwg-rs:Name)"
        R"(|Xmp\.MP\.RegionInfo/MPRI:Regions\[\d+\]/MPReg:PersonDisplayName)");
    return pattern;
}

void add_unique(std::vector<std::string>& list, std::string value) {
    if (value.empty() || std::find(list.begin(), list.end(), value) != list.end()) return;
    list.push_back(std::move(value));
}

// Every string in a metadatum: one per bag or sequence item, one for a plain value.
void add_values(std::vector<std::string>& list, const Exiv2::Metadatum& datum) {
    const Exiv2::Value& value = datum.value();
    if (value.typeId() == Exiv2::xmpBag || value.typeId() == Exiv2::xmpSeq) {
        for (long i = 0; i < value.count(); ++i) add_unique(list, value.toString(i));
    } else {
        add_unique(list, value.toString());
    }
}

// A region's parts as they are met, by list and index: the name, and the area's numbers.
struct PartialRegion {
    std::string name;
    std::optional<double> x, y, w, h;
    std::string unit = "normalized";
    std::string rectangle;  // MP: "x, y, w, h"
};

std::optional<double> number(const std::string& text) {
    try {
        size_t used = 0;
        double value = std::stod(text, &used);
        if (used == 0 || !std::isfinite(value)) return std::nullopt;
        return value;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool usable(const Box& box) {
    return box.width > 0 && box.height > 0 && box.x >= -0.01 && box.y >= -0.01 && box.x + box.width <= 1.01 &&
           box.y + box.height <= 1.01;
}

// MWG areas are centred (stArea:x, y is the middle of the region); MP rectangles start top-left.
std::optional<Box> box_of(const PartialRegion& region, bool mwg) {
    if (mwg) {
        if (region.unit != "normalized" || !region.x || !region.y || !region.w || !region.h) return std::nullopt;
        Box box{*region.x - *region.w / 2, *region.y - *region.h / 2, *region.w, *region.h};
        return usable(box) ? std::optional(box) : std::nullopt;
    }
    std::vector<double> values;
    std::string rest = region.rectangle;
    for (size_t comma; !rest.empty();) {
        comma = rest.find(',');
        auto value = number(rest.substr(0, comma));
        if (!value) return std::nullopt;
        values.push_back(*value);
        rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
    }
    if (values.size() != 4) return std::nullopt;
    Box box{values[0], values[1], values[2], values[3]};
    return usable(box) ? std::optional(box) : std::nullopt;
}

// Region parts of the MWG and MP structures, by key.
void add_region_part(std::map<std::pair<bool, int>, PartialRegion>& regions, const std::string& key,
                     const std::string& value) {
    static const std::regex mwg(R"(Xmp\.mwg-rs\.Regions/mwg-rs:RegionList\[(\d+)\]/mwg-rs:(Name|Area/stArea:(x|y|w|h|unit)))");
    static const std::regex mp(R"(Xmp\.MP\.RegionInfo/MPRI:Regions\[(\d+)\]/MPReg:(PersonDisplayName|Rectangle))");
    std::smatch match;
    if (std::regex_match(key, match, mwg)) {
        PartialRegion& region = regions[{true, std::stoi(match[1])}];
        std::string part = match[2];
        if (part == "Name") region.name = value;
        else if (match[3] == "unit") region.unit = value;
        else if (match[3] == "x") region.x = number(value);
        else if (match[3] == "y") region.y = number(value);
        else if (match[3] == "w") region.w = number(value);
        else if (match[3] == "h") region.h = number(value);
    } else if (std::regex_match(key, match, mp)) {
        PartialRegion& region = regions[{false, std::stoi(match[1])}];
        if (match[2] == "PersonDisplayName") region.name = value;
        else region.rectangle = value;
    }
}

bool starts_with(const std::string& text, std::string_view prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

Embedded collect(const Exiv2::ExifData& exif, const Exiv2::IptcData& iptc,
                 const Exiv2::XmpData& xmp) {
    Embedded embedded;
    std::map<std::pair<bool, int>, PartialRegion> regions;  // (is MWG, index) -> parts
    for (const auto& datum : exif) {
        if (datum.groupName() == "GPSInfo") embedded.has_gps = true;
    }
    for (const auto& datum : iptc) {
        if (datum.key() == "Iptc.Application2.Keywords") add_values(embedded.keywords, datum);
    }
    for (const auto& datum : xmp) {
        const std::string key = datum.key();
        if (starts_with(key, "Xmp.exif.GPS")) embedded.has_gps = true;
        if (key == "Xmp.dc.subject") add_values(embedded.keywords, datum);
        if (std::regex_match(key, person_key())) add_values(embedded.people_tags, datum);
        add_region_part(regions, key, datum.toString());
    }
    for (const auto& [where, region] : regions) {
        if (region.name.empty()) continue;
        if (auto box = box_of(region, where.first)) embedded.face_regions.push_back({region.name, *box});
    }
    return embedded;
}

// exiv2 0.27 cannot open GIFs. A GIF can carry metadata only as an XMP packet, stored as plain
// text in an application extension, so it is found by its markers and parsed directly.
Embedded read_gif(const std::filesystem::path& file) {
    std::string bytes = util::read_file(file);
    std::size_t begin = bytes.find("<x:xmpmeta");
    std::size_t end = bytes.find("</x:xmpmeta>", begin);
    Exiv2::XmpData xmp;
    if (begin != std::string::npos && end != std::string::npos) {
        std::string packet = bytes.substr(begin, end + 12 - begin);
        if (Exiv2::XmpParser::decode(xmp, packet) != 0) {
            throw Exiv2::Error(Exiv2::kerErrorMessage, "the GIF's XMP packet cannot be parsed");
        }
    }
    return collect(Exiv2::ExifData(), Exiv2::IptcData(), xmp);
}

// Adds what `more` says to `into`.
void merge(Embedded& into, Embedded more) {
    into.has_gps = into.has_gps || more.has_gps;
    for (auto& tag : more.people_tags) add_unique(into.people_tags, std::move(tag));
    for (auto& keyword : more.keywords) add_unique(into.keywords, std::move(keyword));
}

// HEIC and AVIF keep metadata in items (isobmff.h). The box walk finds every Exif and XMP item
// itself and parses each one, so nothing depends on exiv2 finding them; exiv2's own reading is
// added on top. A structure the walk cannot follow, or an item that does not parse, fails closed.
Embedded read_heif(const std::filesystem::path& file) {
    std::string bytes = util::read_file(file);
    HeifWalk walk = walk_heif(bytes);
    if (walk.error) throw Exiv2::Error(Exiv2::kerErrorMessage, "the HEIF container cannot be followed: " + *walk.error);
    Exiv2::ExifData exif;
    for (const std::string& block : heif_exif_blocks(walk)) {
        Exiv2::ExifData one;
        if (block.size() < 8 || Exiv2::ExifParser::decode(one, reinterpret_cast<const Exiv2::byte*>(block.data()),
                                                          static_cast<uint32_t>(block.size())) ==
                                    Exiv2::invalidByteOrder) {
            throw Exiv2::Error(Exiv2::kerErrorMessage, "the HEIF's Exif item cannot be parsed");
        }
        for (const auto& datum : one) exif.add(datum);
    }
    Exiv2::XmpData xmp;
    for (const std::string& packet : heif_xmp_packets(walk)) {
        Exiv2::XmpData one;
        if (Exiv2::XmpParser::decode(one, packet) != 0)
            throw Exiv2::Error(Exiv2::kerErrorMessage, "the HEIF's XMP item cannot be parsed");
        for (const auto& datum : one) xmp.add(datum);
    }
    Embedded embedded = collect(exif, Exiv2::IptcData(), xmp);
    auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(bytes.data()),
                                           static_cast<long>(bytes.size()));
    image->readMetadata();
    merge(embedded, collect(image->exifData(), image->iptcData(), image->xmpData()));
    return embedded;
}

Embedded read_with_exiv2(const std::filesystem::path& file) {
    auto image = Exiv2::ImageFactory::open(file.string());
    image->readMetadata();
    return collect(image->exifData(), image->iptcData(), image->xmpData());
}

}  // namespace

EmbeddedResult read_embedded(const std::filesystem::path& file, std::string_view format) {
    prepare_libraries();
    auto exiv2 = lock_exiv2();
    take_exiv2_errors();
    std::string error;
    try {
        Embedded embedded = format == "gif"    ? read_gif(file)
                            : format == "heif" ? read_heif(file)
                                               : read_with_exiv2(file);
        error = take_exiv2_errors();
        if (error.empty()) return {.embedded = std::move(embedded), .problem = std::nullopt};
    } catch (const Exiv2::AnyError& e) {
        error = e.what();
        take_exiv2_errors();
    }
    return {.embedded = std::nullopt,
            .problem = Problem{std::string(diag::rule::media_unreadable),
                               "cannot read the image's metadata (" + error +
                                   "); an image whose metadata cannot be checked is not "
                                   "published"}};
}

}  // namespace sg::media
