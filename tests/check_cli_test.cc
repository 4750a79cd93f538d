// `schoolgate check` run as a user or a CI job runs it: exit status, stdout and stderr, in text,
// JSON and SARIF; machine-readable reports name people only by register id and initials.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "process.h"
#include "temp_site.h"

using sg::testing::Run;
using sg::testing::shell;
using sg::testing::schoolgate_command;
using sg::testing::TempSite;

namespace {

// Line 5 names a pupil in full; lake.md pictures P0003 (Priyanka Oduya), who has no photo consent.
const char* const violating_site = R"(
-- content/news/trip.md --
---
title: Trip
date: 2026-10-01
---
Well done to Amelia Thornbury for her reading award.
-- content/news/lake.md --
---
title: Lake visit
date: 2026-10-14
photos:
  - src: lake.jpg
    alt: Pupils beside the lake
    people: [P0003]
---
A lovely day.
)";

Run check(const TempSite& site, const std::string& arguments = {}) {
    return shell(site.root(), schoolgate_command() + " check --date " + sg::testing::test_date + " " + arguments);
}

// No full name of anyone in the register, in any order.
void check_no_full_names(const std::string& text) {
    for (const char* name : {"Amelia", "Thornbury", "Priyanka", "Oduya", "Priya "}) {
        INFO("name: " << name);
        CHECK(text.find(name) == std::string::npos);
    }
}

}  // namespace

