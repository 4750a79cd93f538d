// `schoolgate check`: every rule, nothing written. With --staged it checks the site as it stands
// in the git index (what a commit would record), with --commit REV as it stands in a commit (what
// a push would publish): the tree is exported to a private temporary folder and checked there,
// and diagnostics name files as the user knows them. The check uses the work tree's image cache
// (entries are keyed by content, so an unchanged photo is not inspected or searched for faces
// again), and adds to it what it had to work out.
#include <iostream>
#include <optional>

#include "cli/command.h"
#include "cli/git.h"
#include "cli/print_result.h"
#include "output/state_paths.h"
#include "pipeline/pipeline.h"

namespace sg::cli {

namespace {

namespace fs = std::filesystem;

struct CheckOptions {
    std::string date;
    bool staged = false;
    std::string commit;
    Format format = Format::text;
};

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    if (from.empty()) return text;
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// Messages that mention the export name the real site folder instead.
diag::Diagnostics relocated(const diag::Diagnostics& diagnostics, const std::string& from, const std::string& to) {
    diag::Diagnostics result;
    for (diag::Diagnostic d : diagnostics.all()) {
        d.message = replace_all(d.message, from, to);
        d.hint = replace_all(d.hint, from, to);
        d.location.path = replace_all(d.location.path, from, to);
        result.add(std::move(d));
    }
    return result;
}

int check_git_tree(const Globals& globals, const CheckOptions& check, pipeline::Options options) {
    std::optional<git::TempDir> dir;
    git::Export exported;
    try {
        dir.emplace("schoolgate-check");
        exported = git::export_site(globals.source, check.commit, dir->path());
    } catch (const git::NotARepository& e) {
        std::cerr << "schoolgate: " << (check.staged ? "check --staged" : "check --commit")
                  << " needs a git repository: " << e.what() << '\n';
        return static_cast<int>(pipeline::Status::usage);
    } catch (const git::NotACommit& e) {
        std::cerr << "schoolgate: check --commit: " << e.what() << '\n';
        return static_cast<int>(pipeline::Status::usage);
    }
    for (const auto& note : exported.notes) std::cerr << "schoolgate: note: " << note << '\n';

    std::string from = exported.site.lexically_normal().string();
    std::string to = git::shown(globals.source);
    if (!from.empty() && from.back() == '/') from.pop_back();
    options.source = exported.site;
    options.register_file = exported.register_file;
    options.linked_content = exported.linked_content;
    options.cache = output::state::cache(fs::absolute(globals.source));
    pipeline::Result result;
    try {
        result = pipeline::run_check(options);
    } catch (const std::exception& e) {
        throw std::runtime_error(replace_all(e.what(), from, to));
    }
    result.diagnostics = relocated(result.diagnostics, from, to);
    std::string scope = check.staged ? "the git index" : "commit " + check.commit;
    print_result({"check", check.format, globals.source, exported.site, scope}, result);
    return static_cast<int>(result.status);
}

}  // namespace

Run add_check_command(CLI::App& app, const Globals& globals) {
    auto* command = app.add_subcommand("check", "run every rule; write nothing");
    auto check = std::make_shared<CheckOptions>();
    command->add_option("--date", check->date, "judge consent on this date (default: today)")->check(iso_date());
    auto* staged = command->add_flag("--staged", check->staged, "check what is staged in the git index (pre-commit)");
    command->add_option("--commit", check->commit, "check the site as it stands in this git commit (pre-push)")
        ->excludes(staged);
    add_format_option(*command, check->format);
    return [&globals, check] {
        pipeline::Options options;
        options.source = globals.source;
        if (!check->date.empty()) options.date = util::parse_iso_date(check->date);
        if (check->staged || !check->commit.empty()) return check_git_tree(globals, *check, options);
        pipeline::Result result = pipeline::run_check(options);
        print_result({"check", check->format, globals.source, {}, {}}, result);
        return static_cast<int>(result.status);
    };
}

}  // namespace sg::cli
