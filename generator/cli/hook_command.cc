// `schoolgate hook install|uninstall`: git hooks that block an unsafe commit or push.
//
// pre-commit runs `schoolgate check --staged` (what the commit would record); pre-push runs
// `schoolgate check --commit SHA` for every ref being pushed (what the push would publish). Both
// are installed unless --no-pre-push. They call schoolgate by the absolute path of the binary
// that installed them, falling back to `schoolgate` on PATH, and fail closed when neither exists.
// The hooks folder is git's own answer (`git rev-parse --git-path hooks`), so core.hooksPath is
// respected. A hook schoolgate did not write (no marker line) is never replaced without --force
// (it is then kept beside as NAME.before-schoolgate, and restored by uninstall), and never removed.
#include <sys/stat.h>

#include <iostream>
#include <optional>

#include "cli/command.h"
#include "cli/git.h"
#include "cli/hooks.h"
#include "util/error.h"
#include "util/fs.h"

namespace sg::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view marker = "# schoolgate-hook: written by `schoolgate hook install`";
constexpr const char* backup_suffix = ".before-schoolgate";

struct Repository {
    fs::path hooks;    // the hooks folder
    std::string site;  // the site folder relative to the top level, "." when it is the top level
};

// A word for sh, single-quoted: nothing in it is expanded.
std::string quoted(const std::string& word) {
    std::string result = "'";
    for (char c : word) result += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return result + "'";
}

std::optional<Repository> find_repository(const fs::path& source) {
    git::Output top = git::run(source, {"rev-parse", "--show-toplevel"});
    if (top.status != 0 || git::first_line(top.out).empty()) return std::nullopt;
    git::Output prefix = git::run(source, {"rev-parse", "--show-prefix"});
    git::Output hooks = git::run(source, {"rev-parse", "--git-path", "hooks"});
    if (prefix.status != 0 || hooks.status != 0) return std::nullopt;
    Repository repository;
    fs::path hooks_path = git::first_line(hooks.out);
    repository.hooks = (hooks_path.is_absolute() ? hooks_path : fs::absolute(source) / hooks_path).lexically_normal();
    std::string site = git::first_line(prefix.out);
    if (!site.empty() && site.back() == '/') site.pop_back();
    repository.site = site.empty() ? "." : site;
    return repository;
}

std::string script(const std::string& name, const Repository& repository) {
    std::error_code error;
    fs::path self = fs::read_symlink("/proc/self/exe", error);
    std::string text = "#!/bin/sh\n" + std::string(marker) +
                       "; `schoolgate hook uninstall` removes it.\n"
                       "schoolgate=" + quoted(error ? std::string("schoolgate") : self.string()) + "\n"
                       "site=" + quoted(repository.site) + "  # relative to the repository's top level\n"
                       "if [ ! -x \"$schoolgate\" ]; then\n"
                       "  schoolgate=$(command -v schoolgate) || {\n"
                       "    echo \"schoolgate hook: schoolgate is not installed; " + name + " blocked\" >&2\n"
                       "    exit 1\n"
                       "  }\n"
                       "fi\n";
    if (name == "pre-commit") {
        text += "# Blocks the commit when what is staged breaks a rule.\n"
                "exec \"$schoolgate\" --source \"$site\" check --staged\n";
    } else {
        text += "# Blocks the push when a commit it would publish breaks a rule.\n"
                "status=0\n"
                "while read -r local_ref local_sha remote_ref remote_sha; do\n"
                "  case \"$local_sha\" in *[!0]*) ;; *) continue ;; esac  # a deletion publishes nothing\n"
                "  echo \"schoolgate: checking $local_ref\" >&2\n"
                "  \"$schoolgate\" --source \"$site\" check --commit \"$local_sha\" </dev/null || status=1\n"
                "done\n"
                "exit $status\n";
    }
    return text;
}

bool written_by_us(const fs::path& hook) {
    try {
        return util::read_file(hook).find(marker) != std::string::npos;
    } catch (const std::exception&) {
        return false;
    }
}

