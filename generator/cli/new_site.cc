#include "cli/new_site.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/git.h"
#include "cli/hooks.h"
#include "config/config.h"
#include "diag/printer.h"
#include "util/date.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/installed.h"
#include "util/text.h"

namespace sg::cli {

namespace fs = std::filesystem;

namespace {

// What a folder holds that makes it a site: init never writes into it.
constexpr const char* site_marks[] = {"schoolgate.yml", "content", "consent"};

// Kept out of git: the built site and what builds keep beside it.
constexpr const char* ignored[] = {"site/", ".site.spare/", ".site.staging-*/", ".schoolgate/cache/",
                                   ".schoolgate/lock", ".schoolgate-preview/"};

// A YAML double-quoted scalar (school_problems() has refused control characters).
std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\\\"") : c == '\\' ? std::string("\\\\") : std::string(1, c);
    return out + "\"";
}

std::string domain_of(const std::string& email) { return email.substr(email.find('@') + 1); }

// The register as schoolgate.yml names it: relative to the site when inside it, else absolute.
std::string register_key(const fs::path& dir, const fs::path& file) {
    return util::is_within(file, dir) ? file.lexically_relative(dir).string() : file.string();
}

std::string config_text(const NewSite& request, const fs::path& register_file) {
    const School& school = request.school;
    std::ostringstream yml;
    yml << "# " << school.name << ": made by `schoolgate init` on " << util::today().iso() << ".\n"
        << "# Every key is described in schoolgate's README; unknown keys are errors.\n"
        << "school:\n"
        << "  name: " << quoted(school.name) << "\n"
        << "  base_url: " << quoted(school.base_url) << "\n"
        << "  language: en-GB\n"
        << "contact:  # the only contact details the site may show\n"
        << "  address: " << quoted(school.address) << "\n"
        << "  postcode: " << quoted(school.postcode) << "\n"
        << "  phone: " << quoted(school.phone) << "\n"
        << "  email: " << quoted(school.email) << "\n"
        << "  email_domains: [" << quoted(domain_of(school.email)) << "]  # staff are named only by addresses here\n"
        << "policy:  # the strictest reading of the e-safety policy\n"
        << "  names:\n"
        << "    full_name: never\n"
        << "    first_name_with_photo: never\n"
        << "  lawful_basis: consent\n"
        << "images:\n"
        << "  widths: [480, 960, 1600]\n"
        << "  max_width: 1600\n"
        << "  quality: 82\n"
        << "  formats: [jpeg, webp]  # add avif for AVIF too: several times slower to encode\n"
        << "  max_megapixels: 50\n"
        << "theme: default\n";
    if (!request.register_file.empty())
        yml << "# The consent register: personal data about children, kept outside the site folder.\n"
            << "register: " << quoted(register_key(request.dir, register_file)) << "\n";
    yml << "menu:\n"
        << "  - title: Home\n"
        << "    url: index.html\n"
        << "  - title: News\n"
        << "    url: news/index.html\n";
    return yml.str();
}

std::string first_page(const School& school) {
    return "---\n"
           "title: " + quoted("Welcome to " + school.name) + "\n"
           "summary: " + quoted("The website of " + school.name + ".") + "\n"
           "---\n"
           "Welcome to " + school.name + ". This is the site's first page: edit `content/index.md` to\n"
           "say what visitors should read first. Other pages are Markdown files beside it, and news\n"
           "posts go in `content/news/` (`schoolgate new post \"Title\"` starts one).\n";
}

// The example register's header line: the columns a MIS export must have.
std::string register_header(const util::InstalledData& installed) {
    fs::path example = installed.example / "consent" / "register.csv";
    std::string text = util::read_file(example);
    std::string header = text.substr(0, text.find('\n'));
    if (!header.empty() && header.back() == '\r') header.pop_back();
    if (header.rfind("\xEF\xBB\xBF", 0) == 0) header.erase(0, 3);
    if (header.find("id,") != 0) throw util::Error(example, "the installed example register has no header line");
    return header + "\n";
}

void write_register(const fs::path& file, const std::string& header) {
    fs::create_directories(file.parent_path());
    util::write_file_atomic(file, header);
    // Personal data from the day it is filled in: the owner alone may read it.
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
}

// Adds the lines of `ignored` that .gitignore lacks, keeping what it holds.
void write_gitignore(const fs::path& dir) {
    fs::path file = dir / ".gitignore";
    std::string text = fs::exists(file) ? util::read_file(file) : "";
    std::string added;
    for (const char* line : ignored)
        if (("\n" + text).find("\n" + std::string(line) + "\n") == std::string::npos) added += std::string(line) + "\n";
    if (added.empty()) return;
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += "# schoolgate: the built site and what builds keep beside it\n" + added;
    util::write_file_atomic(file, text);
}

bool in_git_work_tree(const fs::path& dir) {
    git::Output top = git::run(dir, {"rev-parse", "--show-toplevel"});
    return top.status == 0 && !git::first_line(top.out).empty();
}

