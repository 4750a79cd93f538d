// `schoolgate approve --by NAME [--note TEXT]` records an editorial approval of the current content
// in the hash-chained log; `schoolgate approvals verify` checks that chain.
#include <iostream>

#include "cli/command.h"
#include "diag/printer.h"
#include "output/approvals.h"
#include "pipeline/approval.h"

namespace sg::cli {

namespace fs = std::filesystem;

namespace {

std::string shown(const fs::path& root, const fs::path& log) { return log.lexically_relative(root).string(); }

}  // namespace

Run add_approve_command(CLI::App& app, const Globals& globals) {
    auto* command = app.add_subcommand("approve", "record an editorial approval of the current content");
    auto by = std::make_shared<std::string>();
    auto note = std::make_shared<std::string>();
    command->add_option("--by", *by, "who approves (as they sign their name)")->required();
    command->add_option("--note", *note, "what was checked, or why");
    return [&globals, by, note] {
        if (by->find_first_not_of(" \t") == std::string::npos || by->find('\n') != std::string::npos) {
            std::cerr << "schoolgate: --by needs the approver's name on one line\n";
            return 2;
        }
        pipeline::Options options;
        options.source = globals.source;
        pipeline::Result result;
        std::unique_ptr<pipeline::Site> site = pipeline::load(options, result);
        if (!site) {
            diag::Printer(fs::absolute(globals.source)).print_all(std::cerr, result.diagnostics);
            std::cerr << "schoolgate: nothing was approved\n";
            return 2;
        }
        fs::path log = pipeline::approvals_path(site->root);
        if (auto broken = output::ApprovalLog::read(log).verify()) {
            std::cerr << "schoolgate: " << shown(site->root, log) << ": " << broken->reason << '\n'
                      << "schoolgate: nothing was approved: restore the log from the content repository's history\n";
            return 1;
        }
        std::map<std::string, std::string> pages = pipeline::content_hashes(*site);
        output::Approval entry = output::append_approval(log, *by, *note, pages);
        std::cout << "approved " << pages.size() << " pages as entry " << entry.sequence << " by " << entry.by << " at "
                  << entry.time << " in " << shown(site->root, log) << "; commit it with the content\n";
        return 0;
    };
}

Run add_approvals_command(CLI::App& app, const Globals& globals) {
    auto* command = app.add_subcommand("approvals", "the editorial approvals log");
    command->require_subcommand(1);
    command->add_subcommand("verify", "recompute the hash chain of the approvals log");
    return [&globals] {
        fs::path root = fs::absolute(globals.source).lexically_normal();
        fs::path log = pipeline::approvals_path(root);
        if (!fs::exists(log)) {
            std::cerr << "schoolgate: " << shown(root, log) << ": no approvals have been recorded\n";
            return 1;
        }
        output::ApprovalLog approvals = output::ApprovalLog::read(log);
        if (auto broken = approvals.verify()) {
            std::cerr << "schoolgate: " << shown(root, log) << ": " << broken->reason << '\n';
            return 1;
        }
        const output::Approval* last = approvals.last();
        size_t count = approvals.entries().size();
        std::cout << shown(root, log) << ": " << count << (count == 1 ? " entry" : " entries") << ", chain intact";
        if (last) std::cout << "; last: entry " << last->sequence << " by " << last->by << " at " << last->time;
        std::cout << '\n';
        return 0;
    };
}

}  // namespace sg::cli
