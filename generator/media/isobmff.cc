#include "media/isobmff.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace sg::media {
namespace {

// The structure cannot be followed; caught once in walk_heif.
struct Malformed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

constexpr std::string_view heif_brands[] = {"heic", "heix", "heim", "heis", "hevc", "hevx",
                                            "mif1", "mif2", "msf1", "avif", "avis", "avio"};

// XMP stored in a top-level 'uuid' box (some writers): BE7ACFCB-97A9-42E8-9C71-999491E3AFAC.
constexpr std::string_view xmp_uuid = "\xBE\x7A\xCF\xCB\x97\xA9\x42\xE8\x9C\x71\x99\x94\x91\xE3\xAF\xAC";

// Reads big-endian fields from [pos, end) of `bytes`, refusing to step past `end`.
class Reader {
public:
    Reader(std::string_view bytes, std::size_t pos, std::size_t end) : bytes_(bytes), pos_(pos), end_(end) {}

    std::uint64_t uint(int length) {
        need(static_cast<std::size_t>(length));
        std::uint64_t value = 0;
        for (int i = 0; i < length; ++i) value = value << 8 | static_cast<std::uint8_t>(bytes_[pos_++]);
        return value;
    }
    std::string fourcc() { return std::string(take(4)); }
    std::string_view take(std::size_t length) {
        need(length);
        std::string_view part = bytes_.substr(pos_, length);
        pos_ += length;
        return part;
    }
    // A NUL-terminated string; a missing terminator at the end of the box is tolerated.
    std::string c_string() {
        std::size_t stop = bytes_.find('\0', pos_);
        if (stop == std::string_view::npos || stop >= end_) stop = end_;
        std::string text(bytes_.substr(pos_, stop - pos_));
        pos_ = std::min(stop + 1, end_);
        return text;
    }
    bool done() const { return pos_ >= end_; }
    std::size_t pos() const { return pos_; }
    std::size_t end() const { return end_; }

private:
    void need(std::size_t length) const {
        if (length > end_ - pos_) throw Malformed("a box field runs past the end of its box");
    }
    std::string_view bytes_;
    std::size_t pos_, end_;
};

struct Box {
    std::string type;
    std::size_t body = 0, end = 0;  // payload [body, end) in the file
};

// The next box inside `parent`'s remaining bytes.
Box next_box(std::string_view bytes, Reader& parent) {
    std::size_t start = parent.pos();
    std::uint64_t size = parent.uint(4);
    Box box{parent.fourcc(), 0, 0};
    if (size == 1) size = parent.uint(8);
    if (size == 0) size = parent.end() - start;  // to the end of the parent
    box.body = parent.pos();
    if (size < box.body - start || size > parent.end() - start)
        throw Malformed("box '" + box.type + "' runs past the end of " +
                        (parent.end() == bytes.size() ? std::string("the file") : std::string("its parent box")));
    box.end = start + static_cast<std::size_t>(size);
    parent.take(box.end - box.body);
    return box;
}

struct Extent {
    std::uint64_t offset = 0, length = 0;
};
struct Location {
    int method = 0;  // 0 file offset, 1 idat offset, 2 item offset
    std::uint64_t base = 0;
    std::vector<Extent> extents;
};

struct Meta {
    std::uint32_t primary = 0;
    std::map<std::uint32_t, HeifItem> items;
    std::map<std::uint32_t, Location> locations;
    std::multimap<std::string, std::pair<std::uint32_t, std::uint32_t>> references;  // type -> from, to
    std::string_view idat;
    std::optional<ImageExtent> largest;  // the largest ispe property
};

int field_size(std::uint64_t nibble) {
    if (nibble != 0 && nibble != 4 && nibble != 8) throw Malformed("an item location has a field of " +
                                                                 std::to_string(nibble) + " bytes");
    return static_cast<int>(nibble);
}

void read_iloc(Reader in, Meta& meta) {
    int version = static_cast<int>(in.uint(1));
    in.uint(3);
    if (version > 2) throw Malformed("item locations of an unknown version");
    std::uint64_t sizes = in.uint(1), more = in.uint(1);
    int offset_size = field_size(sizes >> 4), length_size = field_size(sizes & 15);
    int base_size = field_size(more >> 4), index_size = version >= 1 ? field_size(more & 15) : 0;
    std::uint64_t count = in.uint(version < 2 ? 2 : 4);
    for (std::uint64_t i = 0; i < count; ++i) {
        auto id = static_cast<std::uint32_t>(in.uint(version < 2 ? 2 : 4));
        Location location;
        if (version >= 1) location.method = static_cast<int>(in.uint(2) & 15);
        in.uint(2);  // data_reference_index
        location.base = in.uint(base_size);
        std::uint64_t extents = in.uint(2);
        for (std::uint64_t e = 0; e < extents; ++e) {
            if (index_size > 0) in.uint(index_size);
            Extent extent;
            extent.offset = in.uint(offset_size);
            extent.length = in.uint(length_size);
            location.extents.push_back(extent);
        }
        meta.locations[id] = std::move(location);
    }
}

void read_iinf(std::string_view bytes, Reader in, Meta& meta, std::vector<std::string>& found) {
    int version = static_cast<int>(in.uint(1));
    in.uint(3);
    in.uint(version == 0 ? 2 : 4);  // entry count: the boxes themselves are what counts
    while (!in.done()) {
        Box box = next_box(bytes, in);
        if (box.type != "infe") {
            found.push_back("unknown box '" + box.type + "' in the item list");
            continue;
        }
        Reader entry(bytes, box.body, box.end);
        int entry_version = static_cast<int>(entry.uint(1));
        entry.uint(3);
        HeifItem item;
        item.id = static_cast<std::uint32_t>(entry.uint(entry_version == 3 ? 4 : 2));
        if (entry.uint(2) != 0) found.push_back("a protected (encrypted) item");
        if (entry_version >= 2) {
            item.type = entry.fourcc();
            entry.c_string();  // item_name
            if (item.type == "mime") item.content_type = entry.c_string();
        } else {
            // Versions 0 and 1 describe every item by MIME type.
            entry.c_string();
            item.type = "mime";
            item.content_type = entry.c_string();
        }
        meta.items[item.id] = std::move(item);
    }
}

void read_iref(std::string_view bytes, Reader in, Meta& meta) {
    int version = static_cast<int>(in.uint(1));
    in.uint(3);
    int id_size = version == 0 ? 2 : 4;
    while (!in.done()) {
        Box box = next_box(bytes, in);
        Reader ref(bytes, box.body, box.end);
        auto from = static_cast<std::uint32_t>(ref.uint(id_size));
        std::uint64_t count = ref.uint(2);
        for (std::uint64_t i = 0; i < count; ++i)
            meta.references.emplace(box.type, std::pair{from, static_cast<std::uint32_t>(ref.uint(id_size))});
    }
}

// Item properties: the ones that describe pixels are fine; a colour profile is reported.
void read_iprp(std::string_view bytes, Reader in, Meta& meta, std::vector<std::string>& found) {
    static const std::set<std::string> pixel_properties{"hvcC", "av1C", "ispe", "pixi", "irot", "imir", "clap",
                                                        "pasp", "auxC", "lsel", "a1op", "a1lx", "clli", "mdcv",
                                                        "rloc", "altt"};
    while (!in.done()) {
        Box box = next_box(bytes, in);
        if (box.type == "ipma") continue;  // which property belongs to which item
        if (box.type != "ipco") {
            found.push_back("unknown box '" + box.type + "' in the item properties");
            continue;
        }
        Reader properties(bytes, box.body, box.end);
        while (!properties.done()) {
            Box property = next_box(bytes, properties);
            if (property.type == "ispe") {  // image spatial extents: what a decoder would allocate
                Reader extent(bytes, property.body, property.end);
                extent.uint(4);  // version and flags
                ImageExtent size{static_cast<std::uint32_t>(extent.uint(4)), static_cast<std::uint32_t>(extent.uint(4))};
                if (!meta.largest || size.pixels() > meta.largest->pixels()) meta.largest = size;
            } else if (property.type == "colr") {
                Reader colour(bytes, property.body, property.end);
                std::string kind = colour.fourcc();
                if (kind == "prof" || kind == "rICC") found.push_back("colr property (ICC profile)");
                else if (kind != "nclx") found.push_back("colr property of unknown kind '" + kind + "'");
            } else if (!pixel_properties.count(property.type)) {
                found.push_back("unknown item property '" + property.type + "'");
            }
        }
    }
}

Meta read_meta(std::string_view bytes, const Box& meta_box, std::vector<std::string>& found) {
    Meta meta;
    Reader in(bytes, meta_box.body, meta_box.end);
    in.uint(4);  // version and flags
    while (!in.done()) {
        Box box = next_box(bytes, in);
        Reader body(bytes, box.body, box.end);
        if (box.type == "pitm") {
            int version = static_cast<int>(body.uint(1));
            body.uint(3);
            meta.primary = static_cast<std::uint32_t>(body.uint(version == 0 ? 2 : 4));
        } else if (box.type == "iloc") {
            read_iloc(body, meta);
        } else if (box.type == "iinf") {
            read_iinf(bytes, body, meta, found);
        } else if (box.type == "iref") {
            read_iref(bytes, body, meta);
        } else if (box.type == "iprp") {
            read_iprp(bytes, body, meta, found);
        } else if (box.type == "idat") {
            meta.idat = bytes.substr(box.body, box.end - box.body);
        } else if (box.type != "hdlr" && box.type != "dinf" && box.type != "pinf" && box.type != "grpl") {
            found.push_back("unknown box '" + box.type + "' in the meta box");
        }
    }
    return meta;
}

// An item's bytes, every extent inside the file (or the idat box); throws otherwise.
std::string item_data(std::string_view file, const Meta& meta, std::uint32_t id) {
    auto found = meta.locations.find(id);
    if (found == meta.locations.end()) throw Malformed("item " + std::to_string(id) + " has no location");
    const Location& location = found->second;
    if (location.method > 1)
        throw Malformed("item " + std::to_string(id) + " is stored inside another item, which is not supported");
    std::string_view source = location.method == 0 ? file : meta.idat;
    std::string data;
    for (const Extent& extent : location.extents) {
        std::uint64_t start = location.base + extent.offset;
        std::uint64_t length = extent.length == 0 && start <= source.size() ? source.size() - start : extent.length;
        if (start > source.size() || length > source.size() - start)
            throw Malformed("item " + std::to_string(id) + " lies outside the file (truncated?)");
        data += source.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(length));
    }
    return data;
}

