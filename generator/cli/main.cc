// schoolgate: the command line. Parses the command, runs the pipeline, prints the diagnostics
// and a summary, and maps the outcome to DESIGN.md's exit statuses. Environment failures
// (I/O, libvips, exiv2) are caught here, once.
#include <CLI/CLI.hpp>
#include <iostream>
#include <vips/vips8>

#include "cli/new_post.h"
#include "diag/printer.h"
#include "pipeline/pipeline.h"
#include "util/date.h"
#include "util/error.h"

namespace {

using sg::pipeline::Status;

int exit_code(Status status) { return static_cast<int>(status); }

void report(const sg::pipeline::Options& options, const sg::pipeline::Result& result, bool built) {
    sg::diag::Printer printer(std::filesystem::absolute(options.source));
    printer.print_all(std::cerr, result.diagnostics);
    if (result.status == Status::usage) {
        std::cerr << "schoolgate: nothing was written\n";
        return;
    }
    for (const auto& page : result.withheld) std::cout << "withheld: " << page << '\n';
    std::cout << (built ? "published " : "checked ") << (built ? result.published.size() : 0) << (built ? " pages and " : "")
              << (built ? std::to_string(result.images_written) + " images; " : "") << result.withheld.size()
              << " withheld; " << result.diagnostics.error_count() << " errors, " << result.diagnostics.warning_count()
              << " warnings";
    if (result.not_due) std::cout << "; " << result.not_due << " not due (draft, scheduled or expired)";
    std::cout << '\n';
}

std::optional<sg::util::Date> date_option(const std::string& text) {
    if (text.empty()) return std::nullopt;
    auto date = sg::util::parse_iso_date(text);
    if (!date) throw CLI::ValidationError("--date", "expected YYYY-MM-DD, got '" + text + "'");
    return date;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"schoolgate: a static-site generator for school websites with a privacy gate"};
    app.require_subcommand(1);
    sg::pipeline::Options options;
    std::string date, out;
    app.add_option("--source,-s", options.source, "the site folder (holds schoolgate.yml)");

    auto* build = app.add_subcommand("build", "check, process, render, verify and write the site");
    build->add_option("--out,-o", out, "output folder (default: site/ in the source folder)");
    build->add_option("--date", date, "judge consent on this date (YYYY-MM-DD; default today)");
    build->add_option("--jobs,-j", options.jobs, "image workers (default: one per core)")->check(CLI::Range(0, 256));

    auto* check = app.add_subcommand("check", "run every rule; write nothing");
    check->add_option("--date", date, "judge consent on this date (YYYY-MM-DD; default today)");

    auto* scaffold = app.add_subcommand("new", "scaffold content");
    std::string kind, title;
    scaffold->add_option("kind", kind, "what to create")->required()->check(CLI::IsMember({"post"}));
    scaffold->add_option("title", title, "the title")->required();

    try {
        app.parse(argc, argv);
        options.date = date_option(date);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : exit_code(Status::usage);
    }
    if (!out.empty()) options.out = out;

    if (VIPS_INIT(argv[0])) {
        std::cerr << "schoolgate: cannot initialise libvips\n";
        return exit_code(Status::internal);
    }
    try {
        if (*scaffold) return sg::cli::new_post(options.source, title);
        bool building = static_cast<bool>(*build);
        sg::pipeline::Result result = building ? sg::pipeline::run_build(options) : sg::pipeline::run_check(options);
        report(options, result, building);
        return exit_code(result.status);
    } catch (const std::exception& e) {
        std::cerr << "schoolgate: error: " << e.what() << "\nschoolgate: nothing was written\n";
        return exit_code(Status::internal);
    }
}
