// `schoolgate publish`: puts the last build's site/ on the live server so that the server holds
// exactly what site/ holds, and proves it. Before connecting: every file of site/ is checked
// against the build record, and a build now must publish the same site (or --build runs one).
// Then deploy::make_plan and deploy::execute do the transfer; see deploy/sync.h for the order.
#include <httplib.h>
#include <termios.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "cli/command.h"
#include "cli/print_result.h"
#include "config/config.h"
#include "deploy/file_target.h"
#include "deploy/sftp_target.h"
#include "deploy/sync.h"
#include "deploy/target_url.h"
#include "diag/printer.h"
#include "output/build_lock.h"
#include "output/build_record.h"
#include "output/state_paths.h"
#include "review/freshness.h"
#include "util/error.h"
#include "util/fs.h"

namespace sg::cli {

namespace {

namespace fs = std::filesystem;

struct Args {
    std::string to, date, accept_host_key;
    bool dry_run = false, build = false, delete_unknown = false, require_approval = false;
    int jobs = 0;
};

// Exit statuses (README): 0 the server holds the site; 1 refused (site/ is not what the last build
// wrote, a build now would publish something else, or the server holds something in the way) or
// pages withheld by --build; 2 configuration: no target, a bad URL or key path, an unknown or
// changed host key, a failed login, no build record; 3 the transfer broke off.
constexpr int refused = 1, usage = 2, failed = 3;

int say(const deploy::Error& error) {
    std::cerr << "schoolgate: " << (error.kind() == deploy::Error::Kind::failed ? "error" : "publish refused") << ": "
              << error.what() << '\n';
    if (!error.hint().empty()) std::cerr << "  hint: " << error.hint() << '\n';
    switch (error.kind()) {
        case deploy::Error::Kind::usage: return usage;
        case deploy::Error::Kind::refused: return refused;
        case deploy::Error::Kind::failed: return failed;
    }
    return failed;
}

fs::path expand_home(const std::string& path) {
    if (path == "~" || path.starts_with("~/")) {
        const char* home = std::getenv("HOME");
        return fs::path(home ? home : "/") / (path.size() > 2 ? path.substr(2) : "");
    }
    return path;
}

std::string bytes_words(std::uint64_t bytes) {
    char text[32];
    if (bytes >= 10 * 1024 * 1024)
        std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024 * 1024));
    else if (bytes >= 10 * 1024)
        std::snprintf(text, sizeof text, "%.1f KB", static_cast<double>(bytes) / 1024);
    else
        std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
    return text;
}

// A secret typed on the terminal, echo off; nullopt without a terminal.
std::optional<std::string> ask_secret(const std::string& prompt) {
    if (!isatty(STDIN_FILENO)) return std::nullopt;  // a script or CI: never wait for a person
    int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (tty < 0 || !isatty(tty)) {
        if (tty >= 0) ::close(tty);
        return std::nullopt;
    }
    termios before {};
    tcgetattr(tty, &before);
    termios quiet = before;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(tty, TCSAFLUSH, &quiet);
    [[maybe_unused]] ssize_t ignored = ::write(tty, prompt.data(), prompt.size());
    std::string answer;
    char c = 0;
    while (::read(tty, &c, 1) == 1 && c != '\n' && c != '\r') answer += c;
    tcsetattr(tty, TCSAFLUSH, &before);
    ignored = ::write(tty, "\n", 1);
    ::close(tty);
    return answer;
}

void list_paths(std::ostream& out, const std::vector<std::string>& paths, const std::string& base_url, bool urls,
                size_t limit = SIZE_MAX) {
    for (size_t i = 0; i < paths.size() && i < limit; ++i)
        out << "  " << (urls && !base_url.empty() ? deploy::public_url(base_url, paths[i]) : paths[i]) << '\n';
    if (paths.size() > limit) out << "  ... and " << paths.size() - limit << " more\n";
}

