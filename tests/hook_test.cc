// `schoolgate hook` in real git repositories: a commit or push that would publish something unsafe
// is blocked with the diagnostic; a safe one goes through; other people's hooks are left alone.
#include <doctest/doctest.h>

#include <filesystem>

#include "process.h"
#include "temp_site.h"

namespace fs = std::filesystem;
using sg::testing::Run;
using sg::testing::shell;
using sg::testing::schoolgate_command;
using sg::testing::sh_quote;
using sg::testing::TempSite;

namespace {

const char* const named_in_full =  // line 5, column 14: P0001's full name
    "---\ntitle: Trip\ndate: 2026-10-01\n---\nWell done to Amelia Thornbury for her reading award.\n";
const char* const first_name_only =
    "---\ntitle: Trip\ndate: 2026-10-01\n---\nWell done to Amelia for her reading award.\n";
const char* const full_name_error =
    "content/news/trip.md:5:14: error: a pupil's full name (P0001 A.T.) appears in the page [name.full-name]\n";

// What a hook printed: git passes a hook's stdout on to its own stderr.
std::string both(const Run& ran) { return ran.out + ran.err; }

// A TempSite committed to a fresh git repository, at its top level or in a subfolder.
class GitSite {
public:
    explicit GitSite(const std::string& folder = {}) : folder_(folder.empty() ? "" : folder + "/") {
        if (!folder.empty()) {
            fs::create_directories(top() / folder);
            for (const auto& entry : fs::directory_iterator(top()))
                if (entry.path().filename() != folder) fs::rename(entry.path(), top() / folder / entry.path().filename());
        }
        Run init = git("init -q -b main && git config user.name Test && git config user.email test@example.invalid"
                       " && git add -A && git commit -q -m base");
        REQUIRE(init.status == 0);
    }
    const fs::path& top() const { return temp_.root(); }
    fs::path site() const { return top() / folder_; }
    void write(const std::string& relative, std::string_view text) const { temp_.write(folder_ + relative, text); }
    std::string read(const std::string& relative) const { return temp_.read(relative); }
    void copy_fixture(const std::string& name, const std::string& relative) const {
        temp_.copy_fixture(name, folder_ + relative);
    }
    // `git ARGS` (and whatever follows in the same shell line) at the top level.
    Run git(const std::string& args) const { return shell(top(), "git " + args); }
    Run sh(const std::string& command) const { return shell(top(), command); }
    int commits() const { return std::stoi(git("rev-list --count HEAD").out); }

private:
    TempSite temp_;
    std::string folder_;
};

std::string hooks_install(const GitSite& repo, const std::string& options = {}) {
    Run ran = shell(repo.site(), schoolgate_command() + " hook install " + options);
    INFO(ran.err);
    CHECK(ran.status == 0);
    return ran.out;
}

}  // namespace

