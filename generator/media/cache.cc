#include "media/cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <system_error>

#include "util/error.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/text.h"

namespace sg::media {

namespace fs = std::filesystem;

namespace {

constexpr const char* index_header = "schoolgate-stat-index 2";
constexpr const char* entry_header = "schoolgate-media-entry 1";
// A file changed within this long before it was hashed may change again without its mtime or
// ctime moving (timestamps are coarser than writes), so its hash is not remembered.
constexpr long long racy_ns = 2'000'000'000;

long long now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A rendition name as process() makes it: 16 hex digits of the bytes' SHA-256, the width, and the
// format's extension. Anything else (a path, "..") never names a cache file.
bool valid_name(const Rendition& rendition) {
    static const std::regex pattern("[0-9a-f]{16}-([0-9]{1,6})\\.(jpg|webp|avif)");
    std::smatch match;
    if (!std::regex_match(rendition.name, match, pattern)) return false;
    std::string extension = rendition.format == "jpeg" ? "jpg" : rendition.format;
    return match[1] == std::to_string(rendition.width) && match[2] == extension;
}

bool bytes_match_name(std::string_view bytes, const std::string& name) {
    return !bytes.empty() && util::sha256_hex(bytes).compare(0, 16, name, 0, 16) == 0;
}

std::string one_line(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r') c = ' ';
    return text;
}

// A refusal ends an entry: "problem RULE", then the message on one line.
void write_problem(std::ostream& out, const Problem& problem) {
    out << "problem " << one_line(problem.rule) << '\n' << one_line(problem.message) << '\n';
}

// What write_problem() wrote, its first line in `line`; nullopt for anything else.
std::optional<Problem> read_problem(std::istream& in, const std::string& line) {
    Problem problem{line.substr(std::string_view("problem ").size()), {}};
    std::string after;
    if (problem.rule.empty() || !std::getline(in, problem.message) || std::getline(in, after)) return std::nullopt;
    return problem;
}

std::string serialise(const ProcessResult& result) {
    std::ostringstream out;
    out << entry_header << '\n';
    if (result.problem) {
        write_problem(out, *result.problem);
    } else {
        out << "size " << result.processed->width << ' ' << result.processed->height << '\n';
        for (const auto& r : result.processed->renditions)
            out << "rendition " << r.format << ' ' << r.width << ' ' << r.height << ' ' << r.name
                << '\n';
    }
    return out.str();
}

// The entry's result, or nullopt for anything that is not exactly what serialise() writes.
std::optional<ProcessResult> parse(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line) || line != entry_header) return std::nullopt;
    if (!std::getline(in, line)) return std::nullopt;
    if (line.starts_with("problem ")) {
        std::optional<Problem> problem = read_problem(in, line);
        if (!problem) return std::nullopt;
        return ProcessResult{.processed = std::nullopt, .problem = std::move(problem)};
    }
    Processed processed;
    std::string word, rest;
    std::istringstream size(line);
    if (!(size >> word >> processed.width >> processed.height) || word != "size" || size >> rest)
        return std::nullopt;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        Rendition r;
        if (!(fields >> word >> r.format >> r.width >> r.height >> r.name) || word != "rendition" ||
            fields >> rest || !valid_name(r) || r.width <= 0 || r.height <= 0)
            return std::nullopt;
        processed.renditions.push_back(std::move(r));
    }
    if (processed.renditions.empty()) return std::nullopt;
    return ProcessResult{.processed = std::move(processed), .problem = std::nullopt};
}

constexpr const char* faces_header = "schoolgate-faces-entry 1";

std::string serialise_faces(const FaceResult& result) {
    std::ostringstream out;
    out.precision(9);
    out << faces_header << '\n';
    if (result.problem) {
        write_problem(out, *result.problem);
    } else {
        out << "faces " << result.faces->size() << '\n';
        for (const Box& box : *result.faces)
            out << "face " << box.x << ' ' << box.y << ' ' << box.width << ' ' << box.height << '\n';
    }
    return out.str();
}

