// `schoolgate build`: the whole pipeline, its diagnostics and a summary.
#include <iostream>

#include "cli/command.h"
#include "cli/output.h"
#include "pipeline/pipeline.h"

namespace sg::cli {

Run add_build_command(CLI::App& app, const Globals& globals) {
    auto* command = app.add_subcommand("build", "check, process, render, verify and write the site");
    auto options = std::make_shared<pipeline::Options>();
    auto date = std::make_shared<std::string>();
    auto format = std::make_shared<Format>(Format::text);
    command->add_option("--out,-o", options->out, "output folder (default: site/ in the source folder)");
    command->add_option("--date", *date, "judge consent on this date (default: today)")->check(iso_date());
    command->add_option("--jobs,-j", options->jobs, "image workers (default: one per core)")->check(CLI::Range(0, 256));
    command->add_flag("--require-approval", options->require_approval,
                      "withhold pages changed since the last editorial approval (schoolgate approve)");
    add_format_option(*command, *format);
    return [&globals, options, date, format] {
        options->source = globals.source;
        if (!date->empty()) options->date = util::parse_iso_date(*date);
        options->on_lock_wait = [] {
            std::cerr << "schoolgate: another build of this site is running; waiting for it to finish"
                         " (.schoolgate/lock)" << std::endl;
        };
        pipeline::Result result = pipeline::run_build(*options);
        report({"build", *format, globals.source, {}, {}}, result);
        return static_cast<int>(result.status);
    };
}

}  // namespace sg::cli
