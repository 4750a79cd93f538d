#include "cli/print_result.h"

#include <iostream>

#include "diag/printer.h"
#include "report/report.h"

namespace sg::cli {

using pipeline::Status;

CLI::Validator iso_date() {
    return CLI::Validator(
        [](std::string& text) { return util::parse_iso_date(text) ? std::string() : "expected YYYY-MM-DD, got '" + text + "'"; },
        "YYYY-MM-DD");
}

void add_format_option(CLI::App& command, Format& format) {
    command
        .add_option("--format", format, "text (default), or a json or sarif report on stdout")
        ->transform(CLI::CheckedTransformer(
            std::map<std::string, Format>{{"text", Format::text}, {"json", Format::json}, {"sarif", Format::sarif}}));
}

namespace {

void summarise(std::ostream& out, const PrintOptions& output, const pipeline::Result& result) {
    for (const auto& page : result.withheld) out << "withheld: " << page << '\n';
    // Documents are named only where a site has them.
    auto documents = [](size_t count) {
        return count == 0 ? std::string() : ", " + std::to_string(count) + (count == 1 ? " document" : " documents");
    };
    if (output.command == "build")
        out << "published " << result.published.size() << " pages and " << result.images_written << " images"
            << documents(result.documents_written) << "; ";
    else
        out << "checked " << result.pages_checked << " pages and " << result.images_checked << " images"
            << documents(result.documents_read + result.documents_from_cache)
            << (output.scope.empty() ? "" : " in " + output.scope) << "; ";
    out << result.withheld.size() << " withheld; " << result.diagnostics.error_count() << " errors, "
        << result.diagnostics.warning_count() << " warnings";
    if (result.not_due) out << "; " << result.not_due << " not due (draft, scheduled or expired)";
    out << '\n';
}

// path:line:col: severity: message [rule] -- without the quoted source line, which may hold a name.
void print_brief(std::ostream& out, const diag::Diagnostics& diagnostics) {
    for (const auto& d : diagnostics.all()) {
        out << d.location.shown() << ": " << diag::severity_name(d.severity) << ": " << d.message << " [" << d.rule << "]\n";
    }
}

}  // namespace

void print_result(const PrintOptions& output, const pipeline::Result& result) {
    std::filesystem::path site = std::filesystem::absolute(output.site).lexically_normal();
    if (output.format == Format::text) {
        diag::Printer(output.sources.empty() ? site : std::filesystem::absolute(output.sources))
            .print_all(std::cerr, result.diagnostics);
    } else {
        print_brief(std::cerr, result.diagnostics);
        report::Run run{output.command, output.scope.empty() ? "working tree" : output.scope,
                        report::folder_uri(site.string()), {}};
        nlohmann::json json = output.format == Format::json ? report::to_json(result, run) : report::to_sarif(result, run);
        std::cout << json.dump(2) << '\n';
    }
    if (result.status == Status::usage) {
        std::cerr << "schoolgate: nothing was written\n";
        return;
    }
    summarise(output.format == Format::text ? std::cout : std::cerr, output, result);
}

void say_waiting_for_lock() {
    std::cerr << "schoolgate: another build of this site is running; waiting for it to finish (.schoolgate/lock)"
              << std::endl;
}

}  // namespace sg::cli
