#include <algorithm>

#include "report/report.h"
#include "report/rule_catalogue.h"

namespace sg::report {

namespace {

constexpr const char* schema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* site_base = "SITEROOT";

std::string_view level_of(diag::Severity severity) {
    return severity == diag::Severity::error ? "error" : "warning";
}

}  // namespace

nlohmann::json to_sarif(const pipeline::Result& result, const Run& run) {
    const auto& catalogue = rule_catalogue();
    nlohmann::json rules = nlohmann::json::array();
    for (const RuleInfo& rule : catalogue) {
        rules.push_back({
            {"id", rule.id},
            {"shortDescription", {{"text", rule.description}}},
            {"defaultConfiguration", {{"level", level_of(rule.severity)}}},
        });
    }

    nlohmann::json results = nlohmann::json::array();
    for (const diag::Diagnostic& d : result.diagnostics.all()) {
        std::string text = d.message;
        if (!d.hint.empty()) text += " (hint: " + d.hint + ")";
        nlohmann::json item = {
            {"ruleId", d.rule},
            {"level", level_of(d.severity)},
            {"message", {{"text", text}}},
        };
        auto known = std::find_if(catalogue.begin(), catalogue.end(), [&](const RuleInfo& r) { return r.id == d.rule; });
        if (known != catalogue.end()) item["ruleIndex"] = known - catalogue.begin();
        // SARIF regions are 1-based; a whole-file problem points at its start.
        nlohmann::json artifact = {{"uri", uri_of(d.location.path)}};
        if (!run.site_uri.empty()) artifact["uriBaseId"] = site_base;
        item["locations"] = nlohmann::json::array({{
            {"physicalLocation",
             {{"artifactLocation", artifact},
              {"region", {{"startLine", std::max(d.location.line, 1)}, {"startColumn", std::max(d.location.column, 1)}}}}},
        }});
        results.push_back(std::move(item));
    }

    nlohmann::json driver = {
        {"name", "schoolgate"},
        {"rules", rules},
    };
    if (!run.version.empty()) driver["version"] = run.version;
    nlohmann::json sarif_run = {
        {"tool", {{"driver", driver}}},
        {"invocations",
         nlohmann::json::array({{{"executionSuccessful", result.status != pipeline::Status::internal},
                                 {"exitCode", static_cast<int>(result.status)}}})},
        {"results", results},
        {"properties", {{"command", run.command}, {"scope", run.scope}}},
    };
    if (!run.site_uri.empty()) sarif_run["originalUriBaseIds"] = {{site_base, {{"uri", run.site_uri}}}};
    return {{"$schema", schema}, {"version", "2.1.0"}, {"runs", nlohmann::json::array({sarif_run})}};
}

}  // namespace sg::report
