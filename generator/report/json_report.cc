#include <cctype>

#include "diag/printer.h"
#include "report/report.h"

namespace sg::report {

namespace {

std::string_view status_name(pipeline::Status status) {
    switch (status) {
        case pipeline::Status::published: return "published";
        case pipeline::Status::withheld: return "withheld";
        case pipeline::Status::usage: return "usage";
        case pipeline::Status::internal: return "internal";
    }
    return "internal";
}

}  // namespace

std::string uri_of(std::string_view path) {
    static const char* hex = "0123456789ABCDEF";
    std::string uri;
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            uri += static_cast<char>(c);
        } else {
            uri += '%';
            uri += hex[c >> 4];
            uri += hex[c & 15];
        }
    }
    return uri;
}

std::string folder_uri(const std::string& absolute_folder) {
    std::string uri = "file://" + uri_of(absolute_folder);
    if (uri.back() != '/') uri += '/';
    return uri;
}

nlohmann::json to_json(const pipeline::Result& result, const Run& run) {
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const diag::Diagnostic& d : result.diagnostics.all()) {
        nlohmann::json entry = {
            {"rule", d.rule},
            {"severity", diag::severity_name(d.severity)},
            {"path", d.location.path},
            {"line", d.location.line},
            {"column", d.location.column},
            {"message", d.message},
            {"hint", d.hint},
            {"page", d.page},
        };
        if (d.location.page > 0) entry["pdf_page"] = d.location.page;  // a finding inside a PDF document
        diagnostics.push_back(std::move(entry));
    }
    nlohmann::json report = {
        {"tool", "schoolgate"},
        {"command", run.command},
        {"scope", run.scope},
        {"status", status_name(result.status)},
        {"exit_status", static_cast<int>(result.status)},
        {"pages_checked", result.pages_checked},
        {"images_checked", result.images_checked},
        {"not_due", result.not_due},
        {"errors", result.diagnostics.error_count()},
        {"warnings", result.diagnostics.warning_count()},
        {"withheld", result.withheld},
        {"diagnostics", diagnostics},
    };
    if (run.command == "build") {
        report["published"] = result.published;
        report["images_written"] = result.images_written;
    }
    return report;
}

}  // namespace sg::report
