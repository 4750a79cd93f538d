#include <doctest/doctest.h>

#include <set>

#include "diag/rule_ids.h"
#include "report/report.h"
#include "report/rule_catalogue.h"

namespace {

using sg::pipeline::Result;
using sg::pipeline::Status;
namespace rule = sg::diag::rule;

Result sample() {
    Result result;
    result.status = Status::withheld;
    result.pages_checked = 4;
    result.images_checked = 2;
    result.withheld = {"content/news/a b.md"};
    result.diagnostics.error(rule::photo_no_consent, {"content/news/a b.md", 7, 13},
                             "P0003 P.O. has no website photo consent on 2026-11-23", "remove the photo",
                             "content/news/a b.md");
    result.diagnostics.warning(rule::photo_unidentifiable, {"content/news/ü.md", 0, 0}, "listed for review", {},
                               "content/news/ü.md");
    return result;
}

}  // namespace

TEST_SUITE("report") {

TEST_CASE("the rule catalogue lists every rule id once") {
    std::set<std::string_view> ids;
    for (const auto& info : sg::report::rule_catalogue()) {
        CHECK(!info.description.empty());
        CHECK(ids.insert(info.id).second);
    }
    for (std::string_view id :
         {rule::photo_undeclared, rule::photo_unknown_person, rule::photo_no_consent, rule::photo_protected,
          rule::photo_tag_mismatch, rule::photo_undeclared_faces, rule::photo_unidentifiable, rule::work_no_consent,
          rule::name_full_name, rule::name_with_photo, rule::contact_personal, rule::media_unreadable,
          rule::media_too_large, rule::media_outside_content, rule::media_remote, rule::media_unsupported,
          rule::content_invalid, rule::review_unapproved, rule::config_invalid, rule::register_invalid,
          rule::media_metadata, rule::document_undeclared}) {
        INFO(id);
        CHECK(ids.count(id) == 1);
    }
}

TEST_CASE("URIs percent-encode everything but unreserved characters and '/'") {
    CHECK(sg::report::uri_of("content/news/castle-trip_2.md") == "content/news/castle-trip_2.md");
    CHECK(sg::report::uri_of("content/a b#c.md") == "content/a%20b%23c.md");
    CHECK(sg::report::uri_of("ü") == "%C3%BC");
    CHECK(sg::report::folder_uri("/srv/my site") == "file:///srv/my%20site/");
    CHECK(sg::report::folder_uri("/srv/site/") == "file:///srv/site/");
}

TEST_CASE("JSON report") {
    nlohmann::json json = sg::report::to_json(sample(), {"check", "the git index", "file:///srv/site/", {}});
    CHECK(json["status"] == "withheld");
    CHECK(json["exit_status"] == 1);
    CHECK(json["scope"] == "the git index");
    CHECK(json["pages_checked"] == 4);
    CHECK(json["images_checked"] == 2);
    CHECK(json["errors"] == 1);
    CHECK(json["warnings"] == 1);
    CHECK(!json.contains("published"));  // a check publishes nothing
    REQUIRE(json["diagnostics"].size() == 2);
    CHECK(json["diagnostics"][0] == nlohmann::json{{"rule", "photo.no-consent"},
                                                   {"severity", "error"},
                                                   {"path", "content/news/a b.md"},
                                                   {"line", 7},
                                                   {"column", 13},
                                                   {"message", "P0003 P.O. has no website photo consent on 2026-11-23"},
                                                   {"hint", "remove the photo"},
                                                   {"page", "content/news/a b.md"}});
    CHECK(json["diagnostics"][1]["severity"] == "warning");
    CHECK(sg::report::to_json(sample(), {"build", "working tree", {}, {}}).contains("published"));
}

TEST_CASE("SARIF 2.1.0 report") {
    nlohmann::json sarif = sg::report::to_sarif(sample(), {"check", "working tree", "file:///srv/site/", "1.0"});
    CHECK(sarif["version"] == "2.1.0");
    CHECK(sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
    const auto& run = sarif["runs"].at(0);
    CHECK(run["tool"]["driver"]["name"] == "schoolgate");
    CHECK(run["tool"]["driver"]["version"] == "1.0");
    CHECK(run["tool"]["driver"]["rules"].size() == sg::report::rule_catalogue().size());
    CHECK(run["originalUriBaseIds"]["SITEROOT"]["uri"] == "file:///srv/site/");
    REQUIRE(run["results"].size() == 2);

    const auto& error = run["results"][0];
    CHECK(error["ruleId"] == "photo.no-consent");
    CHECK(run["tool"]["driver"]["rules"][error["ruleIndex"].get<size_t>()]["id"] == "photo.no-consent");
    CHECK(error["level"] == "error");
    CHECK(error["message"]["text"] ==
          "P0003 P.O. has no website photo consent on 2026-11-23 (hint: remove the photo)");
    const auto& location = error["locations"].at(0)["physicalLocation"];
    CHECK(location["artifactLocation"] == nlohmann::json{{"uri", "content/news/a%20b.md"}, {"uriBaseId", "SITEROOT"}});
    CHECK(location["region"] == nlohmann::json{{"startLine", 7}, {"startColumn", 13}});

    // A whole-file warning points at the file's start: SARIF regions are 1-based.
    const auto& warning = run["results"][1];
    CHECK(warning["level"] == "warning");
    CHECK(warning["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "content/news/%C3%BC.md");
    CHECK(warning["locations"][0]["physicalLocation"]["region"] ==
          nlohmann::json{{"startLine", 1}, {"startColumn", 1}});
    CHECK(run["invocations"][0]["exitCode"] == 1);
    CHECK(run["invocations"][0]["executionSuccessful"] == true);
}

}  // TEST_SUITE