// Fetches each removed URL from the live site (when base_url answers) and warns about any that
// still answers 200: a cache or CDN in front of the server still serving it.
void check_removed_urls(const std::string& base_url, const std::vector<std::string>& removed) {
    if (base_url.empty() || removed.empty()) return;
    size_t scheme_end = base_url.find("://");
    if (scheme_end == std::string::npos) return;
    size_t path_start = base_url.find('/', scheme_end + 3);
    std::string origin = base_url.substr(0, path_start);
    std::string prefix = path_start == std::string::npos ? "/" : base_url.substr(path_start);
    httplib::Client client(origin);
    client.set_connection_timeout(3);
    client.set_read_timeout(5);
    client.set_follow_location(false);
    auto probe = client.Get(prefix);
    if (!probe) {
        std::cout << "(" << base_url << " did not answer: the removed URLs were not checked on the live site)\n";
        return;
    }
    std::vector<std::string> served;
    for (const auto& path : removed) {
        std::string url = deploy::public_url(base_url, path);
        auto response = client.Get(url.substr(origin.size()));
        if (response && response->status == 200) served.push_back(url);
    }
    if (served.empty()) {
        std::cout << "checked on " << base_url << ": none of the removed URLs is served any more\n";
        return;
    }
    std::cout << "\nWARNING: " << served.size() << " removed URL(s) still answer 200 on " << base_url
              << " (a cache or CDN in front of the server is still serving them):\n";
    for (const auto& url : served) std::cout << "  " << url << '\n';
    std::cout << "  hint: purge them in the cache or CDN, then ask search engines to drop them\n";
}