TEST_SUITE("e2e::check") {

TEST_CASE("check prints diagnostics like a compiler, counts what it checked, and writes nothing") {
    TempSite site(violating_site);
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    Run ran = check(site);
    CHECK(ran.status == 1);
    CHECK(ran.err.find("content/news/trip.md:5:14: error: a pupil's full name (P0001 A.T.) appears in the page "
                       "[name.full-name]\n"
                       "    Well done to Amelia Thornbury for her reading award.\n"
                       "                 ^\n") != std::string::npos);
    CHECK(ran.err.find("P0003 P.O. has no website photo consent") != std::string::npos);
    CHECK(ran.out ==
          "withheld: content/news/lake.md\n"
          "withheld: content/news/trip.md\n"
          "checked 3 pages and 1 images; 2 withheld; 2 errors, 0 warnings\n");
    CHECK(!site.exists("site"));
    CHECK(!site.exists(".schoolgate/build-record.json"));

    site.write("content/news/trip.md", "---\ntitle: Trip\ndate: 2026-10-01\n---\nWell done to Amelia for her reading award.\n");
    site.write("content/news/lake.md", "---\ntitle: Lake\ndate: 2026-10-14\n---\nA lovely day.\n");
    ran = check(site);
    CHECK(ran.status == 0);
    CHECK(ran.err == "");
    CHECK(ran.out == "checked 3 pages and 0 images; 0 withheld; 0 errors, 0 warnings\n");
}

TEST_CASE("check --format json: a report on stdout, the summary on stderr, people as id and initials") {
    TempSite site(violating_site);
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    Run ran = check(site, "--format json");
    CHECK(ran.status == 1);
    INFO(ran.out);
    nlohmann::json report = nlohmann::json::parse(ran.out);
    CHECK(report["tool"] == "schoolgate");
    CHECK(report["command"] == "check");
    CHECK(report["status"] == "withheld");
    CHECK(report["exit_status"] == 1);
    CHECK(report["pages_checked"] == 3);
    CHECK(report["images_checked"] == 1);
    CHECK(report["errors"] == 2);
    CHECK(report["withheld"] == nlohmann::json::array({"content/news/lake.md", "content/news/trip.md"}));
    REQUIRE(report["diagnostics"].size() == 2);
    const auto& full_name = report["diagnostics"][1];
    CHECK(full_name["rule"] == "name.full-name");
    CHECK(full_name["severity"] == "error");
    CHECK(full_name["path"] == "content/news/trip.md");
    CHECK(full_name["line"] == 5);
    CHECK(full_name["column"] == 14);
    CHECK(full_name["message"] == "a pupil's full name (P0001 A.T.) appears in the page");
    CHECK(report["diagnostics"][0]["rule"] == "photo.no-consent");
    CHECK(report["diagnostics"][0]["message"].get<std::string>().find("P0003 P.O.") != std::string::npos);
    // The human summary is on stderr, without quoting the source lines that hold the names.
    CHECK(ran.err.find("checked 3 pages and 1 images; 2 withheld") != std::string::npos);
    CHECK(ran.err.find("content/news/trip.md:5:14: error:") != std::string::npos);
    check_no_full_names(ran.out);
    check_no_full_names(ran.err);
}

TEST_CASE("check --format sarif: SARIF 2.1.0 with every required field") {
    TempSite site(violating_site);
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    Run ran = check(site, "--format sarif");
    CHECK(ran.status == 1);
    INFO(ran.out);
    nlohmann::json sarif = nlohmann::json::parse(ran.out);
    CHECK(sarif["version"] == "2.1.0");
    CHECK(sarif["$schema"].get<std::string>().find("sarif-2.1.0") != std::string::npos);
    REQUIRE(sarif["runs"].size() == 1);
    const auto& run = sarif["runs"][0];
    CHECK(run["tool"]["driver"]["name"] == "schoolgate");
    const auto& rules = run["tool"]["driver"]["rules"];
    REQUIRE(rules.is_array());
    REQUIRE(run["results"].size() == 2);
    for (const auto& result : run["results"]) {
        INFO(result.dump());
        REQUIRE(result["ruleIndex"].is_number_unsigned());
        CHECK(rules.at(result["ruleIndex"].get<size_t>())["id"] == result["ruleId"]);
        CHECK(result["level"] == "error");
        CHECK(result["message"]["text"].is_string());
        REQUIRE(result["locations"].size() == 1);
        const auto& location = result["locations"][0]["physicalLocation"];
        CHECK(location["artifactLocation"]["uri"].is_string());
        CHECK(location["artifactLocation"]["uriBaseId"] == "SITEROOT");
        CHECK(location["region"]["startLine"].get<int>() >= 1);
        CHECK(location["region"]["startColumn"].get<int>() >= 1);
    }
    const auto& full_name = run["results"][1];
    CHECK(full_name["ruleId"] == "name.full-name");
    CHECK(full_name["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "content/news/trip.md");
    CHECK(full_name["locations"][0]["physicalLocation"]["region"]["startLine"] == 5);
    CHECK(full_name["locations"][0]["physicalLocation"]["region"]["startColumn"] == 14);
    std::string base = run["originalUriBaseIds"]["SITEROOT"]["uri"];
    CHECK(base.rfind("file:///", 0) == 0);
    CHECK(base.back() == '/');
    CHECK(run["invocations"][0]["exitCode"] == 1);
    check_no_full_names(ran.out);
    check_no_full_names(ran.err);
}

TEST_CASE("check exit statuses: 0 clean, 2 for configuration and usage errors") {
    TempSite site;
    CHECK(check(site).status == 0);
    CHECK(check(site, "--format json").status == 0);

    Run ran = check(site, "--format yaml");
    CHECK(ran.status == 2);
    CHECK(ran.out.find("{") == std::string::npos);

    site.write("schoolgate.yml", site.read("schoolgate.yml") + "colour: blue\n");
    ran = check(site, "--format sarif");
    CHECK(ran.status == 2);
    nlohmann::json sarif = nlohmann::json::parse(ran.out);
    CHECK(sarif["runs"][0]["results"][0]["ruleId"] == "config.invalid");
    CHECK(ran.err.find("schoolgate: nothing was written") != std::string::npos);
}

TEST_CASE("check --staged outside a git repository is a usage error") {
    TempSite site;
    Run ran = shell(site.root(), "GIT_CEILING_DIRECTORIES=" + sg::testing::sh_quote(site.root().parent_path().string()) +
                                      " " + schoolgate_command() + " check --staged");
    CHECK(ran.status == 2);
    CHECK(ran.err.find("check --staged needs a git repository: ") != std::string::npos);
    CHECK(ran.err.find("is not inside a git work tree") != std::string::npos);
    CHECK(ran.out == "");
}

TEST_CASE("check --staged names files as the user knows them, never the temporary export") {
    TempSite site;
    REQUIRE(shell(site.root(), "git init -q && git add content themes").status == 0);
    Run ran = shell(site.root(), schoolgate_command() + " check --staged");
    CHECK(ran.status == 2);
    CHECK(ran.err.find("schoolgate.yml: error: cannot read the configuration: " + (site.root() / "schoolgate.yml").string()) !=
          std::string::npos);
    CHECK(ran.err.find("schoolgate-check-") == std::string::npos);

    // The register is personal data and often kept out of git: the working tree's copy is used.
    REQUIRE(shell(site.root(), "git add schoolgate.yml").status == 0);
    ran = shell(site.root(), schoolgate_command() + " check --staged");
    CHECK(ran.status == 0);
    CHECK(ran.err == "schoolgate: note: consent/register.csv is not in git; using the working tree's copy\n");
    CHECK(ran.out == "checked 1 pages and 0 images in the git index; 0 withheld; 0 errors, 0 warnings\n");
}

TEST_CASE("build --format json lists what was published") {
    TempSite site(violating_site);
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    Run ran = shell(site.root(), schoolgate_command() + " build --jobs 1 --format json --date " + sg::testing::test_date);
    CHECK(ran.status == 1);
    nlohmann::json report = nlohmann::json::parse(ran.out);
    CHECK(report["command"] == "build");
    std::vector<std::string> published = report["published"];
    CHECK(std::find(published.begin(), published.end(), "index.html") != published.end());
    CHECK(std::find(published.begin(), published.end(), "news/trip/index.html") == published.end());
    CHECK(report["withheld"].size() == 2);
    check_no_full_names(ran.out);
    check_no_full_names(ran.err);
}

}  // TEST_SUITE