bool present(const fs::path& path) { return fs::symlink_status(path).type() != fs::file_type::not_found; }

int install(const Repository& repository, bool pre_push, bool force) {
    std::vector<std::string> names = {"pre-commit"};
    if (pre_push) names.push_back("pre-push");
    // Decide for every hook before writing any: a refusal installs nothing.
    bool refused = false;
    for (const auto& name : names) {
        fs::path hook = repository.hooks / name;
        if (present(hook) && !written_by_us(hook) && !force) {
            std::cerr << "schoolgate: " << hook.string()
                      << " exists and was not written by schoolgate; not replaced (--force replaces it, keeping it as "
                      << name << backup_suffix << ")\n";
            refused = true;
        }
    }
    if (refused) {
        std::cerr << "schoolgate: no hook installed\n";
        return 2;
    }
    fs::create_directories(repository.hooks);
    for (const auto& name : names) {
        fs::path hook = repository.hooks / name;
        if (present(hook) && !written_by_us(hook)) {
            fs::path backup = hook;
            backup += backup_suffix;
            fs::rename(hook, backup);
            std::cout << "kept the previous " << name << " hook as " << backup.string() << '\n';
        }
        util::write_file_atomic(hook, script(name, repository));
        if (chmod(hook.c_str(), 0755) != 0) throw util::Error(hook, "cannot make the hook executable");
        std::cout << "installed " << hook.string() << " ("
                  << (name == "pre-commit" ? "check --staged" : "check --commit for every pushed ref") << ")\n";
    }
    return 0;
}

int uninstall(const Repository& repository) {
    int removed = 0;
    for (const char* name : {"pre-commit", "pre-push"}) {
        fs::path hook = repository.hooks / name;
        if (!present(hook)) continue;
        if (!written_by_us(hook)) {
            std::cout << "left " << hook.string() << " alone: schoolgate did not write it\n";
            continue;
        }
        fs::remove(hook);
        ++removed;
        std::cout << "removed " << hook.string() << '\n';
        fs::path backup = hook;
        backup += backup_suffix;
        if (present(backup)) {
            fs::rename(backup, hook);
            std::cout << "restored the previous " << name << " hook\n";
        }
    }
    if (removed == 0) std::cout << "no schoolgate hook was installed\n";
    return 0;
}

}  // namespace

int install_hooks(const fs::path& site) {
    std::optional<Repository> repository = find_repository(site);
    if (!repository) throw util::Error(site, "not inside a git work tree");
    return install(*repository, true, false);
}

Run add_hook_command(CLI::App& app, const Globals& globals) {
    auto* command = app.add_subcommand("hook", "git hooks that block unsafe commits and pushes");
    command->require_subcommand(1);
    auto* install_command = command->add_subcommand("install", "install the pre-commit and pre-push hooks");
    auto no_pre_push = std::make_shared<bool>(false);
    auto force = std::make_shared<bool>(false);
    install_command->add_flag("--no-pre-push", *no_pre_push, "install only the pre-commit hook");
    install_command->add_flag("--force", *force, "replace hooks schoolgate did not write (they are kept aside)");
    command->add_subcommand("uninstall", "remove the hooks schoolgate wrote");
    return [&globals, install_command, no_pre_push, force] {
        std::optional<Repository> repository = find_repository(globals.source);
        if (!repository) {
            std::cerr << "schoolgate: hooks need a git repository: "
                      << git::shown(globals.source) << " is not inside a git work tree\n";
            return 2;
        }
        if (install_command->parsed()) {
            // A hook pointed at a folder that is not a site would block every commit.
            if (!fs::exists(globals.source / "schoolgate.yml")) {
                std::cerr << "schoolgate: no schoolgate.yml in " << git::shown(globals.source)
                          << "; run hook install in the site's folder, or name it with --source DIR\n";
                return 2;
            }
            return install(*repository, !*no_pre_push, *force);
        }
        return uninstall(*repository);
    };
}

}  // namespace sg::cli
