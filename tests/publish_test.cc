// `schoolgate publish` end to end: the real binary against a real OpenSSH server on 127.0.0.1
// (tests/ssh_server.h; one configured as shared hosting is: SFTP only, chrooted) and against a
// local folder (file://), with a real HTTP server standing in for a CDN that still serves a
// removed page.
#include <doctest/doctest.h>
#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "process.h"
#include "ssh_server.h"
#include "temp_site.h"

namespace fs = std::filesystem;
using namespace sg::testing;

namespace {

const char* const manifest = ".schoolgate-manifest.json";

std::string config(const std::string& target, const std::string& extra, const std::string& base_url) {
    return "school:\n  name: Brookfield Test School\n  base_url: " + base_url +
           "\ncontact:\n  address: 2 Mill Lane, Brookton\n  postcode: BK4 7QT\n  phone: 01632 960001\n"
           "  email: office@brookfield-test.example\n  email_domains: [brookfield-test.example]\n"
           "images:\n  widths: [320, 640]\n  max_width: 640\n  quality: 80\n  formats: [jpeg, webp]\n"
           "publish:\n  target: " + target + "\n" + extra;
}

// Two posts: a trip with a photo of P0001, a lake with a landscape of nobody.
void write_content(const TempSite& site) {
    site.write("content/news/trip.md",
               "---\ntitle: School trip\ndate: 2026-10-14\nphotos:\n  - src: trip.jpg\n    alt: Pupils on the trip\n"
               "    people: [P0001]\n---\nA lovely day out.\n");
    site.copy_fixture("Canon_40D.jpg", "content/news/trip.jpg");
    site.write("content/news/lake.md",
               "---\ntitle: The lake\ndate: 2026-10-10\nphotos:\n  - src: lake.jpg\n    alt: The lake in autumn\n"
               "    people: []\n---\nThe lake in autumn.\n");
    site.copy_fixture("Nikon_D70.jpg", "content/news/lake.jpg");
}

void withdraw_consent_of_P0001(const TempSite& site) {
    std::string text = base_register;
    std::string before = "P0001,Amelia,Thornbury,,,pupil,Year 3,yes,yes,yes,yes,no,2026-09-01,2027-08-31,,,";
    std::string after = "P0001,Amelia,Thornbury,,,pupil,Year 3,yes,yes,yes,yes,no,2026-09-01,2027-08-31,2026-11-01,,";
    text.replace(text.find(before), before.size(), after);
    site.write("consent/register.csv", text);
}

// Every file below `dir` with its bytes, the publish manifest left out.
std::map<std::string, std::string> tree(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::string path = entry.path().lexically_relative(dir).generic_string();
        if (path == manifest) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        files[path] = std::string(std::istreambuf_iterator<char>(in), {});
    }
    return files;
}

// Paths and modification times: "changes nothing" means not even a file rewritten.
std::map<std::string, long long> stamps(const fs::path& dir) {
    std::map<std::string, long long> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        out[entry.path().lexically_relative(dir).generic_string()] =
            fs::last_write_time(entry.path()).time_since_epoch().count();
    return out;
}

