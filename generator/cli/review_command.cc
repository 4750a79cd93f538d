// `schoolgate review`: what the next build would change on the public site, as text and, with
// --html, as a self-contained page for the editorial team. Nothing is written to site/.
#include <iostream>

#include "cli/command.h"
#include "cli/print_result.h"
#include "diag/printer.h"
#include "review/review.h"
#include "util/fs.h"

namespace sg::cli {

namespace fs = std::filesystem;

Run add_review_command(CLI::App& app, const Globals& globals) {
    auto* command = app.add_subcommand("review", "show what the next build would change on the public site");
    struct Args {
        std::string date;
        fs::path against, html;
        int jobs = 0;
    };
    auto args = std::make_shared<Args>();
    command->add_option("--against", args->against, "the build record to compare with (default: the last build's)")
        ->check(CLI::ExistingFile);
    command->add_option("--html", args->html, "also write the review as one self-contained HTML page (not inside site/)");
    command->add_option("--date", args->date, "judge consent on this date (default: today)")->check(iso_date());
    command->add_option("--jobs,-j", args->jobs, "workers for images and pages (default: one per core)")->check(CLI::Range(0, 256));
    return [&globals, args] {
        review::Options options;
        options.pipeline.source = globals.source;
        options.pipeline.jobs = args->jobs;
        if (!args->date.empty()) options.pipeline.date = util::parse_iso_date(args->date);
        options.against = args->against;
        fs::path root = fs::absolute(globals.source).lexically_normal();
        fs::path html = args->html.empty() ? fs::path() : fs::absolute(args->html).lexically_normal();
        // The review names people by id and initials: it is for the editorial team, never the public site.
        if (!html.empty() && (util::is_within(html, root / "site") || util::is_within(html, root / "content"))) {
            std::cerr << "schoolgate: refusing to write the review to " << html.string()
                      << ": it is inside the site's output or content folder\n"
                      << "  hint: write it outside the site, e.g. --html ../review.html\n";
            return 2;
        }
        std::unique_ptr<review::Review> review = review::run_review(options);
        if (review->result.status == pipeline::Status::usage) {
            diag::Printer(root).print_all(std::cerr, review->result.diagnostics);
            std::cerr << "schoolgate: nothing was reviewed\n";
            return 2;
        }
        review::print_text(std::cout, *review);
        if (!html.empty()) {
            util::write_file_atomic(html, review::html_page(*review));
            std::cout << "review page written to " << html.string() << '\n';
        }
        return static_cast<int>(review->result.status);
    };
}

}  // namespace sg::cli
