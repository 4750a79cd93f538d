// schoolgate: the command line.
#include <iostream>
#include <map>
#include <vips/vips8>

#include "cli/command.h"
#include "util/error.h"
#include "util/text.h"

namespace {

// "schoolgate bild" gets "did you mean 'build'?" rather than CLI11's "A subcommand is required".
void suggest_command(int argc, char** argv, const std::map<std::string, sg::cli::Run>& commands) {
    std::vector<std::string> names;
    for (const auto& [name, run] : commands) names.push_back(name);
    for (int i = 1; i < argc; ++i) {
        std::string word = argv[i];
        if (word == "--source" || word == "-s") {
            ++i;
            continue;
        }
        if (word.empty() || word[0] == '-' || commands.count(word)) continue;
        std::string suggestion = sg::util::closest_match(word, names);
        std::cerr << "schoolgate: unknown command '" << word << "'"
                  << (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?") << '\n';
        return;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"schoolgate: a static-site generator for school websites with a privacy gate"};
    app.require_subcommand(1);
    sg::cli::Globals globals;
    app.add_option("--source,-s", globals.source, "the site folder (holds schoolgate.yml; default: here)");
    app.set_version_flag("--version", sg::cli::version_text, "print the versions of schoolgate, its image libraries and face model");

    std::map<std::string, sg::cli::Run> commands = {
        {"build", sg::cli::add_build_command(app, globals)},
        {"check", sg::cli::add_check_command(app, globals)},
        {"review", sg::cli::add_review_command(app, globals)},
        {"approve", sg::cli::add_approve_command(app, globals)},
        {"approvals", sg::cli::add_approvals_command(app, globals)},
        {"hook", sg::cli::add_hook_command(app, globals)},
        {"consent", sg::cli::add_consent_command(app, globals)},
        {"new", sg::cli::add_new_command(app, globals)},
        {"serve", sg::cli::add_serve_command(app, globals)},
        {"init", sg::cli::add_init_command(app, globals)},
        {"publish", sg::cli::add_publish_command(app, globals)},
    };
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (app.get_subcommands().empty()) suggest_command(argc, argv, commands);
        int status = app.exit(e);
        return status == 0 ? 0 : 2;
    }

    if (VIPS_INIT(argv[0])) {
        std::cerr << "schoolgate: cannot initialise libvips\n";
        return 3;
    }
    try {
        return commands.at(app.get_subcommands().front()->get_name())();
    } catch (const sg::util::ConfigurationError& e) {
        std::cerr << "schoolgate: error: " << e.what() << "\nschoolgate: nothing was written\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "schoolgate: error: " << e.what() << "\nschoolgate: nothing was written\n";
        return 3;
    }
}
