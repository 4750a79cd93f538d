#include "output/approvals.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "util/error.h"
#include "util/fs.h"
#include "util/hash.h"

namespace sg::output {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string genesis(64, '0');

std::string file_hash(const fs::path& file) {
    if (file.empty()) return "unresolved";
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return "missing";
    return util::sha256_hex(util::read_file(file));
}

json fields(const Approval& entry) {
    return {{"sequence", entry.sequence}, {"time", entry.time},   {"by", entry.by},
            {"note", entry.note},         {"pages", entry.pages}, {"previous", entry.previous}};
}

std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string content_hash(const PageContent& page) {
    auto images = page.images;
    std::sort(images.begin(), images.end());
    std::string manifest = "source " + page.source + " " + file_hash(page.file) + "\n";
    for (const auto& [src, file] : images) manifest += "image " + src + " " + file_hash(file) + "\n";
    if (!page.site_lists.empty()) manifest += "lists " + util::sha256_hex(page.site_lists) + "\n";
    return util::sha256_hex(manifest);
}

std::string Approval::computed_hash() const { return util::sha256_hex(dump(fields(*this))); }

std::string Approval::line() const {
    json value = fields(*this);
    value["hash"] = hash;
    return dump(value);
}

ApprovalLog ApprovalLog::read(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return {};
    return parse(util::read_file(path));
}

ApprovalLog ApprovalLog::parse(std::string_view text) {
    ApprovalLog log;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string line(text.substr(start, end - start));
        start = end + 1;
        if (log.unreadable_) continue;
        int number = static_cast<int>(log.entries_.size()) + 1;
        try {
            json value = json::parse(line);
            Approval entry;
            entry.sequence = value.at("sequence").get<int>();
            entry.time = value.at("time").get<std::string>();
            entry.by = value.at("by").get<std::string>();
            entry.note = value.at("note").get<std::string>();
            entry.pages = value.at("pages").get<std::map<std::string, std::string>>();
            entry.previous = value.at("previous").get<std::string>();
            entry.hash = value.at("hash").get<std::string>();
            log.entries_.push_back(std::move(entry));
            log.lines_.push_back(std::move(line));
        } catch (const json::exception&) {
            log.unreadable_ = ChainBreak{number, "entry " + std::to_string(number) + " is not a readable approval"};
        }
    }
    return log;
}

std::optional<ChainBreak> ApprovalLog::verify() const {
    for (size_t i = 0; i < entries_.size(); ++i) {
        const Approval& entry = entries_[i];
        int number = static_cast<int>(i) + 1;
        std::string at = "entry " + std::to_string(number);
        if (entry.computed_hash() != entry.hash || entry.line() != lines_[i])
            return ChainBreak{number, at + " was altered: its contents do not match its hash"};
        if (entry.sequence != number)
            return ChainBreak{number, at + " has sequence " + std::to_string(entry.sequence) +
                                          ": entries were removed or reordered"};
        const std::string& expected = i == 0 ? genesis : entries_[i - 1].hash;
        if (entry.previous != expected)
            return ChainBreak{number, at + " does not follow the entry before it: entries were removed, reordered or altered"};
    }
    return unreadable_;
}

const Approval& ApprovalLog::append(std::string time, std::string by, std::string note,
                                    std::map<std::string, std::string> pages) {
    if (auto broken = verify()) throw util::Error({}, "the approvals log is broken: " + broken->reason);
    Approval entry;
    entry.sequence = static_cast<int>(entries_.size()) + 1;
    entry.time = std::move(time);
    entry.by = std::move(by);
    entry.note = std::move(note);
    entry.pages = std::move(pages);
    entry.previous = entries_.empty() ? genesis : entries_.back().hash;
    entry.hash = entry.computed_hash();
    lines_.push_back(entry.line());
    entries_.push_back(std::move(entry));
    return entries_.back();
}

std::string ApprovalLog::text() const {
    std::string text;
    for (const auto& line : lines_) text += line + "\n";
    return text;
}

Approval append_approval(const fs::path& path, std::string by, std::string note,
                         std::map<std::string, std::string> pages) {
    ApprovalLog log = ApprovalLog::read(path);
    try {
        Approval entry = log.append(utc_now(), std::move(by), std::move(note), std::move(pages));
        fs::create_directories(path.parent_path());
        util::write_file_atomic(path, log.text());
        return entry;
    } catch (const util::Error& e) {
        throw util::Error(path, e.what());
    }
}

std::string utc_now() {
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

}  // namespace sg::output
