#include "media/cache.h"

#include <doctest/doctest.h>

#include <fstream>
#include <thread>

#include "media/image.h"
#include "media/test_support.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/hash.h"

namespace sg::media {
namespace {

namespace fs = std::filesystem;
using testing::fixture;
using testing::TempDir;

Settings small() { return Settings{.widths = {64, 160}, .max_width = 160}; }

std::vector<std::string> names_of(const ProcessResult& result) {
    std::vector<std::string> names;
    for (const auto& r : result.processed->renditions) names.push_back(r.name);
    return names;
}

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    if (fs::is_directory(dir))
        for (const auto& item : fs::directory_iterator(dir)) names.push_back(item.path().filename());
    std::sort(names.begin(), names.end());
    return names;
}

// A photo processed and stored in a fresh cache at `dir`, as one build would leave it.
struct Stored {
    fs::path source;
    std::string hash;
    ProcessResult result;
    std::vector<std::string> bytes;  // each rendition's, before the cache took them
};

Stored store_one(const fs::path& dir, const fs::path& source, const Settings& settings = small()) {
    Cache cache(dir, settings);
    Stored stored{source, cache.content_hash(source), process(source, settings), {}};
    REQUIRE(stored.result.processed);
    for (const auto& r : stored.result.processed->renditions) stored.bytes.push_back(r.bytes);
    cache.store(stored.hash, source, stored.result);
    cache.finish();
    return stored;
}

void flip_a_byte(const fs::path& file) {
    std::string bytes = util::read_file(file);
    bytes[bytes.size() / 2] ^= 0x01;
    util::write_file_atomic(file, bytes);
}

}  // namespace

