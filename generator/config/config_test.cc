#include "config/config.h"

#include <doctest/doctest.h>

#include "diag/printer.h"

namespace {

std::string messages(const sg::diag::Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics.all())
        out += d.location.path + ":" + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) +
               ": " + d.message + " [" + d.rule + "]\n";
    return out;
}

const char* const minimal = R"(school:
  name: Test School
  base_url: https://www.test-school.example
contact:
  address: 1 Lane
  postcode: BK4 7QT
  phone: 01632 960000
  email: office@test-school.example
)";

}  // namespace

TEST_SUITE("config") {

TEST_CASE("defaults are the strictest reading of the policy") {
    sg::diag::Diagnostics diagnostics;
    auto config = sg::config::parse_config(minimal, "schoolgate.yml", diagnostics);
    CHECK(messages(diagnostics) == "");
    CHECK(config.school_name == "Test School");
    CHECK(config.base_url == "https://www.test-school.example/");
    CHECK(config.policy.full_name == sg::config::FullNamePolicy::never);
    CHECK(config.policy.first_name_with_photo == sg::config::FirstNameWithPhoto::never);
    CHECK(config.policy.lawful_basis == sg::config::LawfulBasisSetting::consent);
    CHECK(config.images.widths == std::vector<int>{480, 960, 1600});
    CHECK(config.images.max_width == 1600);
}

TEST_CASE("every problem is reported at its line and column") {
    struct Case {
        const char* name;
        std::string yaml;
        std::string expected;
    };
    const Case cases[] = {
        {"unknown key with did-you-mean", std::string(minimal) + "theem: default\n",
         "schoolgate.yml:9:1: unknown key 'theem'; did you mean 'theme'? [config.invalid]\n"},
        {"unknown nested key", std::string(minimal) + "policy:\n  names:\n    full_nme: never\n",
         "schoolgate.yml:11:5: unknown key 'full_nme'; did you mean 'full_name'? [config.invalid]\n"},
        {"bad policy value", std::string(minimal) + "policy:\n  lawful_basis: public_task\n",
         "schoolgate.yml:10:17: 'public_task' is not one of consent, public-task; did you mean 'public-task'? "
         "[config.invalid]\n"},
        {"width above the maximum", std::string(minimal) + "images:\n  widths: [480, 2000]\n  max_width: 1600\n",
         "schoolgate.yml:10:17: width 2000 is larger than max_width 1600 [config.invalid]\n"},
        {"quality out of range", std::string(minimal) + "images:\n  quality: 0\n",
         "schoolgate.yml:10:12: expected a whole number from 1 to 100 [config.invalid]\n"},
        {"missing section", "school:\n  name: X\n  base_url: https://x.example/\n",
         "schoolgate.yml:1:1: missing section 'contact' [config.invalid]\n"},
        {"not YAML", "school: [\n", "schoolgate.yml:2:1: cannot parse YAML: end of sequence flow not found [config.invalid]\n"},
    };
    for (const Case& c : cases) {
        INFO("case: " << std::string(c.name));
        sg::diag::Diagnostics diagnostics;
        sg::config::parse_config(c.yaml, "schoolgate.yml", diagnostics);
        CHECK(messages(diagnostics) == c.expected);
    }
}

TEST_CASE("the relaxed policy knobs are read") {
    sg::diag::Diagnostics diagnostics;
    auto config = sg::config::parse_config(std::string(minimal) +
                                               "policy:\n  names:\n    full_name: with-written-permission\n"
                                               "    first_name_with_photo: allowed\n  lawful_basis: public-task\n",
                                           "schoolgate.yml", diagnostics);
    CHECK(messages(diagnostics) == "");
    CHECK(config.policy.full_name == sg::config::FullNamePolicy::with_written_permission);
    CHECK(config.policy.first_name_with_photo == sg::config::FirstNameWithPhoto::allowed);
    CHECK(config.policy.lawful_basis == sg::config::LawfulBasisSetting::public_task);
}

TEST_CASE("publish: the target, a key file and a known_hosts file, and never a password") {
    sg::diag::Diagnostics diagnostics;
    auto config = sg::config::parse_config(std::string(minimal) +
                                               "publish:\n  target: sftp://ict@web.example/var/www\n  key: ~/.ssh/school\n"
                                               "  known_hosts: ~/.ssh/school_known_hosts\n",
                                           "schoolgate.yml", diagnostics);
    CHECK(messages(diagnostics) == "");
    CHECK(config.publish.target == "sftp://ict@web.example/var/www");
    CHECK(config.publish.key == "~/.ssh/school");
    CHECK(config.publish.known_hosts == "~/.ssh/school_known_hosts");

    sg::diag::Diagnostics refused;
    sg::config::parse_config(std::string(minimal) + "publish:\n  target: sftp://ict@web.example/\n  password: hunter2\n",
                             "schoolgate.yml", refused);
    CHECK(messages(refused) ==
          "schoolgate.yml:11:13: a password must never be kept in schoolgate.yml (it is committed with the site) [config.invalid]\n");
}

TEST_CASE("a missing file is an error, never an empty configuration") {
    sg::diag::Diagnostics diagnostics;
    sg::config::load_config("/nonexistent/schoolgate.yml", "schoolgate.yml", diagnostics);
    REQUIRE(diagnostics.error_count() == 1);
    CHECK(diagnostics.all()[0].message.find("cannot read the configuration") == 0);
}

}  // TEST_SUITE