bool is_image_item(const std::string& type) {
    return type == "hvc1" || type == "av01" || type == "grid" || type == "iden" || type == "iovl";
}

void describe_items(std::string_view bytes, const Meta& meta, HeifWalk& walk) {
    std::set<std::uint32_t> part_of_primary{meta.primary};
    for (const auto& [type, link] : meta.references) {
        // Tiles of a grid ('dimg') and the alpha plane ('auxl') are the primary image itself.
        if (type == "dimg" && link.first == meta.primary) part_of_primary.insert(link.second);
        if (type == "auxl" && link.second == meta.primary) part_of_primary.insert(link.first);
    }
    if (!meta.items.count(meta.primary)) throw Malformed("the primary item is not in the item list");
    for (const auto& [id, item] : meta.items) {
        if (item.type == "Exif") {
            walk.found.push_back("Exif item");
        } else if (item.type == "mime") {
            walk.found.push_back("mime item (" + (item.content_type.empty() ? "no type" : item.content_type) + ")");
        } else if (item.type == "uri ") {
            walk.found.push_back("uri item");
        } else if (!is_image_item(item.type)) {
            walk.found.push_back("unknown item type '" + item.type + "'");
        } else if (!part_of_primary.count(id)) {
            walk.found.push_back("image item " + std::to_string(id) + " besides the primary image (a thumbnail or "
                                 "auxiliary image)");
        }
        // Every item must lie inside the file; metadata items are kept for the caller.
        std::string data = item_data(bytes, meta, id);
        if (item.type == "Exif" || item.type == "mime") {
            HeifItem copy = item;
            copy.data = std::move(data);
            walk.metadata.push_back(std::move(copy));
        }
    }
}

}  // namespace

