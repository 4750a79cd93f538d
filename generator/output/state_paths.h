// What schoolgate keeps beside a site's sources, in <site>/.schoolgate/: never published, never
// part of the content. One place names each file, so every command finds the same one.
#pragma once
#include <filesystem>

namespace sg::output::state {

inline std::filesystem::path folder(const std::filesystem::path& site_root) { return site_root / ".schoolgate"; }
// What earlier builds learnt about each image (media/cache.h); keep it, never publish it.
inline std::filesystem::path cache(const std::filesystem::path& site_root) { return folder(site_root) / "cache"; }
// What the last real build published (output/build_record.h); `review` compares with it.
inline std::filesystem::path build_record(const std::filesystem::path& site_root) {
    return folder(site_root) / "build-record.json";
}
// The hash-chained editorial approvals (output/approvals.h); committed with the content.
inline std::filesystem::path approvals(const std::filesystem::path& site_root) {
    return folder(site_root) / "approvals.jsonl";
}
// The flock one build of the site at a time holds (output/build_lock.h).
inline std::filesystem::path lock(const std::filesystem::path& site_root) { return folder(site_root) / "lock"; }

}  // namespace sg::output::state