Run schoolgate_in(const TempSite& site, std::vector<std::string> args) {
    std::vector<std::string> all{schoolgate(), "--source", site.root().string()};
    all.insert(all.end(), args.begin(), args.end());
    all.push_back("--date");
    all.push_back(test_date);
    return run(all);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// An HTTP server that still serves one URL path with 200 (a CDN's stale copy) and 404s the rest.
class StaleCdn {
public:
    explicit StaleCdn(std::string stale) {
        server_.Get(".*", [stale](const httplib::Request& request, httplib::Response& response) {
            if (request.path == stale) response.set_content("cached copy", "text/html");
            else response.status = 404;
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~StaleCdn() {
        server_.stop();
        thread_.join();
    }
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
};

// The cases that apply to every kind of target, in the order a school meets them.
void publish_through_a_school_year(const std::string& target, const fs::path& web_root, const std::string& extra) {
    TempSite site;
    write_content(site);
    StaleCdn cdn("/news/trip/");
    site.write("schoolgate.yml", config(target, extra, cdn.base_url()));

    INFO("before any build: no record");
    Run refused = schoolgate_in(site, {"publish"});
    CHECK(refused.status == 2);
    CHECK(contains(refused.err, "no build record"));

    REQUIRE(schoolgate_in(site, {"build"}).status == 0);
    auto before_first = stamps(web_root);

    INFO("--dry-run: the lists, and nothing changed on the server");
    Run dry = schoolgate_in(site, {"publish", "--dry-run"});
    CHECK_MESSAGE(dry.status == 0, dry.err);
    CHECK(contains(dry.out, "dry run: nothing was changed on the server"));
    CHECK(contains(dry.out, "news/trip/index.html"));
    CHECK(stamps(web_root) == before_first);

    INFO("first publish: the server holds exactly site/");
    Run first = schoolgate_in(site, {"publish"});
    REQUIRE_MESSAGE(first.status == 0, first.err);
    CHECK(tree(web_root) == tree(site.site()));
    CHECK(fs::exists(web_root / manifest));
    CHECK(contains(first.out, "the server holds exactly the site"));

    INFO("again: nothing to send");
    Run again = schoolgate_in(site, {"publish"});
    CHECK_MESSAGE(again.status == 0, again.err);
    CHECK(contains(again.out, "uploaded 0 files"));

    INFO("a hand-made upload on the server is reported and kept");
    fs::create_directories(web_root / "old-site");
    std::ofstream(web_root / "old-site" / "photo.jpg") << "an old hand-made upload";

    INFO("consent withdrawn: the last build is stale, and publish refuses it");
    std::map<std::string, std::string> online = tree(web_root);
    withdraw_consent_of_P0001(site);
    Run stale = schoolgate_in(site, {"publish"});
    CHECK(stale.status == 1);
    CHECK(contains(stale.err, "is stale"));
    CHECK(contains(stale.err, "news/trip/index.html"));
    CHECK(tree(web_root) == online);

    INFO("rebuilt: the child's page and photos leave site/, then the server, and their URLs are listed");
    CHECK(schoolgate_in(site, {"build"}).status == 1);  // the trip is withheld
    std::vector<std::string> gone;
    for (const auto& [path, bytes] : online)
        if (!fs::exists(site.site() / path) && !path.starts_with("old-site/")) gone.push_back(path);
    REQUIRE(std::find(gone.begin(), gone.end(), "news/trip/index.html") != gone.end());
    REQUIRE(std::count_if(gone.begin(), gone.end(), [](const std::string& p) { return p.starts_with("media/"); }) >= 2);

    Run dry_removal = schoolgate_in(site, {"publish", "--dry-run"});
    CHECK(dry_removal.status == 0);
    CHECK(contains(dry_removal.out, cdn.base_url() + "news/trip/"));
    CHECK(tree(web_root) == online);

    Run withdrawn = schoolgate_in(site, {"publish"});
    CHECK_MESSAGE(withdrawn.status == 0, withdrawn.err);
    std::map<std::string, std::string> expected = tree(site.site());
    expected["old-site/photo.jpg"] = "an old hand-made upload";
    CHECK(tree(web_root) == expected);
    for (const auto& path : gone) {
        CHECK_FALSE(fs::exists(web_root / path));
        std::string url = cdn.base_url() + (path == "news/trip/index.html" ? "news/trip/" : path);
        CHECK_MESSAGE(contains(withdrawn.out, url), url);
    }
    CHECK(contains(withdrawn.out, "ask search engines to drop these URLs"));
    CHECK(contains(withdrawn.out, "NOTE: 1 file(s) on the server were not put there by schoolgate"));
    CHECK(contains(withdrawn.out, "old-site/photo.jpg"));
    // The stand-in CDN still serves the trip page: said loudly.
    CHECK(contains(withdrawn.out, "WARNING: 1 removed URL(s) still answer 200"));
    CHECK(contains(withdrawn.out, "  " + cdn.base_url() + "news/trip/\n"));

    INFO("a page edited by hand in site/ is refused, by name");
    online = tree(web_root);
    {
        std::ofstream edit(site.site() / "news" / "lake" / "index.html", std::ios::app);
        edit << "<!-- edited -->";
    }
    std::ofstream(site.site() / "extra.html") << "added by hand";
    Run edited = schoolgate_in(site, {"publish"});
    CHECK(edited.status == 1);
    CHECK(contains(edited.err, "news/lake/index.html: changed since the last build wrote it"));
    CHECK(contains(edited.err, "extra.html: not written by the last build"));
    CHECK(tree(web_root) == online);
    fs::remove(site.site() / "extra.html");

    INFO("--build writes site/ again, and --delete-unknown removes the hand-made upload");
    Run rebuilt = schoolgate_in(site, {"publish", "--build", "--delete-unknown"});
    CHECK(rebuilt.status == 1);  // the build still withholds the trip
    CHECK(tree(web_root) == tree(site.site()));
    CHECK_FALSE(fs::exists(web_root / "old-site"));
    CHECK(contains(rebuilt.out, cdn.base_url() + "old-site/photo.jpg"));

    INFO("content edited without a build: stale");
    site.write("content/news/lake.md",
               "---\ntitle: The lake\ndate: 2026-10-10\nphotos:\n  - src: lake.jpg\n    alt: The lake in autumn\n"
               "    people: []\n---\nThe lake in winter.\n");
    Run edited_content = schoolgate_in(site, {"publish"});
    CHECK(edited_content.status == 1);
    CHECK(contains(edited_content.err, "news/lake/index.html: a build now would change this page"));
}

// Runs the binary without waiting for it.
struct Background {
    pid_t pid = -1;
    explicit Background(const std::vector<std::string>& args) {
        std::vector<char*> argv;
        for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
        posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
    }
    int wait() {
        int status = 0;
        waitpid(pid, &status, 0);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
};

}  // namespace

TEST_SUITE("publish") {

TEST_CASE("sftp, shared hosting (SFTP only, chrooted): a school year of publishing") {
    SshServer server(true);
    publish_through_a_school_year(server.target(), server.web_root(),
                                  "  key: " + server.user_key().string() + "\n  known_hosts: " + server.known_hosts().string() + "\n");
}

TEST_CASE("file://: the same cases on a local folder") {
    TempSite web;  // only for its temporary folder
    fs::path root = web.root() / "www";
    fs::create_directories(root);
    publish_through_a_school_year("file://" + root.string(), root, "");
}

TEST_CASE("sftp: an unknown host key stops with its fingerprint until it is accepted") {
    SshServer server(false);
    TempSite site;
    fs::path known_hosts = site.root().parent_path() / (site.root().filename().string() + "-known_hosts");
    site.write("schoolgate.yml", config(server.target(), "  key: " + server.user_key().string() +
                                                             "\n  known_hosts: " + known_hosts.string() + "\n",
                                        "https://www.brookfield-test.example/"));
    REQUIRE(schoolgate_in(site, {"build"}).status == 0);

    Run unknown = schoolgate_in(site, {"publish"});
    CHECK(unknown.status == 2);
    CHECK(contains(unknown.err, "is not in " + known_hosts.string()));
    CHECK(contains(unknown.err, server.fingerprint()));
    CHECK(contains(unknown.err, "--accept-host-key " + server.fingerprint()));
    CHECK(fs::is_empty(server.web_root()));
    CHECK_FALSE(fs::exists(known_hosts));

    Run wrong = schoolgate_in(site, {"publish", "--accept-host-key", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"});
    CHECK(wrong.status == 2);
    CHECK(contains(wrong.err, "not the SHA256:AAAA"));
    CHECK(fs::is_empty(server.web_root()));

    Run accepted = schoolgate_in(site, {"publish", "--accept-host-key", server.fingerprint()});
    CHECK_MESSAGE(accepted.status == 0, accepted.err);
    CHECK(tree(server.web_root()) == tree(site.site()));
    CHECK(fs::file_size(known_hosts) > 0);
    Run known = schoolgate_in(site, {"publish"});
    CHECK_MESSAGE(known.status == 0, known.err);

    INFO("a changed host key (another server on the same address) is refused");
    std::ofstream(known_hosts) << "[127.0.0.1]:" << server.port()
                               << " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n";
    Run changed = schoolgate_in(site, {"publish"});
    CHECK(changed.status == 2);
    CHECK(contains(changed.err, "is not the one"));
    CHECK(contains(changed.err, server.fingerprint()));
}

TEST_CASE("sftp: a wrong key or password fails with a clear message and touches nothing") {
    SshServer server(true);
    TempSite site;
    std::string known = "\n  known_hosts: " + server.known_hosts().string() + "\n";
    site.write("schoolgate.yml", config(server.target(), "  key: " + server.stranger_key().string() + known,
                                        "https://www.brookfield-test.example/"));
    REQUIRE(schoolgate_in(site, {"build"}).status == 0);
    Run wrong_key = schoolgate_in(site, {"publish"});
    CHECK(wrong_key.status == 2);
    CHECK(contains(wrong_key.err, "cannot log in to 127.0.0.1 as root: the server refused the key file " +
                                      server.stranger_key().string()));
    CHECK(fs::is_empty(server.web_root()));

    // root's password is locked on this machine (CI's and a developer's): every password is wrong.
    site.write("schoolgate.yml", config(server.target(), "  known_hosts: " + server.known_hosts().string() + "\n",
                                        "https://www.brookfield-test.example/"));
    Run wrong_password = shell(site.root(), "env -u SSH_AUTH_SOCK SCHOOLGATE_PUBLISH_PASSWORD=not-the-password " +
                                                schoolgate_command() + " publish --date " + test_date);
    CHECK(wrong_password.status == 2);
    CHECK(contains(wrong_password.err, "the server refused the password in SCHOOLGATE_PUBLISH_PASSWORD"));
    CHECK_FALSE(contains(wrong_password.err + wrong_password.out, "not-the-password"));
    CHECK(fs::is_empty(server.web_root()));

    INFO("a key inside the repository, or a password in schoolgate.yml, is refused before connecting");
    fs::copy_file(server.user_key(), site.root() / "deploy_key");
    site.write("schoolgate.yml", config(server.target(), "  key: deploy_key" + known, "https://www.brookfield-test.example/"));
    Run inside = schoolgate_in(site, {"publish"});
    CHECK(inside.status == 2);
    CHECK(contains(inside.err, "is inside the site's folder"));
    site.write("schoolgate.yml", config(server.target(), "  password: hunter2" + known, "https://www.brookfield-test.example/"));
    Run in_file = schoolgate_in(site, {"publish"});
    CHECK(in_file.status == 2);
    CHECK(contains(in_file.err, "must never be kept in schoolgate.yml"));
    CHECK(fs::is_empty(server.web_root()));
}

TEST_CASE("sftp: the server killed mid-publish, then a rerun completes and the server matches site/") {
    SshServer server(true);
    TempSite site;
    write_content(site);
    // Large assets, so that the transfer is surely under way when the server dies.
    std::mt19937_64 random(42);
    for (int i = 0; i < 6; ++i) {
        std::string bytes(6 * 1024 * 1024, '\0');
        for (auto& c : bytes) c = static_cast<char>(random());
        site.write("themes/default/assets/big-" + std::to_string(i) + ".bin", bytes);
    }
    site.write("schoolgate.yml", config(server.target(), "  key: " + server.user_key().string() + "\n  known_hosts: " +
                                                             server.known_hosts().string() + "\n",
                                        "https://www.brookfield-test.example/"));
    REQUIRE(schoolgate_in(site, {"build"}).status == 0);

    Background publishing({schoolgate(), "--source", site.root().string(), "publish", "--date", test_date});
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    fs::path second = server.web_root() / "assets" / "big-1.bin";
    while (!fs::exists(second) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    REQUIRE(fs::exists(second));  // two assets are in place; the others are not yet
    server.kill_now();
    int status = publishing.wait();
    CHECK(status == 3);
    CHECK(tree(server.web_root()) != tree(site.site()));

    server.start();
    Run rerun = schoolgate_in(site, {"publish"});
    CHECK_MESSAGE(rerun.status == 0, rerun.err);
    CHECK(tree(server.web_root()) == tree(site.site()));
    for (const auto& entry : fs::recursive_directory_iterator(server.web_root()))
        CHECK_FALSE(contains(entry.path().filename().string(), ".schoolgate-tmp-"));
}

}  // TEST_SUITE
