// A small site in a temporary directory, written from an inline multi-file string (as Hugo's
// integration tests do), so a test shows its whole input on one screen:
//
//   TempSite site(R"(
//   -- content/news/trip.md --
//   ---
//   title: Trip
//   ---
//   Body.
//   )");
//
// Files not given come from a small base site: schoolgate.yml, a register of fictional people,
// the repository's default theme, and content/index.md.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace sg::testing {

class TempSite {
public:
    explicit TempSite(std::string_view files = {});
    ~TempSite();
    TempSite(const TempSite&) = delete;
    TempSite& operator=(const TempSite&) = delete;

    const std::filesystem::path& root() const { return root_; }
    std::filesystem::path site() const { return root_ / "site"; }

    void write(const std::string& relative, std::string_view text) const;
    void write_files(std::string_view files) const;
    // Copies a camera fixture (tests/fixtures/camera/NAME) to `relative`.
    void copy_fixture(const std::string& name, const std::string& relative) const;
    std::string read(const std::string& relative) const;
    bool exists(const std::string& relative) const;

private:
    std::filesystem::path root_;
};

// The base site's register: fictional people in every consent state, judged on 2026-11-23.
extern const char* const base_register;

// The build date the tests judge consent on.
inline constexpr const char* test_date = "2026-11-23";

}  // namespace sg::testing
