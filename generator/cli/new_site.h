// `schoolgate init DIR`: a new school's site from the installed example (util/installed.h): its
// own schoolgate.yml, the default theme, a register with the example's header and nobody in it, a
// first page, a .gitignore that keeps the build's output and cache out of git, and the git hooks
// when the folder is in a git repository. It never writes into a folder that holds a site.
#pragma once
#include <filesystem>
#include <string>

namespace sg::cli {

// What schoolgate.yml says about the school; every field is required.
struct School {
    std::string name;
    std::string address;
    std::string postcode;
    std::string phone;
    std::string email;     // the office's address; its domain is the one staff may be named by
    std::string base_url;  // http:// or https://
};

struct NewSite {
    std::filesystem::path dir;
    School school;
    // The register's path (`register:` in schoolgate.yml), possibly outside `dir`; empty:
    // consent/register.csv inside the site. An existing register there is kept, never replaced.
    std::filesystem::path register_file;
    bool git = false;  // `git init` the folder first when it is not in a git repository
};

// Why init may not write into `dir` (it is a file, or holds schoolgate.yml, content/ or consent/),
// as printed; empty when it may.
std::string refusal_for(const std::filesystem::path& dir);

// Problems with the school's details, one line each; empty when they are usable.
std::string school_problems(const School& school);

// Writes the site and prints what it did and what to do next. Returns the exit status: 2 when
// `dir` already holds a site or the details are not usable (nothing written); a git hook in the
// way is reported and leaves the site without hooks. Throws util::Error
// when the installed data is missing or a file cannot be written.
int new_site(const NewSite& request);

}  // namespace sg::cli