// The entry's result, or nullopt for anything that is not exactly what serialise_faces() writes.
std::optional<FaceResult> parse_faces(const std::string& text) {
    std::istringstream in(text);
    std::string line, word, rest;
    if (!std::getline(in, line) || line != faces_header) return std::nullopt;
    if (!std::getline(in, line)) return std::nullopt;
    if (line.starts_with("problem ")) {
        std::optional<Problem> problem = read_problem(in, line);
        if (!problem) return std::nullopt;
        return FaceResult{.faces = std::nullopt, .problem = std::move(problem)};
    }
    size_t count = 0;
    std::istringstream head(line);
    if (!(head >> word >> count) || word != "faces" || head >> rest) return std::nullopt;
    std::vector<Box> faces;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        Box box;
        if (!(fields >> word >> box.x >> box.y >> box.width >> box.height) || word != "face" || fields >> rest)
            return std::nullopt;
        faces.push_back(box);
    }
    if (faces.size() != count) return std::nullopt;
    return FaceResult{.faces = std::move(faces), .problem = std::nullopt};
}

constexpr const char* inspect_header = "schoolgate-inspect-entry 1";

// A string from an image's metadata on one line: '%', CR and LF as %XX (util::percent_decode
// reads it back).
std::string escape_line(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '%') out += "%25";
        else if (c == '\n') out += "%0A";
        else if (c == '\r') out += "%0D";
        else out += c;
    }
    return out;
}

std::string serialise_inspection(const InspectResult& result) {
    std::ostringstream out;
    out.precision(17);
    out << inspect_header << '\n';
    if (result.problem) {
        write_problem(out, *result.problem);
        return out.str();
    }
    const SourceInfo& info = *result.info;
    out << "info " << info.format << ' ' << info.width << ' ' << info.height << ' ' << info.orientation << ' '
        << (info.has_gps ? 1 : 0) << '\n';
    for (const std::string& tag : info.people_tags) out << "tag " << escape_line(tag) << '\n';
    for (const std::string& keyword : info.keywords) out << "keyword " << escape_line(keyword) << '\n';
    for (const FaceRegion& region : info.face_regions)
        out << "region " << region.box.x << ' ' << region.box.y << ' ' << region.box.width << ' ' << region.box.height
            << ' ' << escape_line(region.name) << '\n';
    return out.str();
}

// The entry's result, or nullopt for anything that is not exactly what serialise_inspection() writes.
std::optional<InspectResult> parse_inspection(const std::string& text) {
    std::istringstream in(text);
    std::string line, word, rest;
    if (!std::getline(in, line) || line != inspect_header) return std::nullopt;
    if (!std::getline(in, line)) return std::nullopt;
    if (line.starts_with("problem ")) {
        std::optional<Problem> problem = read_problem(in, line);
        if (!problem) return std::nullopt;
        return InspectResult{.info = std::nullopt, .problem = std::move(problem)};
    }
    SourceInfo info;
    int gps = 0;
    std::istringstream head(line);
    if (!(head >> word >> info.format >> info.width >> info.height >> info.orientation >> gps) || word != "info" ||
        head >> rest || (gps != 0 && gps != 1) || info.orientation < 1 || info.orientation > 8)
        return std::nullopt;
    info.has_gps = gps == 1;
    while (std::getline(in, line)) {
        if (line.starts_with("tag ")) {
            info.people_tags.push_back(util::percent_decode(std::string_view(line).substr(4)));
        } else if (line.starts_with("keyword ")) {
            info.keywords.push_back(util::percent_decode(std::string_view(line).substr(8)));
        } else if (line.starts_with("region ")) {
            std::istringstream fields(line.substr(7));
            FaceRegion region;
            if (!(fields >> region.box.x >> region.box.y >> region.box.width >> region.box.height) || fields.get() != ' ')
                return std::nullopt;
            std::getline(fields, region.name);
            region.name = util::percent_decode(region.name);
            info.face_regions.push_back(std::move(region));
        } else {
            return std::nullopt;
        }
    }
    return InspectResult{.info = std::move(info), .problem = std::nullopt};
}

// The part of an entry's name that says which regions were obscured: empty for none.
std::string obscure_key(const std::vector<Box>& obscure) {
    if (obscure.empty()) return {};
    std::ostringstream out;
    out.precision(9);
    for (const Box& box : obscure) out << box.x << ' ' << box.y << ' ' << box.width << ' ' << box.height << ';';
    return "-obscured-" + util::sha256_hex(out.str()).substr(0, 16);
}

}  // namespace

