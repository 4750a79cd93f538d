// `schoolgate init DIR`: a new school's site (cli/new_site.h). The school's details come from
// the options; on a terminal, a missing one is asked for. Without a terminal (a script, CI) a
// missing one is a usage error naming its option, and nothing is written.
#include <unistd.h>

#include <iostream>

#include "cli/command.h"
#include "cli/new_site.h"
#include "util/text.h"

namespace sg::cli {

namespace {

struct Field {
    const char* option;    // "--name"
    const char* question;  // "The school's name"
    const char* example;
    std::string School::*value;
};

const Field fields[] = {
    {"--name", "The school's name", "Oakfield Primary School", &School::name},
    {"--address", "Its postal address, without the postcode", "1 Orchard Lane, Brookton", &School::address},
    {"--postcode", "Its postcode", "BK4 7QT", &School::postcode},
    {"--phone", "The office's phone number", "01632 960000", &School::phone},
    {"--email", "The office's email address", "office@oakfield-primary.example", &School::email},
    {"--base-url", "The site's address on the web", "https://www.oakfield-primary.example/", &School::base_url},
};

// Asks on the terminal for every field still empty; false when one stays empty (end of input).
bool ask_missing(School& school) {
    for (const Field& field : fields) {
        std::string& value = school.*field.value;
        while (util::trim(value).empty()) {
            std::cout << field.question << " (e.g. " << field.example << "): " << std::flush;
            if (!std::getline(std::cin, value)) return false;
            value = std::string(util::trim(value));
        }
    }
    return true;
}

}  // namespace

Run add_init_command(CLI::App& app, const Globals&) {
    auto* command = app.add_subcommand("init", "start a new school's site in DIR from the installed example");
    auto request = std::make_shared<NewSite>();
    command->add_option("dir", request->dir, "the new site's folder (created when missing)")->required();
    for (const Field& field : fields)
        command->add_option(field.option, request->school.*field.value, std::string(field.question) + ", e.g. " + field.example);
    command->add_option("--register", request->register_file,
                        "keep the consent register at this path, e.g. outside the site's git repository");
    command->add_flag("--git", request->git, "make the folder a git repository (hooks are installed in one)");
    return [request] {
        if (std::string refusal = refusal_for(request->dir); !refusal.empty()) {
            std::cerr << refusal;
            return 2;
        }
        if (isatty(STDIN_FILENO)) {
            if (!ask_missing(request->school)) {
                std::cerr << "\nschoolgate: init: no answer; nothing written\n";
                return 2;
            }
        } else {
            for (const Field& field : fields)
                if (util::trim(request->school.*field.value).empty()) {
                    std::cerr << "schoolgate: init: " << field.option << " is missing (no terminal to ask on), e.g. "
                              << field.option << " '" << field.example << "'; nothing written\n";
                    return 2;
                }
        }
        return new_site(*request);
    };
}

}  // namespace sg::cli