int publish(const Globals& globals, const Args& args) {
    fs::path root = fs::absolute(globals.source).lexically_normal();
    diag::Diagnostics diagnostics;
    config::Config config = config::load_config(root / "schoolgate.yml", "schoolgate.yml", diagnostics);
    if (diagnostics.has_errors()) {
        diag::Printer(root).print_all(std::cerr, diagnostics);
        std::cerr << "schoolgate: nothing was published\n";
        return usage;
    }
    std::string target_text = args.to.empty() ? config.publish.target : args.to;
    if (target_text.empty()) {
        std::cerr << "schoolgate: publish refused: no target\n"
                     "  hint: add `publish: { target: sftp://user@host/path }` to schoolgate.yml, or pass --to\n";
        return usage;
    }
    deploy::TargetUrl url = deploy::parse_target(target_text);
    fs::path key = config.publish.key.empty() ? fs::path() : fs::absolute(root / expand_home(config.publish.key)).lexically_normal();
    if (!key.empty() && util::is_within(key, root)) {
        std::cerr << "schoolgate: publish refused: the key file " << key.string()
                  << " is inside the site's folder, which is committed with the site\n"
                     "  hint: keep the key outside the repository (e.g. ~/.ssh/) and name that path in publish: key:\n";
        return usage;
    }
    fs::path known_hosts = config.publish.known_hosts.empty() ? expand_home("~/.ssh/known_hosts")
                                                             : fs::absolute(root / expand_home(config.publish.known_hosts));
    if (url.scheme == deploy::TargetUrl::Scheme::file &&
        (util::is_within(url.path, root) || util::is_within(root, url.path))) {
        std::cerr << "schoolgate: publish refused: the target folder " << url.path
                  << " overlaps the site's own folder\n  hint: publish to the web server's folder, outside the site\n";
        return usage;
    }

    if (args.delete_unknown && (url.path == "/" || url.path == ".")) {
        std::cerr << "schoolgate: publish refused: --delete-unknown on " << url.to_string()
                  << " would remove everything else in that whole folder\n"
                     "  hint: name the web folder itself in the target (e.g. /public_html)\n";
        return usage;
    }

    int status = 0;
    pipeline::Options options;
    options.source = globals.source;
    options.jobs = args.jobs;
    options.require_approval = args.require_approval;
    if (!args.date.empty()) options.date = util::parse_iso_date(args.date);
    options.on_lock_wait = say_waiting_for_lock;
    if (args.build) {
        pipeline::Result built = pipeline::run_build(options);
        print_result({"build", Format::text, globals.source, {}, {}}, built);
        if (built.status == pipeline::Status::usage || built.status == pipeline::Status::internal) {
            std::cerr << "schoolgate: nothing was published\n";
            return static_cast<int>(built.status);
        }
        status = static_cast<int>(built.status);
    }

    // No build swaps site/ while it is checked and sent.
    output::BuildLock lock(root, say_waiting_for_lock);
    fs::path record_path = output::state::build_record(root);
    std::error_code ec;
    if (!fs::exists(record_path, ec)) {
        std::cerr << "schoolgate: publish refused: no build record (" << record_path.string()
                  << "): nothing says what site/ should hold\n  hint: run schoolgate build first, or publish --build\n";
        return usage;
    }
    output::BuildRecord record = output::BuildRecord::from_json(util::read_file(record_path), record_path);
    if (!record.has_files) {
        std::cerr << "schoolgate: publish refused: the last build record does not list the site's files (it was "
                     "written by an older schoolgate)\n  hint: run schoolgate build once more, or publish --build\n";
        return usage;
    }
    if (args.require_approval && !record.require_approval) {
        std::cerr << "schoolgate: publish refused: --require-approval, but the last build did not require approval\n"
                     "  hint: publish --build --require-approval\n";
        return refused;
    }
    fs::path site = record.out.empty() ? root / "site" : fs::absolute(root / record.out).lexically_normal();

    deploy::SiteCheck check = deploy::read_site(site, record);
    if (!check.problems.empty()) {
        std::cerr << "schoolgate: publish refused: " << site.string() << " is not what the last build wrote:\n";
        for (const auto& problem : check.problems) std::cerr << "  " << problem << '\n';
        std::cerr << "  hint: never edit site/ by hand: change content/ and run schoolgate build (or publish --build), "
                     "which writes site/ again\n";
        return refused;
    }
    if (!args.build) {
        review::Freshness freshness = review::compare_with_build(options, record);
        if (freshness.result.status == pipeline::Status::usage) {
            diag::Printer(root).print_all(std::cerr, freshness.result.diagnostics);
            std::cerr << "schoolgate: nothing was published\n";
            return usage;
        }
        if (!freshness.differences.empty()) {
            std::cerr << "schoolgate: publish refused: the last build (judged on " << record.date
                      << ") is stale: a build now would publish a different site:\n";
            for (size_t i = 0; i < freshness.differences.size() && i < 30; ++i)
                std::cerr << "  " << freshness.differences[i] << '\n';
            if (freshness.differences.size() > 30)
                std::cerr << "  ... and " << freshness.differences.size() - 30 << " more\n";
            std::cerr << "  hint: publish --build builds first, then publishes what that build wrote\n";
            return refused;
        }
    }

    std::unique_ptr<deploy::Target> target;
    std::string login;
    if (url.scheme == deploy::TargetUrl::Scheme::file) {
        target = std::make_unique<deploy::FileTarget>(url.path);
    } else {
        deploy::SftpOptions sftp{url, key.string(), known_hosts.string(), args.accept_host_key, ask_secret};
        auto connected = std::make_unique<deploy::SftpTarget>(sftp);
        login = connected->logged_in_with();
        if (!connected->atomic_rename())
            std::cerr << "schoolgate: note: the server cannot replace a file in one step (no posix-rename): each "
                         "changed file is missing for a moment while it is replaced\n";
        target = std::move(connected);
    }
    std::cout << "publishing " << site.lexically_relative(root).generic_string() << "/ (" << check.files.size()
              << " files, built " << record.date << ") to " << target->describe()
              << (login.empty() ? "" : " (logged in with " + login + ")") << '\n';

    deploy::Listing listing = target->list();
    std::optional<deploy::Manifest> manifest = deploy::read_manifest(*target);
    deploy::Plan plan = deploy::make_plan(check.files, manifest, listing, args.delete_unknown);
    if (!plan.conflicts.empty()) {
        std::cerr << "schoolgate: publish refused: the server holds things in the site's way (nothing was sent):\n";
        for (const auto& conflict : plan.conflicts) std::cerr << "  " << conflict << '\n';
        return refused;
    }
    std::vector<std::string> unknown_kept = args.delete_unknown ? std::vector<std::string>{} : plan.unknown;
    std::vector<std::string> removing = plan.removals;

    if (args.dry_run) {
        std::cout << "dry run: nothing was changed on the server\n"
                  << "would upload " << plan.uploads.size() << " files (" << bytes_words(plan.upload_bytes) << "), "
                  << plan.unchanged << " unchanged\n";
        list_paths(std::cout, plan.uploads, {}, false, 50);
        std::cout << "would remove " << removing.size() << " files";
        if (!removing.empty()) std::cout << "; their URLs:";
        std::cout << '\n';
        list_paths(std::cout, removing, config.base_url, true);
    } else {
        bool terminal = isatty(STDERR_FILENO);
        auto started = std::chrono::steady_clock::now();
        deploy::Outcome outcome = deploy::execute(*target, check.files, plan, manifest,
                                                  [terminal](const std::string& step, size_t done, size_t total) {
                                                      if (!terminal) return;
                                                      std::cerr << "\r" << step << " " << done << "/" << total << "   "
                                                                << (done == total ? "\n" : "") << std::flush;
                                                  });
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        char elapsed[32];
        std::snprintf(elapsed, sizeof elapsed, "%.1f s", seconds);
        std::cout << "uploaded " << outcome.uploaded << " files (" << bytes_words(outcome.bytes) << "), "
                  << plan.unchanged << " unchanged; removed " << outcome.removed.size() << " in " << elapsed << '\n';
        if (!outcome.removed.empty()) {
            std::cout << "removed from the server; ask search engines to drop these URLs:\n";
            list_paths(std::cout, outcome.removed, config.base_url, true);
        }
        std::cout << "the server holds exactly the site: " << outcome.verified << " files listed and compared, "
                  << outcome.read_back << " read back and hashed\n";
    }
    if (!unknown_kept.empty()) {
        std::cout << "\nNOTE: " << unknown_kept.size() << " file(s) on the server were not put there by schoolgate"
                  << (args.dry_run ? " and would be" : " and were") << " left as they are:\n";
        list_paths(std::cout, unknown_kept, {}, false, 50);
        std::cout << "  hint: check them; publish --delete-unknown removes them\n";
    } else if (args.delete_unknown && !plan.unknown.empty()) {
        std::cout << plan.unknown.size() << " file(s) schoolgate had not written were " << (args.dry_run ? "to be " : "")
                  << "removed (--delete-unknown); they are among the URLs above\n";
    }
    if (!args.dry_run) check_removed_urls(config.base_url, removing);
    return status;
}

}  // namespace