FileStamp stamp_of(const struct stat& s) {
    return FileStamp{.size = s.st_size,
                     .mtime_ns = s.st_mtim.tv_sec * 1'000'000'000LL + s.st_mtim.tv_nsec,
                     .inode = static_cast<long long>(s.st_ino),
                     .device = static_cast<long long>(s.st_dev)};
}

std::optional<FileStamp> file_stamp(const fs::path& file) {
    struct stat s {};
    if (::stat(file.c_str(), &s) != 0 || !S_ISREG(s.st_mode)) return std::nullopt;
    return stamp_of(s);
}

Cache::Cache(fs::path dir, const Settings& settings, const FaceSettings& faces)
    : dir_(std::move(dir)), settings_key_(util::sha256_hex(settings.fingerprint()).substr(0, 16)),
      faces_key_(util::sha256_hex(faces.fingerprint()).substr(0, 16)),
      inspect_key_(util::sha256_hex(Limits{settings.max_megapixels}.fingerprint()).substr(0, 16)) {
    auto text = util::read_regular_file(dir_ / "index");
    if (!text) return;
    std::istringstream in(*text);
    std::string line, kind;
    if (!std::getline(in, line) || line != index_header) return;  // unknown: hash everything
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        if (!(fields >> kind)) continue;
        if (kind == "source") {
            // source hash size mtime ctime inode device path
            Indexed entry;
            Stat& s = entry.stat;
            if (!(fields >> entry.hash >> s.size >> s.mtime_ns >> s.ctime_ns >> s.inode >> s.device)) continue;
            std::string path;
            if (fields.get() != ' ' || !std::getline(fields, path) || path.empty()) continue;
            if (entry.hash.size() != 64) continue;
            index_[path] = std::move(entry);
        } else if (kind == "rendition") {
            // rendition name size mtime inode device
            std::string name, rest;
            FileStamp s;
            if (!(fields >> name >> s.size >> s.mtime_ns >> s.inode >> s.device) || fields >> rest) continue;
            renditions_index_[name] = s;
        }
    }
}

std::optional<Cache::Stat> Cache::stat_of(const fs::path& file) {
    struct stat s {};
    if (::stat(file.c_str(), &s) != 0) return std::nullopt;
    return regular(s);
}

std::optional<Cache::Stat> Cache::regular(const struct stat& s) {
    if (!S_ISREG(s.st_mode)) return std::nullopt;
    return Stat{.size = s.st_size,
                .mtime_ns = s.st_mtim.tv_sec * 1'000'000'000LL + s.st_mtim.tv_nsec,
                .ctime_ns = s.st_ctim.tv_sec * 1'000'000'000LL + s.st_ctim.tv_nsec,
                .inode = static_cast<long long>(s.st_ino),
                .device = static_cast<long long>(s.st_dev)};
}

namespace {

// The place in the stat index of a source that is not a link: its absolute path.
std::string plain_key(const fs::path& file) { return fs::absolute(file).lexically_normal().string(); }

// A source's place in the stat index: its absolute path, or, for a link (a git snapshot's link to
// the work tree's unchanged photo), the file it leads to, so both are one entry.
std::string index_key(const fs::path& file) {
    std::error_code error;
    if (fs::is_symlink(file, error)) {
        fs::path target = fs::canonical(file, error);
        if (!error) return target.string();
    }
    return plain_key(file);
}

}  // namespace

std::string Cache::content_hash(const fs::path& file) {
    // One lstat gives a file that is not a link its place and its stat at once (a warm build asks
    // for every photo three times); only a link is resolved and stat'ed through.
    struct stat own {};
    bool plain = ::lstat(file.c_str(), &own) == 0 && !S_ISLNK(own.st_mode);
    std::string key = plain ? plain_key(file) : index_key(file);
    std::optional<Stat> before = plain ? regular(own) : stat_of(file);
    if (before) {
        std::lock_guard lock(mutex_);
        auto found = index_.find(key);
        if (found != index_.end() && found->second.stat == *before) {
            seen_[key] = hashed_[key] = found->second;
            return found->second.hash;
        }
    }
    long long started = now_ns();
    std::string hash = util::sha256_hex(util::read_file(file));
    std::optional<Stat> after = stat_of(file);
    bool settled = before && after && *before == *after && before->mtime_ns < started - racy_ns &&
                   before->ctime_ns < started - racy_ns && key.find('\n') == std::string::npos;
    std::lock_guard lock(mutex_);
    if (before && after && *before == *after) hashed_[key] = {*before, hash};
    if (settled) seen_[key] = {*before, hash};
    return hash;
}