TEST_SUITE("e2e::hook") {

TEST_CASE("the pre-commit hook blocks a page naming a pupil in full, the fixed page commits") {
    GitSite repo;
    std::string installed = hooks_install(repo);
    CHECK(installed.find("installed " + (repo.top() / ".git/hooks/pre-commit").string()) != std::string::npos);
    CHECK(installed.find("installed " + (repo.top() / ".git/hooks/pre-push").string()) != std::string::npos);
    auto permissions = fs::status(repo.top() / ".git/hooks/pre-commit").permissions();
    CHECK((permissions & fs::perms::owner_exec) != fs::perms::none);

    repo.write("content/news/trip.md", named_in_full);
    Run blocked = repo.git("add -A && git commit -q -m trip");
    CHECK(blocked.status != 0);
    CHECK(blocked.err.find(full_name_error) != std::string::npos);
    CHECK(both(blocked).find("checked 2 pages and 0 images in the git index; 1 withheld; 1 errors") != std::string::npos);
    CHECK(repo.commits() == 1);

    repo.write("content/news/trip.md", first_name_only);
    Run committed = repo.git("add -A && git commit -q -m trip");
    INFO(committed.err);
    CHECK(committed.status == 0);
    CHECK(both(committed).find("checked 2 pages and 0 images in the git index; 0 withheld; 0 errors") != std::string::npos);
    CHECK(repo.commits() == 2);
}

TEST_CASE("what is staged is checked, not the working tree (site in a subfolder)") {
    GitSite repo("web");
    hooks_install(repo, "--no-pre-push");
    CHECK(fs::exists(repo.top() / ".git/hooks/pre-commit"));
    CHECK(!fs::exists(repo.top() / ".git/hooks/pre-push"));

    // Staged with the full name, fixed only in the working tree: the commit would record the
    // violation, so it is blocked.
    repo.write("content/news/trip.md", named_in_full);
    REQUIRE(repo.git("add web/content/news/trip.md").status == 0);
    repo.write("content/news/trip.md", first_name_only);
    Run blocked = repo.git("commit -q -m trip");
    CHECK(blocked.status != 0);
    CHECK(blocked.err.find(full_name_error) != std::string::npos);
    CHECK(blocked.err.find("Well done to Amelia Thornbury") != std::string::npos);  // the staged line is quoted
    CHECK(repo.commits() == 1);
    CHECK(shell(repo.site(), schoolgate_command() + " check").status == 0);
    CHECK(shell(repo.site(), schoolgate_command() + " check --staged").status == 1);

    REQUIRE(repo.git("add -A").status == 0);
    CHECK(repo.git("commit -q -m trip").status == 0);
    CHECK(repo.commits() == 2);

    // A violation only in the working tree is not part of the commit: it goes through...
    repo.write("content/news/trip.md", named_in_full);
    repo.write("content/news/fair.md", "---\ntitle: Fair\ndate: 2026-10-02\n---\nThe fair raised a lot of money.\n");
    REQUIRE(repo.git("add web/content/news/fair.md").status == 0);
    Run committed = repo.git("commit -q -m fair");
    INFO(committed.err);
    CHECK(committed.status == 0);
    CHECK(both(committed).find("checked 3 pages and 0 images in the git index; 0 withheld") != std::string::npos);
    CHECK(repo.commits() == 3);
    // ...until it is committed with -a, which stages it in a temporary index of git's own.
    Run all = repo.git("commit -q -a -m trip");
    CHECK(all.status != 0);
    CHECK(all.err.find(full_name_error) != std::string::npos);
    CHECK(repo.commits() == 3);
}

TEST_CASE("check --staged judges a photo as staged, whether the work tree still holds it or changed it since") {
    GitSite repo("web");
    repo.write("content/news/film.md", "---\ntitle: Film club\ndate: 2026-10-14\nphotos:\n  - src: poster.jpg\n"
                                       "    alt: The film club's poster\n    people: []\n---\nOur film this term.\n");
    repo.copy_fixture("xmp_no_exif.jpg", "content/news/poster.jpg");  // a face
    REQUIRE(repo.git("add -A").status == 0);
    std::string check_staged = schoolgate_command() + " check --staged --date " + sg::testing::test_date;
    Run staged = shell(repo.site(), check_staged);  // unchanged since staged: read where the work tree has it
    CHECK(staged.status == 1);
    CHECK(both(staged).find("photo 'poster.jpg' shows 1 face but declares 0 people [photo.undeclared-faces]") !=
          std::string::npos);

    // A faceless photo in the work tree, not staged: the commit would still hold the face.
    repo.copy_fixture("gps_DSCN0010.jpg", "content/news/poster.jpg");
    CHECK(shell(repo.site(), check_staged).status == 1);
    CHECK(shell(repo.site(), schoolgate_command() + " check --date " + sg::testing::test_date).status == 0);
    REQUIRE(repo.git("add -A").status == 0);
    Run fixed = shell(repo.site(), check_staged);
    CHECK(fixed.status == 0);
    CHECK(fixed.out == "checked 2 pages and 1 images in the git index; 0 withheld; 0 errors, 0 warnings\n");

    // The face staged again, then the work tree's copy swapped back: the index's face is judged.
    repo.copy_fixture("xmp_no_exif.jpg", "content/news/poster.jpg");
    REQUIRE(repo.git("add -A").status == 0);
    repo.copy_fixture("gps_DSCN0010.jpg", "content/news/poster.jpg");
    CHECK(shell(repo.site(), check_staged).status == 1);
}

TEST_CASE("hook install refuses a folder that is not a site") {
    GitSite repo("web");
    Run ran = shell(repo.top(), schoolgate_command() + " hook install");
    CHECK(ran.status == 2);
    CHECK(ran.err.find("no schoolgate.yml in " + repo.top().string() + "; run hook install in the site's folder") !=
          std::string::npos);
    CHECK(!fs::exists(repo.top() / ".git/hooks/pre-commit"));
    Run installed = shell(repo.top(), schoolgate_command() + " --source web hook install");
    CHECK(installed.status == 0);
    CHECK(repo.read(".git/hooks/pre-commit").find("site='web'") != std::string::npos);
}

TEST_CASE("the pre-push hook blocks a push of a commit that breaks a rule") {
    GitSite repo;
    TempSite remote;  // only its folder is used, as a bare repository
    REQUIRE(shell(remote.root(), "rm -rf ./* && git init -q --bare -b main").status == 0);
    REQUIRE(repo.git("remote add origin " + sh_quote(remote.root().string())).status == 0);
    hooks_install(repo);

    repo.write("content/news/trip.md", named_in_full);
    REQUIRE(repo.git("add -A && git commit -q --no-verify -m trip").status == 0);  // past pre-commit
    Run blocked = repo.git("push -q origin main");
    CHECK(blocked.status != 0);
    CHECK(blocked.err.find(full_name_error) != std::string::npos);
    CHECK(both(blocked).find("in commit ") != std::string::npos);
    CHECK(shell(remote.root(), "git rev-parse --verify -q refs/heads/main").status != 0);
    Run not_a_commit = shell(repo.site(), schoolgate_command() + " check --commit no-such-branch");
    CHECK(not_a_commit.status == 2);
    CHECK(not_a_commit.err.find("schoolgate: check --commit: 'no-such-branch' is not a commit") != std::string::npos);

    repo.write("content/news/trip.md", first_name_only);
    REQUIRE(repo.git("add -A && git commit -q -m fix").status == 0);
    Run pushed = repo.git("push -q origin main");
    INFO(pushed.err);
    CHECK(pushed.status == 0);
    CHECK(shell(remote.root(), "git rev-parse refs/heads/main").out == repo.git("rev-parse HEAD").out);
}

TEST_CASE("a hook schoolgate did not write is not replaced without --force, and never removed") {
    GitSite repo;
    fs::path pre_commit = repo.top() / ".git/hooks/pre-commit";
    const std::string theirs = "#!/bin/sh\necho their hook\n";
    repo.write(".git/hooks/pre-commit", theirs);  // the site is the top level

    Run refused = shell(repo.site(), schoolgate_command() + " hook install");
    CHECK(refused.status == 2);
    CHECK(refused.err.find(pre_commit.string() + " exists and was not written by schoolgate; not replaced") !=
          std::string::npos);
    CHECK(refused.err.find("no hook installed") != std::string::npos);
    CHECK(repo.read(".git/hooks/pre-commit") == theirs);
    CHECK(!fs::exists(repo.top() / ".git/hooks/pre-push"));  // a refusal installs nothing

    std::string forced = hooks_install(repo, "--force");
    CHECK(forced.find("kept the previous pre-commit hook as " + pre_commit.string() + ".before-schoolgate") !=
          std::string::npos);
    CHECK(repo.read(".git/hooks/pre-commit.before-schoolgate") == theirs);
    CHECK(repo.read(".git/hooks/pre-commit").find("check --staged") != std::string::npos);
    hooks_install(repo);  // its own hooks are simply rewritten

    Run removed = shell(repo.site(), schoolgate_command() + " hook uninstall");
    CHECK(removed.status == 0);
    CHECK(removed.out.find("removed " + pre_commit.string()) != std::string::npos);
    CHECK(removed.out.find("restored the previous pre-commit hook") != std::string::npos);
    CHECK(repo.read(".git/hooks/pre-commit") == theirs);
    CHECK(!fs::exists(repo.top() / ".git/hooks/pre-push"));

    Run again = shell(repo.site(), schoolgate_command() + " hook uninstall");
    CHECK(again.status == 0);
    CHECK(again.out.find("left " + pre_commit.string() + " alone: schoolgate did not write it") != std::string::npos);
    CHECK(repo.read(".git/hooks/pre-commit") == theirs);
}

TEST_CASE("core.hooksPath is respected, without a schoolgate binary the hook fails closed") {
    GitSite repo;
    REQUIRE(repo.git("config core.hooksPath .githooks").status == 0);
    hooks_install(repo);
    fs::path hook = repo.top() / ".githooks/pre-commit";
    REQUIRE(fs::exists(hook));
    CHECK(!fs::exists(repo.top() / ".git/hooks/pre-commit"));

    repo.write("content/news/trip.md", named_in_full);
    Run blocked = repo.git("add content && git commit -q -m trip");
    CHECK(blocked.status != 0);
    CHECK(blocked.err.find(full_name_error) != std::string::npos);

    // The binary it recorded has gone: schoolgate on PATH is used, and with none the commit is blocked.
    std::string script = repo.read(".githooks/pre-commit");
    std::string recorded = "schoolgate=" + sh_quote(SG_BINARY);
    REQUIRE(script.find(recorded) != std::string::npos);
    script.replace(script.find(recorded), recorded.size(), "schoolgate='/nonexistent/schoolgate'");
    repo.write(".githooks/pre-commit", script);
    std::string path_with = "PATH=" + sh_quote(fs::path(SG_BINARY).parent_path().string()) + ":/usr/bin:/bin ";
    blocked = repo.sh(path_with + "git commit -q -m trip");
    CHECK(blocked.status != 0);
    CHECK(blocked.err.find(full_name_error) != std::string::npos);
    blocked = repo.sh("PATH=/usr/bin:/bin git commit -q -m trip");
    CHECK(blocked.status != 0);
    CHECK(blocked.err.find("schoolgate hook: schoolgate is not installed; pre-commit blocked") != std::string::npos);
    CHECK(repo.commits() == 1);
}

TEST_CASE("outside a git repository, hook install is a usage error") {
    TempSite site;
    Run ran = shell(site.root(), "GIT_CEILING_DIRECTORIES=" + sh_quote(site.root().parent_path().string()) + " " +
                                      schoolgate_command() + " hook install");
    CHECK(ran.status == 2);
    CHECK(ran.err.find("hooks need a git repository") != std::string::npos);
}

TEST_CASE("the pre-commit framework runs schoolgate from .pre-commit-hooks.yaml") {
    if (shell(".", "command -v pre-commit").status != 0) {
        MESSAGE("skipped: the pre-commit framework is not installed (apt-get install pre-commit)");
        return;
    }
    // A repository publishing the hook definition, as schoolgate's own repository does.
    TempSite hooks;
    REQUIRE(shell(hooks.root(), "rm -rf ./* && cp " + sh_quote(std::string(SG_SOURCE_DIR) + "/.pre-commit-hooks.yaml") +
                                     " . && git init -q -b main && git add -A && "
                                     "git -c user.name=T -c user.email=t@example.invalid commit -q -m hooks")
                .status == 0);
    std::string rev = shell(hooks.root(), "git rev-parse HEAD").out;
    rev.erase(rev.find_last_not_of('\n') + 1);

    GitSite repo;
    repo.write(".pre-commit-config.yaml", "repos:\n  - repo: " + hooks.root().string() + "\n    rev: " + rev +
                                              "\n    hooks:\n      - id: schoolgate\n");
    std::string environment = "export PRE_COMMIT_HOME=" + sh_quote((hooks.root() / "cache").string()) +
                              " PATH=" + sh_quote(fs::path(SG_BINARY).parent_path().string()) + ":$PATH && ";
    REQUIRE(repo.git("add .pre-commit-config.yaml && git commit -q -m config").status == 0);
    Run install = repo.sh(environment + "pre-commit install");
    INFO(install.out << install.err);
    REQUIRE(install.status == 0);

    repo.write("content/news/trip.md", named_in_full);
    Run blocked = repo.sh(environment + "git add -A && git commit -q -m trip");
    CHECK(blocked.status != 0);
    CHECK((blocked.out + blocked.err).find(full_name_error) != std::string::npos);
    CHECK(repo.commits() == 2);

    repo.write("content/news/trip.md", first_name_only);
    Run committed = repo.sh(environment + "git add -A && git commit -q -m trip");
    INFO(committed.out << committed.err);
    CHECK(committed.status == 0);
    CHECK(repo.commits() == 3);
}

}  // TEST_SUITE