Run add_publish_command(CLI::App& app, const Globals& globals) {
    auto* command = app.add_subcommand("publish", "put the last build's site/ on the live server, exactly");
    auto args = std::make_shared<Args>();
    command->add_option("--to", args->to, "the target: sftp://user@host:port/path or file:///path (default: publish: target: in schoolgate.yml)");
    command->add_flag("--dry-run", args->dry_run, "show what would be uploaded and removed; change nothing");
    command->add_flag("--build", args->build, "build first (as schoolgate build), then publish what it wrote");
    command->add_flag("--require-approval", args->require_approval,
                      "with --build, withhold unapproved pages; without, insist the last build did");
    command->add_flag("--delete-unknown", args->delete_unknown, "also remove files on the server that schoolgate did not put there");
    command->add_option("--accept-host-key", args->accept_host_key,
                        "trust the server's host key with this SHA256:... fingerprint (added to known_hosts)");
    command->add_option("--date", args->date, "judge consent on this date (default: today)")->check(iso_date());
    command->add_option("--jobs,-j", args->jobs, "workers for images and pages (default: one per core)")->check(CLI::Range(0, 256));
    return [&globals, args] {
        try {
            return publish(globals, *args);
        } catch (const deploy::Error& error) {
            return say(error);
        } catch (const util::Error& error) {
            std::cerr << "schoolgate: error: " << error.what()
                      << "\n  hint: publish again to finish: a rerun sends what is missing and removes what is left over\n";
            return failed;
        }
    };
}

}  // namespace sg::cli