bool is_heif(std::string_view bytes) {
    if (bytes.size() < 16 || bytes.substr(4, 4) != "ftyp") return false;
    std::size_t size = static_cast<std::uint8_t>(bytes[0]) << 24 | static_cast<std::uint8_t>(bytes[1]) << 16 |
                       static_cast<std::uint8_t>(bytes[2]) << 8 | static_cast<std::uint8_t>(bytes[3]);
    size = std::min(size, bytes.size());
    for (std::size_t pos = 8; pos + 4 <= size; pos += 4) {
        if (pos == 12) continue;  // minor version
        std::string_view brand = bytes.substr(pos, 4);
        if (std::find(std::begin(heif_brands), std::end(heif_brands), brand) != std::end(heif_brands)) return true;
    }
    return false;
}

HeifWalk walk_heif(std::string_view bytes) {
    HeifWalk walk;
    try {
        Reader file(bytes, 0, bytes.size());
        bool seen_meta = false;
        std::size_t index = 0;
        while (!file.done()) {
            if (bytes.size() - file.pos() < 8) throw Malformed("the file ends inside a box header (truncated?)");
            Box box = next_box(bytes, file);
            if (index++ == 0 && box.type != "ftyp") throw Malformed("the file does not start with an ftyp box");
            if (box.type == "meta") {
                if (seen_meta) throw Malformed("the file has two meta boxes");
                seen_meta = true;
                Meta meta = read_meta(bytes, box, walk.found);
                walk.primary = meta.primary;
                walk.largest = meta.largest;
                describe_items(bytes, meta, walk);
            } else if (box.type == "uuid" && box.end - box.body >= 16 &&
                       bytes.substr(box.body, 16) == xmp_uuid) {
                walk.found.push_back("uuid box (XMP)");
                walk.metadata.push_back({0, "mime", "application/rdf+xml",
                                         std::string(bytes.substr(box.body + 16, box.end - box.body - 16))});
            } else if (box.type == "moov") {
                walk.found.push_back("moov box (an image sequence or live photo)");
            } else if (box.type != "ftyp" && box.type != "mdat" && box.type != "free" && box.type != "skip") {
                walk.found.push_back("unknown box '" + box.type + "'");
            }
        }
        if (!seen_meta) throw Malformed("the file has no meta box");
    } catch (const Malformed& e) {
        walk.error = e.what();
    }
    return walk;
}

std::vector<std::string> heif_xmp_packets(const HeifWalk& walk) {
    std::vector<std::string> packets;
    for (const HeifItem& item : walk.metadata)
        if (item.type == "mime" && (item.content_type == "application/rdf+xml" ||
                                    item.data.find("<x:xmpmeta") != std::string::npos ||
                                    item.data.find("<rdf:RDF") != std::string::npos))
            packets.push_back(item.data);
    return packets;
}

std::vector<std::string> heif_exif_blocks(const HeifWalk& walk) {
    std::vector<std::string> blocks;
    for (const HeifItem& item : walk.metadata) {
        if (item.type != "Exif") continue;
        if (item.data.size() < 4) {
            blocks.emplace_back();
            continue;
        }
        std::size_t offset = static_cast<std::uint8_t>(item.data[0]) << 24 |
                             static_cast<std::uint8_t>(item.data[1]) << 16 |
                             static_cast<std::uint8_t>(item.data[2]) << 8 | static_cast<std::uint8_t>(item.data[3]);
        // An offset past the end leaves an empty block, which the caller cannot parse: fail closed.
        blocks.push_back(offset > item.data.size() - 4 ? std::string() : item.data.substr(4 + offset));
    }
    return blocks;
}

}  // namespace sg::media
