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

TEST_CASE("organisations and phrases are read with their reasons and lines") {
    sg::diag::Diagnostics diagnostics;
    auto config = sg::config::parse_config(std::string(minimal) +
                                               "  organisations:\n"
                                               "    - name: Brookton Council ICT helpdesk\n"
                                               "      phone: 01632 961234\n"
                                               "      reason: the helpdesk staff call about school laptops\n"
                                               "    - name: Brookton Council safeguarding\n"
                                               "      email: lado@brookton.example\n"
                                               "      url: https://brookton.example/lado\n"
                                               "      reason: the local authority designated officer\n"
                                               "  builtin_helplines: false\n"
                                               "policy:\n  names:\n    phrases:\n"
                                               "      - phrase: summer day\n        reason: the season\n",
                                           "schoolgate.yml", diagnostics);
    CHECK(messages(diagnostics) == "");
    REQUIRE(config.contact.organisations.size() == 2);
    const auto& helpdesk = config.contact.organisations[0];
    CHECK(helpdesk.name == "Brookton Council ICT helpdesk");
    CHECK(helpdesk.phone == "01632 961234");
    CHECK(helpdesk.email == "");
    CHECK(helpdesk.reason == "the helpdesk staff call about school laptops");
    CHECK(helpdesk.at.line == 10);
    CHECK(config.contact.organisations[1].email == "lado@brookton.example");
    CHECK(config.contact.organisations[1].url == "https://brookton.example/lado");
    CHECK_FALSE(config.contact.builtin_helplines);
    REQUIRE(config.policy.phrases.size() == 1);
    CHECK(config.policy.phrases[0].phrase == "summer day");
    CHECK(config.policy.phrases[0].reason == "the season");
    CHECK(config.policy.phrases[0].at.line == 21);
    CHECK(sg::config::parse_config(minimal, "schoolgate.yml", diagnostics).contact.builtin_helplines);
}

TEST_CASE("the approved lists' text changes with any entry and is empty without lists") {
    sg::diag::Diagnostics diagnostics;
    auto with = [&](const std::string& more) {
        return sg::config::approved_lists_text(sg::config::parse_config(std::string(minimal) + more, "s.yml", diagnostics));
    };
    std::string phrase = "policy:\n  names:\n    phrases: [{phrase: summer day, reason: the season}]\n";
    std::string organisation = "  organisations: [{name: Helpdesk, phone: 01632 961234, reason: laptops}]\n";
    CHECK(with("") == "");
    CHECK(with(phrase) != "");
    CHECK(with(phrase) != with("policy:\n  names:\n    phrases: [{phrase: summer day, reason: the summer}]\n"));
    CHECK(with(phrase) != with("policy:\n  names:\n    phrases: [{phrase: may day, reason: the season}]\n"));
    CHECK(with(organisation) != with("  organisations: [{name: Helpdesk, phone: 01632 961235, reason: laptops}]\n"));
    CHECK(with(organisation) != with(""));
    CHECK(messages(diagnostics) == "");
}

TEST_CASE("mistakes in the approved lists are reported at their lines") {
    struct Case {
        const char* name;
        std::string yaml;
        std::string expected;
    };
    const Case cases[] = {
        {"an organisation without a reason",
         std::string(minimal) + "  organisations:\n    - name: Helpdesk\n      phone: 01632 961234\n",
         "schoolgate.yml:10:7: missing 'reason' [config.invalid]\n"},
        {"an organisation without a contact",
         std::string(minimal) + "  organisations:\n    - name: Helpdesk\n      reason: laptops\n",
         "schoolgate.yml:10:7: an organisation needs its phone, email or url: the contact the site may show "
         "[config.invalid]\n"},
        {"a misspelt key",
         std::string(minimal) + "  organisations:\n    - name: Helpdesk\n      phnoe: 01632 961234\n      reason: x\n",
         "schoolgate.yml:11:7: unknown key 'phnoe'; did you mean 'phone'? [config.invalid]\n"
         "schoolgate.yml:10:7: an organisation needs its phone, email or url: the contact the site may show "
         "[config.invalid]\n"},
        {"an email without @",
         std::string(minimal) + "  organisations:\n    - {name: Helpdesk, email: helpdesk, reason: x}\n",
         "schoolgate.yml:10:31: 'helpdesk' is not an email address [config.invalid]\n"},
        {"organisations not a list", std::string(minimal) + "  organisations: Helpdesk\n",
         "schoolgate.yml:9:18: organisations must be a list of {name, phone, email, url, reason} entries "
         "[config.invalid]\n"},
        {"builtin_helplines not a boolean", std::string(minimal) + "  builtin_helplines: no\n",
         "schoolgate.yml:9:22: 'no' is not one of false, true [config.invalid]\n"},
        {"a phrase in capitals",
         std::string(minimal) + "policy:\n  names:\n    phrases:\n      - {phrase: Summer Day, reason: x}\n",
         "schoolgate.yml:12:18: a phrase is written in lower case ('summer day'): it is accepted only where it "
         "reads as ordinary lower-case text [config.invalid]\n"},
        {"a phrase of one word",
         std::string(minimal) + "policy:\n  names:\n    phrases:\n      - {phrase: summer, reason: x}\n",
         "schoolgate.yml:12:18: a phrase has two words or more: a single name on its own is not a full name "
         "[config.invalid]\n"},
        {"a phrase without a reason",
         std::string(minimal) + "policy:\n  names:\n    phrases:\n      - {phrase: summer day}\n",
         "schoolgate.yml:12:9: missing 'reason' [config.invalid]\n"},
        {"a phrase listed twice",
         std::string(minimal) +
             "policy:\n  names:\n    phrases:\n      - {phrase: summer day, reason: x}\n"
             "      - {phrase: summer  day, reason: y}\n",
         "schoolgate.yml:13:18: 'summer  day' is listed twice [config.invalid]\n"},
        {"phrases as plain strings",
         std::string(minimal) + "policy:\n  names:\n    phrases: [summer day]\n",
         "schoolgate.yml:11:15: a phrase is listed with its reason: - {phrase: summer day, reason: ...} "
         "[config.invalid]\n"},
    };
    for (const Case& c : cases) {
        INFO("case: " << std::string(c.name));
        sg::diag::Diagnostics diagnostics;
        sg::config::parse_config(c.yaml, "schoolgate.yml", diagnostics);
        CHECK(messages(diagnostics) == c.expected);
    }
}

TEST_CASE("the register is consent/register.csv unless `register` names another, relative to the site or absolute") {
    sg::diag::Diagnostics diagnostics;
    auto plain = sg::config::parse_config(minimal, "schoolgate.yml", diagnostics);
    CHECK(sg::config::register_path(plain, "/srv/school") == "/srv/school/consent/register.csv");
    auto outside = sg::config::parse_config(std::string(minimal) + "register: ../private/register.csv\n",
                                            "schoolgate.yml", diagnostics);
    CHECK(sg::config::register_path(outside, "/srv/school") == "/srv/private/register.csv");
    auto absolute = sg::config::parse_config(std::string(minimal) + "register: /home/office/register.csv\n",
                                             "schoolgate.yml", diagnostics);
    CHECK(sg::config::register_path(absolute, "/srv/school") == "/home/office/register.csv");
    CHECK(messages(diagnostics) == "");

    sg::config::parse_config(std::string(minimal) + "register: \"\"\n", "schoolgate.yml", diagnostics);
    CHECK(messages(diagnostics) == "schoolgate.yml:9:11: 'register' must not be empty [config.invalid]\n");
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