std::string shown(const fs::path& path) { return git::shown(path); }

}  // namespace

std::string refusal_for(const fs::path& folder) {
    fs::path dir = fs::absolute(folder).lexically_normal();
    if (fs::exists(dir) && !fs::is_directory(dir)) return "schoolgate: " + shown(dir) + " is not a folder; nothing written\n";
    for (const char* mark : site_marks)
        if (fs::exists(dir / mark))
            return "schoolgate: " + shown(dir) + " already holds a site (" + mark +
                   "); init never writes into one, nothing written\n"
                   "  hint: name a new folder, e.g. schoolgate init ../new-site\n";
    return {};
}

std::string school_problems(const School& school) {
    std::string problems;
    const std::pair<const char*, const std::string*> fields[] = {
        {"--name", &school.name},   {"--address", &school.address}, {"--postcode", &school.postcode},
        {"--phone", &school.phone}, {"--email", &school.email},     {"--base-url", &school.base_url}};
    for (const auto& [flag, value] : fields) {
        if (util::trim(*value).empty()) problems += std::string(flag) + " is empty\n";
        for (unsigned char c : *value)
            if (c < 0x20 || c == 0x7f) {
                problems += std::string(flag) + " holds a control character (a line break?)\n";
                break;
            }
    }
    size_t at = school.email.find('@');
    if (!school.email.empty() && (at == 0 || at == std::string::npos || at + 1 >= school.email.size() ||
                                  school.email.find('@', at + 1) != std::string::npos))
        problems += "--email '" + school.email + "' is not an address like office@school.example\n";
    if (!school.base_url.empty() && !school.base_url.starts_with("https://") && !school.base_url.starts_with("http://"))
        problems += "--base-url '" + school.base_url + "' must start with https:// (the site's address on the web)\n";
    return problems;
}

int new_site(const NewSite& request) {
    fs::path dir = fs::absolute(request.dir).lexically_normal();
    if (std::string refusal = refusal_for(dir); !refusal.empty()) {
        std::cerr << refusal;
        return 2;
    }
    if (std::string problems = school_problems(request.school); !problems.empty()) {
        std::cerr << problems << "schoolgate: nothing written\n";
        return 2;
    }
    fs::path register_file = request.register_file.empty() ? dir / "consent" / "register.csv"
                                                           : fs::absolute(request.register_file).lexically_normal();
    std::string config = config_text(request, register_file);
    diag::Diagnostics diagnostics;
    config::parse_config(config, "schoolgate.yml", diagnostics);
    if (diagnostics.has_errors()) {  // the details made a configuration schoolgate cannot read
        diag::Printer(dir).print_all(std::cerr, diagnostics);
        std::cerr << "schoolgate: nothing written\n";
        return 2;
    }
    util::InstalledData installed = util::installed_data();
    if (!installed.found) throw util::Error(installed.root, "schoolgate's installed theme and example are missing");
    std::string header = register_header(installed);

    fs::create_directories(dir);
    fs::create_directories(dir / "themes");
    fs::copy(installed.themes / "default", dir / "themes" / "default", fs::copy_options::recursive);
    util::write_file_atomic(dir / "schoolgate.yml", config);
    fs::create_directories(dir / "content" / "news");
    util::write_file_atomic(dir / "content" / "index.md", first_page(request.school));
    bool kept_register = fs::exists(register_file);
    if (!kept_register) write_register(register_file, header);
    write_gitignore(dir);

    std::cout << "created a site for " << request.school.name << " in " << shown(dir) << ":\n"
              << "  schoolgate.yml, content/index.md, themes/default/ (from " << shown(installed.root) << "), .gitignore\n"
              << "  " << (kept_register ? "kept the register already at " : "an empty consent register: ")
              << shown(register_file) << "\n";
    if (request.git && !in_git_work_tree(dir)) {
        git::Output init = git::run(dir, {"init", "--quiet"});
        if (init.status != 0) throw util::Error(dir, "git init failed: " + git::first_line(init.err));
        std::cout << "  a new git repository\n";
    }
    if (in_git_work_tree(dir) && install_hooks(dir) != 0)
        std::cout << "  the git hooks were not installed (above); the site is ready without them\n";

    std::cout << "\nThe consent register is personal data about children. Keep it out of anything public:\n"
              << (request.register_file.empty() || util::is_within(register_file, dir)
                      ? "it is inside the site folder, so keep the site's git repository private, or move the\n"
                        "register outside it (register: in schoolgate.yml; schoolgate init --register PATH).\n"
                      : "it is outside the site folder, so it stays out of the site's git repository; back it up.\n")
              << "\nNext: fill in the register (the columns are in its first line), then\n"
              << "  cd " << shown(dir) << " && schoolgate build     # writes site/\n"
              << "  schoolgate serve                           # preview on http://127.0.0.1:1313\n";
    return 0;
}

}  // namespace sg::cli