fs::path Cache::entry_path(const std::string& content_hash, const std::vector<Box>& obscure) const {
    return dir_ / "entries" / (content_hash + "-" + settings_key_ + obscure_key(obscure));
}

bool Cache::unchanged_since_hashed(const std::string& content_hash, const fs::path& file) {
    std::optional<Stat> now = stat_of(file);
    std::lock_guard lock(mutex_);
    std::string key = index_key(file);
    auto hashed = hashed_.find(key);
    return now && hashed != hashed_.end() && hashed->second.hash == content_hash && hashed->second.stat == *now;
}

void Cache::create_directories() {
    std::error_code error;
    fs::create_directories(dir_ / "media", error);
    fs::create_directories(dir_ / "entries", error);
    if (error) throw util::Error(dir_, "cannot create the image cache: " + error.message());
}

std::optional<std::string> Cache::read_entry(const std::string& name) {
    return util::read_regular_file(dir_ / "entries" / name);
}

void Cache::write_entry(const std::string& name, const std::string& text) {
    create_directories();
    util::write_file_atomic(dir_ / "entries" / name, text);
    mark_used(name, {});
}

std::optional<InspectResult> Cache::find_inspection(const std::string& content_hash) {
    std::string name = content_hash + "-inspect-" + inspect_key_;
    auto text = read_entry(name);
    if (!text) return std::nullopt;
    std::optional<InspectResult> result = parse_inspection(*text);
    if (result) mark_used(name, {});
    return result;
}

void Cache::store_inspection(const std::string& content_hash, const fs::path& file, const InspectResult& result) {
    if (!unchanged_since_hashed(content_hash, file)) return;
    write_entry(content_hash + "-inspect-" + inspect_key_, serialise_inspection(result));
}

std::optional<FaceResult> Cache::find_faces(const std::string& content_hash) {
    std::string name = content_hash + "-faces-" + faces_key_;
    auto text = read_entry(name);
    if (!text) return std::nullopt;
    std::optional<FaceResult> result = parse_faces(*text);
    if (result) mark_used(name, {});
    return result;
}

void Cache::store_faces(const std::string& content_hash, const fs::path& file, const FaceResult& result) {
    if (!unchanged_since_hashed(content_hash, file)) return;
    write_entry(content_hash + "-faces-" + faces_key_, serialise_faces(result));
}

std::optional<std::string> Cache::find_entry(const std::string& content_hash, const std::string& kind) {
    std::string name = content_hash + "-" + kind;
    auto bytes = read_entry(name);
    if (bytes) mark_used(name, {});
    return bytes;
}

void Cache::store_entry(const std::string& content_hash, const std::string& kind, const fs::path& file,
                        const std::string& bytes) {
    if (!unchanged_since_hashed(content_hash, file)) return;
    write_entry(content_hash + "-" + kind, bytes);
}

bool Cache::trusted_rendition(const std::string& name, const FileStamp& stamp) {
    std::lock_guard lock(mutex_);
    auto found = renditions_index_.find(name);
    if (found == renditions_index_.end() || found->second != stamp) return false;
    renditions_seen_[name] = stamp;
    return true;
}

void Cache::remember_rendition(const std::string& name, const FileStamp& stamp) {
    std::lock_guard lock(mutex_);
    renditions_seen_[name] = stamp;
}

void Cache::mark_used(const std::string& entry, const std::vector<Rendition>& renditions) {
    std::lock_guard lock(mutex_);
    used_entries_.insert(entry);
    for (const auto& r : renditions) used_media_.insert(r.name);
}

bool Cache::holds(const std::string& content_hash, const std::vector<Box>& obscure) const {
    std::error_code error;
    return fs::is_regular_file(entry_path(content_hash, obscure), error);
}

