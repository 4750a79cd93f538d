// The school's configuration (schoolgate.yml). Defaults are the strictest reading of the policy.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"

namespace sg::config {

// An organisation's contact the school publishes on purpose (the council's safeguarding officer,
// the local authority's ICT helpdesk, a charity): listed once in schoolgate.yml with who it is and
// why it may appear, accepted anywhere on the site, shown in review, covered by approvals. At
// least one of phone, email and url is given; `name` and `reason` are never empty.
struct Organisation {
    std::string name;
    std::string phone, email, url;
    std::string reason;
    diag::Location at;  // the entry in schoolgate.yml
};

// The school's own contact details, and the organisations' it publishes: the only ones that may
// appear on the site.
struct Contact {
    std::string address;
    std::string postcode;
    std::string phone;
    std::string email;
    std::vector<std::string> email_domains;  // staff are named only by addresses at these domains
    std::vector<Organisation> organisations;
    bool builtin_helplines = true;  // the UK national helplines of rules/helplines.h are accepted
};

// Words that are a pupil's full name but, on this site, an everyday phrase ("summer day" for a
// pupil called Summer Day): listed once with a reason, and accepted only as lower-case running
// text mid-sentence on a page that does not show or otherwise name that pupil (rules/phrases.h).
// `phrase` is lower case, of two words or more.
struct Phrase {
    std::string phrase;
    std::string reason;
    diag::Location at;  // the entry in schoolgate.yml
};

enum class FullNamePolicy { never, with_written_permission };
enum class FirstNameWithPhoto { never, allowed };
enum class LawfulBasisSetting { consent, public_task };

struct Policy {
    FullNamePolicy full_name = FullNamePolicy::never;
    FirstNameWithPhoto first_name_with_photo = FirstNameWithPhoto::never;
    LawfulBasisSetting lawful_basis = LawfulBasisSetting::consent;
    std::vector<Phrase> phrases;  // policy.names.phrases
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
    // register: the consent register, relative to the site folder or absolute. It may lie outside
    // the site folder, so a school can keep its content in a repository without the register.
    std::string register_file = "consent/register.csv";
    Publish publish;
};

// The school's approved lists (organisations, phrases) as one canonical text: part of every page's
// approval hash, so changing a list unapproves the site. Empty when both lists are.
std::string approved_lists_text(const Config& config);

// Where the register of a site at `root` is.
std::filesystem::path register_path(const Config& config, const std::filesystem::path& root);

// Parses YAML text. Unknown keys, wrong types and bad values are config.invalid errors located at
// `display_path`:line:column, unknown keys with "did you mean".
Config parse_config(std::string_view yaml, const std::string& display_path, diag::Diagnostics& diagnostics);
Config load_config(const std::filesystem::path& path, const std::string& display_path,
                   diag::Diagnostics& diagnostics);

}  // namespace sg::config
