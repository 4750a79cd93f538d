#include "temp_site.h"

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace sg::testing {

namespace fs = std::filesystem;

const char* const base_register =
    "id,first_name,last_name,known_as,other_names,role,group,photo_website,photo_social,photo_newsletter,"
    "work_website,full_name_with_photo,granted_on,expires_on,withdrawn_on,left_on,protected\n"
    "P0001,Amelia,Thornbury,,,pupil,Year 3,yes,yes,yes,yes,no,2026-09-01,2027-08-31,,,\n"
    "P0002,Jonah,Featherstone,,Peregrine,pupil,Year 3,yes,no,yes,no,no,2026-09-01,2027-08-31,,,\n"
    "P0003,Priyanka,Oduya,Priya,,pupil,Year 4,no,no,no,yes,no,2026-09-01,2027-08-31,,,\n"
    "P0004,Tobias,Wrenfield,,,pupil,Year 4,objected,no,no,no,no,2026-09-01,2027-08-31,,,\n"
    "P0005,Elsie,Marchbank,,,pupil,Year 5,,,,,,2026-09-01,2027-08-31,,,\n"
    "P0006,Rafferty,Colbourne,,,pupil,Year 5,yes,yes,yes,yes,no,2025-09-01,2026-08-31,,,\n"
    "P0007,Ines,Halloway,,,pupil,Year 6,yes,yes,yes,yes,no,2026-09-01,2027-08-31,2026-10-20,,\n"
    "P0008,Caspar,Delacourt,,,pupil,Year 6,yes,yes,yes,yes,no,2026-09-01,2027-08-31,,2026-07-22,\n"
    "P0009,Marigold,Penhaligon,,,pupil,Year 2,yes,yes,yes,yes,no,2026-12-01,2027-08-31,,,\n"
    "P0010,Zoë,Al-Rashid,Zee,,pupil,Year 2,yes,yes,yes,yes,no,2026-09-01,2027-08-31,,,\n"
    "P0011,Wilfred,Ashdown,,,pupil,Year 1,,,,,,,,,,yes\n"
    "S0001,Harriet,Quillfeather,,,staff,Year 3,yes,yes,yes,,,2026-09-01,2027-08-31,,,\n"
    "S0002,Desmond,Ravensworth,,,staff,,no,no,no,,,2026-09-01,2027-08-31,,,\n";

namespace {

const char* const base_config = R"(school:
  name: Brookfield Test School
  base_url: https://www.brookfield-test.example/
contact:
  address: 2 Mill Lane, Brookton
  postcode: BK4 7QT
  phone: 01632 960001
  email: office@brookfield-test.example
  email_domains: [brookfield-test.example]
images:
  widths: [320, 640]
  max_width: 640
  quality: 80
  formats: [jpeg, webp]
menu:
  - title: Home
    url: index.html
  - title: News
    url: news/index.html
)";

const char* const base_home = R"(---
title: Welcome
---
Welcome to our school.
)";

fs::path make_temp_dir() {
    std::random_device random;
    fs::path dir = fs::temp_directory_path() / ("schoolgate-test-" + std::to_string(random()));
    fs::create_directories(dir);
    return dir;
}

}  // namespace

TempSite::TempSite(std::string_view files) : root_(make_temp_dir()) {
    write("schoolgate.yml", base_config);
    write("consent/register.csv", base_register);
    write("content/index.md", base_home);
    fs::create_directories(root_ / "themes");
    fs::copy(fs::path(SG_SOURCE_DIR) / "themes" / "default", root_ / "themes" / "default", fs::copy_options::recursive);
    write_files(files);
}

TempSite::~TempSite() {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
}

void TempSite::write(const std::string& relative, std::string_view text) const {
    fs::path path = root_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

// "-- path --" lines start files; everything up to the next such line is the file's text.
void TempSite::write_files(std::string_view files) const {
    std::istringstream in{std::string(files)};
    std::string line, path, text;
    auto flush = [&] {
        if (!path.empty()) write(path, text);
        text.clear();
    };
    while (std::getline(in, line)) {
        if (line.size() > 6 && line.rfind("-- ", 0) == 0 && line.substr(line.size() - 3) == " --") {
            flush();
            path = line.substr(3, line.size() - 6);
        } else if (!path.empty()) {
            text += line + "\n";
        }
    }
    flush();
}

void TempSite::copy_fixture(const std::string& name, const std::string& relative) const {
    fs::path target = root_ / relative;
    fs::create_directories(target.parent_path());
    fs::copy_file(fs::path(SG_FIXTURES_DIR) / "camera" / name, target, fs::copy_options::overwrite_existing);
}

std::string TempSite::read(const std::string& relative) const {
    std::ifstream in(root_ / relative, std::ios::binary);
    if (!in) throw std::runtime_error("no file " + relative);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool TempSite::exists(const std::string& relative) const { return fs::exists(root_ / relative); }

}  // namespace sg::testing