TEST_SUITE("media::cache") {
    TEST_CASE("a stored photo comes back from a later build with the same renditions, from files") {
        TempDir dir;
        auto source = dir.copy(fixture("gps_DSCN0010.jpg"), "lake.jpg");
        Stored stored = store_one(dir.path() / "cache", source);
        // The cache took the bytes out of memory.
        for (const auto& r : stored.result.processed->renditions) {
            CHECK(r.bytes.empty());
            CHECK(r.file == dir.path() / "cache" / "media" / r.name);
        }

        Cache later(dir.path() / "cache", small());
        CHECK(later.content_hash(source) == util::sha256_hex(util::read_file(source)));
        auto found = later.find(stored.hash);
        REQUIRE(found);
        REQUIRE(found->processed);
        CHECK(names_of(*found) == names_of(stored.result));
        CHECK(found->processed->width == stored.result.processed->width);
        CHECK(found->processed->height == stored.result.processed->height);
        for (size_t i = 0; i < found->processed->renditions.size(); ++i) {
            const Rendition& r = found->processed->renditions[i];
            CHECK(r.format == stored.result.processed->renditions[i].format);
            CHECK(r.width == stored.result.processed->renditions[i].width);
            CHECK(rendition_bytes(r) == stored.bytes[i]);
        }
    }

    TEST_CASE("other settings, or another source, miss") {
        TempDir dir;
        auto source = dir.copy(fixture("gps_DSCN0010.jpg"), "lake.jpg");
        Stored stored = store_one(dir.path() / "cache", source);
        Settings other = small();
        other.quality = 60;
        CHECK_FALSE(Cache(dir.path() / "cache", other).find(stored.hash));
        CHECK_FALSE(Cache(dir.path() / "cache", small()).find(std::string(64, '0')));
        CHECK(Cache(dir.path() / "cache", small()).find(stored.hash));
    }

    TEST_CASE("a corrupt, missing or tampered entry is a miss, never a result") {
        TempDir dir;
        auto source = dir.copy(fixture("gps_DSCN0010.jpg"), "lake.jpg");
        fs::path cache_dir = dir.path() / "cache";
        Stored stored = store_one(cache_dir, source);
        fs::path entry = cache_dir / "entries" / files_in(cache_dir / "entries").at(0);
        std::string manifest = util::read_file(entry);
        fs::path first = cache_dir / "media" / stored.result.processed->renditions[0].name;
        std::string first_bytes = util::read_file(first);

        SUBCASE("a flipped byte in a rendition") { flip_a_byte(first); }
        SUBCASE("a truncated rendition") { util::write_file_atomic(first, first_bytes.substr(0, 100)); }
        SUBCASE("a missing rendition") { fs::remove(first); }
        SUBCASE("an empty rendition") { util::write_file_atomic(first, ""); }
        SUBCASE("a truncated entry") { util::write_file_atomic(entry, manifest.substr(0, manifest.size() / 2)); }
        SUBCASE("an entry naming a file outside the cache") {
            std::string name = stored.result.processed->renditions[0].name;
            std::string tampered = manifest;
            tampered.replace(tampered.find(name), name.size(), "../../lake.jpg");
            util::write_file_atomic(entry, tampered);
        }
        SUBCASE("an entry whose rendition claims another width") {
            std::string tampered = manifest;
            tampered.replace(tampered.find(" 64 "), 4, " 65 ");
            util::write_file_atomic(entry, tampered);
        }
        SUBCASE("another rendition's bytes under this name") {
            util::write_file_atomic(first, stored.bytes.back());
        }
        CHECK_FALSE(Cache(cache_dir, small()).find(stored.hash));
    }

    TEST_CASE("a cached rendition that changes after it was found is refused when read") {
        TempDir dir;
        auto source = dir.copy(fixture("gps_DSCN0010.jpg"), "lake.jpg");
        Stored stored = store_one(dir.path() / "cache", source);
        Cache later(dir.path() / "cache", small());
        auto found = later.find(stored.hash);
        REQUIRE(found);
        flip_a_byte(found->processed->renditions[0].file);
        CHECK_THROWS_AS(rendition_bytes(found->processed->renditions[0]), util::Error);
    }

    TEST_CASE("refusals are cached too, so a damaged photo is not decoded again") {
        TempDir dir;
        auto source = dir.copy(fixture("corrupted.jpg"), "broken.jpg");
        std::string hash;
        {
            Cache cache(dir.path() / "cache", small());
            hash = cache.content_hash(source);
            ProcessResult result = process(source, small());
            REQUIRE(result.problem);
            cache.store(hash, source, result);
            cache.finish();
        }
        auto found = Cache(dir.path() / "cache", small()).find(hash);
        REQUIRE(found);
        CHECK_FALSE(found->processed);
        REQUIRE(found->problem);
        CHECK(found->problem->rule == "media.unreadable");
        CHECK(found->problem->message.starts_with("cannot decode the image: "));
    }

    TEST_CASE("finish() removes every entry and rendition the build did not use") {
        TempDir dir;
        fs::path cache_dir = dir.path() / "cache";
        auto lake = dir.copy(fixture("gps_DSCN0010.jpg"), "lake.jpg");
        auto canon = dir.copy(fixture("Canon_40D.jpg"), "canon.jpg");
        Stored kept = store_one(cache_dir, lake);
        Stored dropped = store_one(cache_dir, canon);  // this "build" did not use the lake: pruned
        CHECK(files_in(cache_dir / "entries").size() == 1);
        kept = store_one(cache_dir, lake);
        {
            Cache build(cache_dir, small());
            REQUIRE(build.find(build.content_hash(lake)));
            util::write_file_atomic(cache_dir / "media" / "left-by-a-killed-build.tmp.1", "x");
            build.finish();
        }
        std::vector<std::string> expected = names_of(kept.result);
        std::sort(expected.begin(), expected.end());
        CHECK(files_in(cache_dir / "media") == expected);
        CHECK(files_in(cache_dir / "entries").size() == 1);
        CHECK_FALSE(Cache(cache_dir, small()).find(dropped.hash));
    }

    TEST_CASE("the stat index spares hashing a settled file, and any change makes it hash again") {
        TempDir dir;
        fs::path cache_dir = dir.path() / "cache";
        auto source = dir.copy(fixture("gps_DSCN0010.jpg"), "lake.jpg");
        std::string real = util::sha256_hex(util::read_file(source));
        {
            // Just written: too new to trust (a rewrite in the same tick keeps mtime and ctime).
            Cache cache(cache_dir, small());
            CHECK(cache.content_hash(source) == real);
            cache.finish();
        }
        CHECK_FALSE((fs::exists(cache_dir / "index") &&
                     util::read_file(cache_dir / "index").find("lake.jpg") != std::string::npos));

        std::this_thread::sleep_for(std::chrono::milliseconds(2100));
        {
            Cache cache(cache_dir, small());
            CHECK(cache.content_hash(source) == real);
            cache.finish();
        }
        // Settled now: it is indexed. To see that the index is what answers, give it a wrong hash.
        std::string index = util::read_file(cache_dir / "index");
        REQUIRE(index.find(real) != std::string::npos);
        std::string planted = std::string(64, 'a');
        index.replace(index.find(real), real.size(), planted);
        util::write_file_atomic(cache_dir / "index", index);
        CHECK(Cache(cache_dir, small()).content_hash(source) == planted);

        // The same size, the mtime put back: ctime still moves, so the file is hashed again.
        auto mtime = fs::last_write_time(source);
        std::string bytes = util::read_file(source);
        bytes[bytes.size() / 2] ^= 0x01;
        {
            std::ofstream out(source, std::ios::binary | std::ios::trunc);
            out.write(bytes.data(), std::streamsize(bytes.size()));
        }
        fs::last_write_time(source, mtime);
        CHECK(Cache(cache_dir, small()).content_hash(source) == util::sha256_hex(bytes));
    }

    TEST_CASE("an inspection comes back whole from a later build, names in metadata and all") {
        TempDir dir;
        fs::path cache_dir = dir.path() / "cache";
        auto source = dir.copy(fixture("gps_DSCN0010.jpg"), "lake.jpg");
        InspectResult inspected{
            .info = SourceInfo{.format = "jpeg",
                               .width = 640,
                               .height = 480,
                               .orientation = 6,
                               .has_gps = true,
                               .people_tags = {"Zoë Ashdown", "line\nbreak", "100% sure", ""},
                               .keywords = {"sports day", "crlf\r\n"},
                               .face_regions = {{"Zoë Ashdown", {0.125, 0.25, 0.0625, 0.1}}, {"", {0, 0, 1, 1}}}},
            .problem = std::nullopt};
        {
            Cache cache(cache_dir, small());
            cache.store_inspection(cache.content_hash(source), source, inspected);
            cache.finish();
        }
        Cache later(cache_dir, small());
        auto found = later.find_inspection(later.content_hash(source));
        REQUIRE(found);
        REQUIRE(found->info);
        const SourceInfo& info = *found->info;
        CHECK(info.format == "jpeg");
        CHECK(info.width == 640);
        CHECK(info.height == 480);
        CHECK(info.orientation == 6);
        CHECK(info.has_gps);
        CHECK(info.people_tags == inspected.info->people_tags);
        CHECK(info.keywords == inspected.info->keywords);
        REQUIRE(info.face_regions.size() == 2);
        CHECK(info.face_regions[0].name == "Zoë Ashdown");
        CHECK(info.face_regions[0].box == Box{0.125, 0.25, 0.0625, 0.1});
        CHECK(info.face_regions[1].name == "");

        // Another pixel limit is another key: the limit decides media.too-large.
        Settings stricter = small();
        stricter.max_megapixels = 1;
        CHECK_FALSE(Cache(cache_dir, stricter).find_inspection(later.content_hash(source)));
    }

    TEST_CASE("a refused inspection is kept, a damaged or unused one is not trusted") {
        TempDir dir;
        fs::path cache_dir = dir.path() / "cache";
        fs::path source = dir.path() / "empty.jpg";
        util::write_file_atomic(source, "");
        std::string hash;
        {
            Cache cache(cache_dir, small());
            hash = cache.content_hash(source);
            InspectResult refused = inspect(source, {});
            REQUIRE(refused.problem);
            cache.store_inspection(hash, source, refused);
            cache.finish();
        }
        auto found = Cache(cache_dir, small()).find_inspection(hash);
        REQUIRE(found);
        REQUIRE(found->problem);
        CHECK(found->problem->rule == "media.unreadable");
        CHECK_FALSE(found->info);

        fs::path entry = cache_dir / "entries" / files_in(cache_dir / "entries").at(0);
        std::string text = util::read_file(entry);
        SUBCASE("truncated") { util::write_file_atomic(entry, text.substr(0, text.find('\n') + 1)); }
        SUBCASE("a line it does not know") { util::write_file_atomic(entry, text + "rogue line\n"); }
        SUBCASE("an orientation out of range") {
            util::write_file_atomic(entry, "schoolgate-inspect-entry 1\ninfo jpeg 10 10 9 0\n");
        }
        SUBCASE("a build that did not use it") {
            Cache build(cache_dir, small());
            build.finish();
        }
        CHECK_FALSE(Cache(cache_dir, small()).find_inspection(hash));
    }

    TEST_CASE("a rendition this cache wrote, or once hashed, is trusted while its stat is unchanged") {
        TempDir dir;
        fs::path cache_dir = dir.path() / "cache";
        auto source = dir.copy(fixture("gps_DSCN0010.jpg"), "lake.jpg");
        Stored stored = store_one(cache_dir, source);
        // Written by the cache itself (renamed into place from a private temporary file): indexed.
        std::string index = util::read_file(cache_dir / "index");
        for (const auto& name : names_of(stored.result))
            CHECK(index.find("rendition " + name + " ") != std::string::npos);
        {
            Cache later(cache_dir, small());
            auto found = later.find(stored.hash);
            REQUIRE(found);
            for (const auto& r : found->processed->renditions) CHECK(r.verified == file_stamp(r.file));
            later.finish();
        }
        // Rewritten in place, same size: mtime moves, so the bytes are hashed again and refused.
        fs::path first = cache_dir / "media" / stored.result.processed->renditions[0].name;
        std::string bytes = util::read_file(first);
        bytes[bytes.size() / 2] ^= 0x01;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        {
            std::ofstream out(first, std::ios::binary | std::ios::in | std::ios::out);
            out.write(bytes.data(), std::streamsize(bytes.size()));
        }
        CHECK_FALSE(Cache(cache_dir, small()).find(stored.hash));
    }

    TEST_CASE("a result is not stored when the source changed while it was processed") {
        TempDir dir;
        auto source = dir.copy(fixture("gps_DSCN0010.jpg"), "lake.jpg");
        Cache cache(dir.path() / "cache", small());
        std::string hash = cache.content_hash(source);
        ProcessResult result = process(source, small());
        REQUIRE(result.processed);
        dir.copy(fixture("Canon_40D.jpg"), "lake.jpg");  // replaced after hashing
        cache.store(hash, source, result);
        // The result stays usable in memory, but nothing was kept under the old hash.
        CHECK_FALSE(result.processed->renditions[0].bytes.empty());
        CHECK_FALSE(Cache(dir.path() / "cache", small()).find(hash));
    }

    TEST_CASE("another stage's entry comes back byte for byte by kind, and is pruned when no build uses it") {
        TempDir dir;
        fs::path cache_dir = dir.path() / "cache";
        auto source = dir.copy(fixture("gps_DSCN0010.jpg"), "newsletter.pdf");
        const char written[] = "%PDF-1.7\n\0binary\xff";  // a NUL and a byte that is not UTF-8
        std::string bytes(written, sizeof written - 1);
        {
            Cache cache(cache_dir, small());
            cache.store_entry(cache.content_hash(source), "clean-pdf-1", source, bytes);
            cache.finish();
        }
        {
            Cache cache(cache_dir, small());
            std::string hash = cache.content_hash(source);
            CHECK(cache.find_entry(hash, "clean-pdf-1") == bytes);
            CHECK_FALSE(cache.find_entry(hash, "clean-pdf-2"));  // another reader's kind
            cache.finish();
        }
        Cache(cache_dir, small()).finish();  // a build that did not ask for it
        Cache cache(cache_dir, small());
        CHECK_FALSE(cache.find_entry(cache.content_hash(source), "clean-pdf-1"));
    }
}

}  // namespace sg::media
