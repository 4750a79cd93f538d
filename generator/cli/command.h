// Every subcommand lives in its own file and registers itself with the command line: its options
// and the function that runs it once the command line has been parsed. main() parses, initialises
// libvips, runs the chosen command and turns an escaped exception into exit status 3.
#pragma once
#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>

namespace sg::cli {

// Options every command shares.
struct Globals {
    std::filesystem::path source = ".";  // --source: the folder holding schoolgate.yml
};

// Runs the command; returns its exit status (DESIGN.md: 0, 1, 2, 3).
using Run = std::function<int()>;

// Each returns the runner for its subcommand, added to `app`.
Run add_build_command(CLI::App& app, const Globals& globals);
Run add_check_command(CLI::App& app, const Globals& globals);
Run add_review_command(CLI::App& app, const Globals& globals);
Run add_approve_command(CLI::App& app, const Globals& globals);
Run add_approvals_command(CLI::App& app, const Globals& globals);  // `approvals verify`
Run add_hook_command(CLI::App& app, const Globals& globals);
Run add_consent_command(CLI::App& app, const Globals& globals);
Run add_new_command(CLI::App& app, const Globals& globals);
Run add_serve_command(CLI::App& app, const Globals& globals);
Run add_publish_command(CLI::App& app, const Globals& globals);

}  // namespace sg::cli
