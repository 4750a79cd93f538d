// The school's configuration (schoolgate.yml). Defaults are the strictest reading of the policy.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"

namespace sg::config {

// The school's own contact details: the only ones that may appear on the site.
struct Contact {
    std::string address;
    std::string postcode;
    std::string phone;
    std::string email;
    std::vector<std::string> email_domains;  // staff are named only by addresses at these domains
};

enum class FullNamePolicy { never, with_written_permission };
enum class FirstNameWithPhoto { never, allowed };
enum class LawfulBasisSetting { consent, public_task };

struct Policy {
    FullNamePolicy full_name = FullNamePolicy::never;
    FirstNameWithPhoto first_name_with_photo = FirstNameWithPhoto::never;
    LawfulBasisSetting lawful_basis = LawfulBasisSetting::consent;
};

struct Images {
    std::vector<int> widths{480, 960, 1600};
    int max_width = 1600;
    int quality = 82;
    std::vector<std::string> formats{"jpeg", "webp"};
    double max_megapixels = 50.0;  // larger sources are refused (decompression bombs)
};

struct MenuItem {
    std::string title;
    std::string url;
};

// Where `schoolgate publish` puts the site (publish:). No password is ever read from here: the
// repository is no place for one (SCHOOLGATE_PUBLISH_PASSWORD or a prompt instead).
struct Publish {
    std::string target;       // sftp://user@host:port/path or file:///path
    std::string key;          // a private key file for sftp (outside the repository); empty: the SSH agent
    std::string known_hosts;  // default ~/.ssh/known_hosts
};

struct Config {
    std::string school_name;
    std::string base_url;  // e.g. https://www.example-school.sch.uk/ (always ends in '/')
    std::string language = "en-GB";
    Contact contact;
    Policy policy;
    Images images;
    std::string theme = "default";
    std::vector<MenuItem> menu;
    Publish publish;
};

// Parses YAML text. Unknown keys, wrong types and bad values are config.invalid errors located at
// `display_path`:line:column, unknown keys with "did you mean".
Config parse_config(std::string_view yaml, const std::string& display_path, diag::Diagnostics& diagnostics);
Config load_config(const std::filesystem::path& path, const std::string& display_path,
                   diag::Diagnostics& diagnostics);

}  // namespace sg::config
