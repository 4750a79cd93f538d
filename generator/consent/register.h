// The consent register (consent/register.csv), as exported from a school MIS: who may appear on
// the site, in which channel, until when. The register is personal data: nothing here is ever
// written to site/, logs or build records except ids.
#pragma once
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "util/date.h"

namespace sg::consent {

enum class Role { pupil, staff, governor, volunteer, visitor };
enum class Channel { website = 0, social = 1, newsletter = 2 };
inline constexpr size_t channel_count = 3;

// A register cell of a permission column.
enum class Permission { blank, yes, no, objected };

struct Person {
    std::string id;
    std::string first_name;
    std::string last_name;
    std::string known_as;                  // preferred first name; may be empty
    std::vector<std::string> other_names;  // aliases and middle names (`;`-separated in the CSV)
    Role role = Role::pupil;
    std::string group;                     // class or year group
    std::array<Permission, channel_count> photo{};  // indexed by Channel
    Permission work_website = Permission::blank;
    Permission full_name_with_photo = Permission::blank;
    std::optional<util::Date> granted_on, expires_on, withdrawn_on, left_on;
    bool is_protected = false;
    int line = 0;  // the CSV line this person's record starts on

    bool is_pupil() const { return role == Role::pupil; }
    // known_as when set, else first_name.
    const std::string& preferred_first_name() const { return known_as.empty() ? first_name : known_as; }
    // Register id plus initials ("P0001 A.T."), the only way a person appears in reports.
    std::string redacted() const;
};

class Register {
public:
    Register() = default;
    explicit Register(std::vector<Person> people);
    const Person* find(std::string_view id) const;
    const std::vector<Person>& people() const { return people_; }

private:
    std::vector<Person> people_;
    std::map<std::string, size_t, std::less<>> by_id_;
};

// Parses register CSV text. Every defect (missing required column, unknown value, bad date,
// duplicate id) is an error diagnostic located at `display_path`:line:column with rule
// register.invalid; the caller must not use the register when any error was reported.
Register parse_register(std::string_view csv, const std::string& display_path, diag::Diagnostics& diagnostics);

// Reads and parses `path`; an unreadable file is a register.invalid error, never an empty register.
Register load_register(const std::filesystem::path& path, const std::string& display_path,
                       diag::Diagnostics& diagnostics);

}  // namespace sg::consent
