// `schoolgate build`: the whole pipeline, its diagnostics and a summary.
#include <iostream>

#include "cli/command.h"
#include "cli/print_result.h"
#include "pipeline/pipeline.h"

namespace sg::cli {

Run add_build_command(CLI::App& app, const Globals& globals) {
    auto* command = app.add_subcommand("build", "check, process, render, verify and write the site");
    auto options = std::make_shared<pipeline::Options>();
    auto date = std::make_shared<std::string>();
    auto format = std::make_shared<Format>(Format::text);
    auto no_record = std::make_shared<bool>(false);
    command->add_option("--out,-o", options->out, "output folder (default: site/ in the source folder)");
    command->add_option("--date", *date, "judge consent on this date (default: today)")->check(iso_date());
    command->add_option("--jobs,-j", options->jobs, "workers for images and pages (default: one per core)")->check(CLI::Range(0, 256));
    command->add_flag("--require-approval", options->require_approval,
                      "withhold pages changed since the last editorial approval (schoolgate approve)");
    command->add_flag("--no-record", *no_record,
                      "leave .schoolgate/build-record.json as it is (a trial build: review compares with the last real one)");
    add_format_option(*command, *format);
    return [&globals, options, date, format, no_record] {
        options->source = globals.source;
        options->record = !*no_record;
        if (!date->empty()) options->date = util::parse_iso_date(*date);
        options->on_lock_wait = say_waiting_for_lock;
        pipeline::Result result = pipeline::run_build(*options);
        print_result({"build", *format, globals.source, {}, {}}, result);
        return static_cast<int>(result.status);
    };
}

}  // namespace sg::cli