std::optional<ProcessResult> Cache::find(const std::string& content_hash, const std::vector<Box>& obscure) {
    fs::path path = entry_path(content_hash, obscure);
    auto text = util::read_regular_file(path);
    if (!text) return std::nullopt;
    std::optional<ProcessResult> result = parse(*text);
    if (!result) return std::nullopt;
    if (result->processed) {
        for (auto& r : result->processed->renditions) {
            r.file = dir_ / "media" / r.name;
            std::optional<FileStamp> before = file_stamp(r.file);
            if (!before) return std::nullopt;
            if (trusted_rendition(r.name, *before)) {
                r.verified = before;
                continue;
            }
            long long started = now_ns();
            auto bytes = util::read_regular_file(r.file);
            if (!bytes || !bytes_match_name(*bytes, r.name)) return std::nullopt;
            if (before != file_stamp(r.file)) continue;  // changing under us: read back again when published
            r.verified = before;
            if (before->mtime_ns < started - racy_ns) remember_rendition(r.name, *before);
        }
    }
    mark_used(path.filename().string(), result->processed ? result->processed->renditions
                                                          : std::vector<Rendition>{});
    return result;
}

void Cache::store(const std::string& content_hash, const fs::path& file, ProcessResult& result,
                  const std::vector<Box>& obscure) {
    // Kept only when the bytes processed are the bytes hashed, as far as stat can tell.
    if (!unchanged_since_hashed(content_hash, file)) return;
    create_directories();
    if (result.processed) {
        for (auto& r : result.processed->renditions) {
            if (!valid_name(r) || !bytes_match_name(r.bytes, r.name))
                throw util::Error(file, "rendition " + r.name + " does not match its bytes");
            fs::path written = dir_ / "media" / r.name;
            util::write_file_atomic(written, r.bytes);
            // Renamed into place from a temporary file only this build knew: these are its bytes.
            if (std::optional<FileStamp> stamp = file_stamp(written)) remember_rendition(r.name, *stamp);
        }
    }
    fs::path entry = entry_path(content_hash, obscure);
    util::write_file_atomic(entry, serialise(result));
    if (result.processed) {
        for (auto& r : result.processed->renditions) {
            r.file = dir_ / "media" / r.name;
            std::string().swap(r.bytes);
        }
    }
    mark_used(entry.filename().string(), result.processed ? result.processed->renditions
                                                          : std::vector<Rendition>{});
}

void Cache::finish() {
    std::lock_guard lock(mutex_);
    std::error_code error;
    if (!fs::is_directory(dir_, error)) {
        if (seen_.empty()) return;
        fs::create_directories(dir_, error);
        if (error) throw util::Error(dir_, "cannot create the image cache: " + error.message());
    }
    std::string index = std::string(index_header) + "\n";
    for (const auto& [path, entry] : seen_) {
        const Stat& s = entry.stat;
        index += "source " + entry.hash + ' ' + std::to_string(s.size) + ' ' + std::to_string(s.mtime_ns) + ' ' +
                 std::to_string(s.ctime_ns) + ' ' + std::to_string(s.inode) + ' ' + std::to_string(s.device) + ' ' +
                 path + '\n';
    }
    for (const auto& [name, s] : renditions_seen_)
        if (used_media_.count(name))
            index += "rendition " + name + ' ' + std::to_string(s.size) + ' ' + std::to_string(s.mtime_ns) + ' ' +
                     std::to_string(s.inode) + ' ' + std::to_string(s.device) + '\n';
    util::write_file_atomic(dir_ / "index", index);
    // Whatever this build did not use, including temporary files a killed build left behind.
    for (const auto& [folder, used] : {std::pair{"entries", &used_entries_}, {"media", &used_media_}}) {
        if (!fs::is_directory(dir_ / folder, error)) continue;
        for (const auto& item : fs::directory_iterator(dir_ / folder, error)) {
            if (!used->count(item.path().filename().string())) fs::remove_all(item.path(), error);
        }
    }
}

std::string rendition_bytes(const Rendition& rendition) {
    if (rendition.file.empty()) return rendition.bytes;
    std::string bytes = util::read_file(rendition.file);
    if (!bytes_match_name(bytes, rendition.name))
        throw util::Error(rendition.file, "the cached image changed during the build");
    return bytes;
}

}  // namespace sg::media
