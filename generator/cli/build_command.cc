// `schoolgate build` and `schoolgate check`: the pipeline, its diagnostics and a summary.
#include <iostream>

#include "cli/command.h"
#include "diag/printer.h"
#include "pipeline/pipeline.h"

namespace sg::cli {

namespace {

using pipeline::Status;

CLI::Validator iso_date() {
    return CLI::Validator(
        [](std::string& text) { return util::parse_iso_date(text) ? std::string() : "expected YYYY-MM-DD, got '" + text + "'"; },
        "YYYY-MM-DD");
}

void report(const std::filesystem::path& source, const pipeline::Result& result, bool built) {
    diag::Printer(std::filesystem::absolute(source)).print_all(std::cerr, result.diagnostics);
    if (result.status == Status::usage) {
        std::cerr << "schoolgate: nothing was written\n";
        return;
    }
    for (const auto& page : result.withheld) std::cout << "withheld: " << page << '\n';
    if (built)
        std::cout << "published " << result.published.size() << " pages and " << result.images_written << " images; ";
    else
        std::cout << "checked; ";
    std::cout << result.withheld.size() << " withheld; " << result.diagnostics.error_count() << " errors, "
              << result.diagnostics.warning_count() << " warnings";
    if (result.not_due) std::cout << "; " << result.not_due << " not due (draft, scheduled or expired)";
    std::cout << '\n';
}

}  // namespace

Run add_build_command(CLI::App& app, const Globals& globals) {
    auto* command = app.add_subcommand("build", "check, process, render, verify and write the site");
    auto options = std::make_shared<pipeline::Options>();
    auto date = std::make_shared<std::string>();
    command->add_option("--out,-o", options->out, "output folder (default: site/ in the source folder)");
    command->add_option("--date", *date, "judge consent on this date (default: today)")->check(iso_date());
    command->add_option("--jobs,-j", options->jobs, "image workers (default: one per core)")->check(CLI::Range(0, 256));
    return [&globals, options, date] {
        options->source = globals.source;
        if (!date->empty()) options->date = util::parse_iso_date(*date);
        pipeline::Result result = pipeline::run_build(*options);
        report(globals.source, result, true);
        return static_cast<int>(result.status);
    };
}

Run add_check_command(CLI::App& app, const Globals& globals) {
    auto* command = app.add_subcommand("check", "run every rule; write nothing");
    auto date = std::make_shared<std::string>();
    command->add_option("--date", *date, "judge consent on this date (default: today)")->check(iso_date());
    return [&globals, date] {
        pipeline::Options options;
        options.source = globals.source;
        if (!date->empty()) options.date = util::parse_iso_date(*date);
        pipeline::Result result = pipeline::run_check(options);
        report(globals.source, result, false);
        return static_cast<int>(result.status);
    };
}

}  // namespace sg::cli
