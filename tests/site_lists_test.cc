// End to end: the lists a school keeps once in schoolgate.yml, built by the real pipeline —
// organisations whose contacts may appear (contact.organisations, the built-in national
// helplines) and phrases that are also a pupil's full name (policy.names.phrases). The register
// is temp_site.h's, with two pupils whose names are everyday words, P0012 Summer Day (known as
// Sunny) and P0013 May Day, and P0014 Summer Quayle.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "process.h"
#include "site_build.h"
#include "temp_site.h"

using sg::pipeline::Status;
using sg::testing::Run;
using sg::testing::TempSite;
using sg::testing::build;
using sg::testing::printed;
using sg::testing::rules_withholding;

namespace {

const std::string register_with_word_names =
    std::string(sg::testing::base_register) +
    "P0012,Summer,Day,Sunny,,pupil,Year 4,yes,yes,yes,yes,no,2026-09-01,2027-08-31,,,\n"
    "P0013,May,Day,,,pupil,Year 2,yes,yes,yes,yes,no,2026-09-01,2027-08-31,,,\n"
    "P0014,Summer,Quayle,,,pupil,Year 6,yes,yes,yes,yes,no,2026-09-01,2027-08-31,,,\n";

// The test site's configuration with `contact_more` added to its contact section, and `policy`.
std::string config(const std::string& contact_more = "", const std::string& policy = "",
                   const std::string& email_domains = "[brookfield-test.example]") {
    return "school:\n  name: Brookfield Test School\n  base_url: https://www.brookfield-test.example/\n"
           "contact:\n  address: 2 Mill Lane, Brookton\n  postcode: BK4 7QT\n  phone: 01632 960001\n"
           "  email: office@brookfield-test.example\n  email_domains: " + email_domains + "\n" +
           contact_more + policy +
           "images:\n  widths: [320, 640]\n  max_width: 640\n  quality: 80\n  formats: [jpeg, webp]\n";
}

const std::string phrases = "policy:\n  names:\n    phrases:\n"
                            "      - phrase: summer day\n        reason: the season, not the pupil in Year 4\n"
                            "      - phrase: may day\n        reason: the May Day fair every spring\n";

const std::string organisations =
    "  organisations:\n"
    "    - name: Brookton Council ICT helpdesk\n"
    "      phone: 01632 961234\n"
    "      reason: staff call it about school laptops (online-safety policy)\n"
    "    - name: Brookton Council designated safeguarding officer\n"
    "      phone: 01632 961500\n"
    "      email: safeguarding.officer@brookton-council.example\n"
    "      url: https://www.brookton-council.example/safeguarding\n"
    "      reason: the contact the safeguarding policy gives parents and staff\n";

// A news post; `photo` adds lake.jpg with these front matter lines (alt, people...).
struct Post {
    std::string body;
    std::string photo;
    std::string title = "At the seaside";

    std::string text() const {
        std::string front = "---\ntitle: " + title + "\ndate: 2026-10-14\n";
        if (!photo.empty()) front += "photos:\n  - src: lake.jpg\n" + photo;
        return front + "---\n" + body + "\n";
    }
};

struct Case {
    const char* name;
    Post post;
    std::string config;
    std::vector<std::string> rules;  // empty: published
};

// Runs `schoolgate --source SITE ARGS` through sh, capturing its exit status, stdout and stderr.
Run schoolgate(const TempSite& site, const std::string& args) {
    return sg::testing::shell(site.root(), sg::testing::schoolgate_command() + " --source " +
                                               sg::testing::sh_quote(site.root().string()) + " " + args);
}

const std::string date = std::string(" --date ") + sg::testing::test_date;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string full = "name.full-name";
const std::string contact = "contact.personal";

void check_cases(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        INFO("case: " << c.name);
        TempSite site;
        site.write("schoolgate.yml", c.config);
        site.write("consent/register.csv", register_with_word_names);
        if (!c.post.photo.empty()) site.copy_fixture("gps_DSCN0025.jpg", "content/news/fair.jpg");
        std::string text = c.post.text();
        if (!c.post.photo.empty()) text.replace(text.find("lake.jpg"), 8, "fair.jpg");
        site.write("content/news/fair.md", text);
        auto result = build(site);
        INFO(printed(site, result));
        CHECK(rules_withholding(result, "content/news/fair.md") == c.rules);
        CHECK(site.exists("site/news/fair/index.html") == c.rules.empty());
    }
}

}  // namespace

TEST_SUITE("e2e::site_lists") {

TEST_CASE("a phrase that is also a pupil's name publishes only as lower-case running text, once listed") {
    const std::string listed = config("", phrases);
    const std::string lovely = "We had a lovely summer day at the beach.";
    check_cases({
        {"unlisted, lower case mid-sentence", {lovely}, config(), {full}},
        {"listed, lower case mid-sentence", {lovely}, listed, {}},
        {"listed, in emphasis and over a soft line break", {"We had a lovely *summer\nday* at the beach."}, listed, {}},
        {"listed, the other phrase", {"Come to our may day fair, the best yet."}, listed, {}},
        {"listed, capitalised mid-sentence", {"We had a lovely Summer Day at the beach."}, listed, {full}},
        {"listed, one word capitalised", {"We had a lovely Summer day at the beach."}, listed, {full}},
        {"listed, at the start of a sentence", {"It was hot. summer day fun for all."}, listed, {full}},
        {"listed, first in a paragraph", {"summer day fun for all."}, listed, {full}},
        {"listed, in a heading", {"## our summer day\n\nFun for all."}, listed, {full}},
        {"listed, in the title", {.body = "Fun for all.", .title = "our summer day"}, listed, {full}},
        {"listed, surname first", {"We had a lovely day, summer at the beach."}, listed, {full}},
        {"listed, in the alt text of that pupil's photo",
         {"Fun for all.", "    alt: pupils on a lovely summer day\n    people: [P0012]\n"}, listed, {full}},
        {"listed, in the alt text of a photo of nobody",
         {"Fun for all.", "    alt: the beach on a lovely summer day\n    people: []\n"}, listed, {full}},
        {"listed, in a caption", {"Fun for all.", "    alt: The beach\n    caption: on a lovely summer day\n    people: []\n"},
         listed, {full}},
        {"listed, but that pupil is pictured on the page",
         {lovely, "    alt: Pupils at the beach\n    people: [P0012]\n"}, listed, {full}},
        {"listed, but another pupil called Summer is pictured: her first name is judged as ever",
         {lovely, "    alt: Pupils at the beach\n    people: [P0014]\n"}, listed, {"name.with-photo"}},
        {"listed, but the pupil's known-as name is on the page", {lovely + " Sunny built a sandcastle."}, listed,
         {full}},
    });
}

TEST_CASE("an unlisted lower-case full name says how to list the phrase, a listed one says why it is refused") {
    TempSite site;
    site.write("consent/register.csv", register_with_word_names);
    site.write("content/news/fair.md", Post{"We had a lovely summer day at the beach."}.text());
    auto unlisted = build(site);
    CHECK(printed(site, unlisted) ==
          "content/news/fair.md:5:17: error: a pupil's full name (P0012 S.D.) appears in the page [name.full-name]\n"
          "    We had a lovely summer day at the beach.\n"
          "                    ^\n"
          "  hint: use the first name only, or refer to the class or year group; if these lower-case words are an "
          "everyday phrase here and not the pupil, list them once in schoolgate.yml under policy.names.phrases with a "
          "reason (accepted in lower-case running text mid-sentence only)\n");

    site.write("schoolgate.yml", config("", phrases));
    site.write("content/news/fair.md", Post{"We had a lovely Summer Day at the beach."}.text());
    auto capitalised = build(site);
    CHECK(printed(site, capitalised) ==
          "content/news/fair.md:5:17: error: a pupil's full name (P0012 S.D.) appears in the page [name.full-name]\n"
          "    We had a lovely Summer Day at the beach.\n"
          "                    ^\n"
          "  hint: these words are listed in policy.names.phrases, but a phrase is accepted only in lower case, "
          "mid-sentence in the page's running text, on a page that neither shows this pupil nor names them by their "
          "known-as name; reword it here\n");
}

TEST_CASE("organisations' contacts publish once listed, the same numbers unlisted are withheld") {
    const std::string listed = config(organisations);
    const std::string helpdesk = "For laptop problems staff ring the council's ICT helpdesk on 01632 961234.";
    const std::string officer =
        "Concerns about an adult go to the council's designated safeguarding officer, Ms Jane Example, on "
        "01632 961500 or safeguarding.officer@brookton-council.example.";
    const std::string it_support = "Report a filtering problem to itsupport@brookfield-ict.example.";
    check_cases({
        {"the council's helpdesk, unlisted", {helpdesk}, config(), {contact}},
        {"the council's helpdesk, listed", {helpdesk + "\n\nAgain: (01632) 961 234."}, listed, {}},
        {"the safeguarding officer, unlisted", {officer}, config(), {contact}},
        {"the safeguarding officer, listed", {officer}, listed, {}},
        {"the officer's address in capitals", {"SAFEGUARDING.OFFICER@BROOKTON-COUNCIL.EXAMPLE"}, listed, {}},
        {"another address at the council's domain", {"Write to j.example@brookton-council.example."}, listed,
         {contact}},
        {"a number one digit away from a listed one", {"Ring 01632 961235."}, listed, {contact}},
        {"the school's second domain, unlisted", {it_support}, config(), {contact}},
        {"the school's second domain in email_domains", {it_support},
         config("", "", "[brookfield-test.example, brookfield-ict.example]"), {}},
        {"a listed organisation does not excuse a parent's mobile", {helpdesk + " Or ring 07700 900123."}, listed,
         {contact}},
    });
}

TEST_CASE("contact.personal's hint names both ways out and says which fits") {
    TempSite site;
    site.write("content/news/fair.md", Post{"Ring the council on 01632 961234."}.text());
    auto result = build(site);
    CHECK(printed(site, result) ==
          "content/news/fair.md:5:21: error: a phone number that is not the school's appears in the page: "
          "01632 961234 [contact.personal]\n"
          "    Ring the council on 01632 961234.\n"
          "                        ^\n"
          "  hint: an organisation's contact the site gives on purpose (the council, a helpline, a charity): list it "
          "once in schoolgate.yml under contact.organisations with a reason (a domain of the school's own: "
          "email_domains); a one-off on this page only: waive the paragraph with <!-- schoolgate: allow "
          "contact.personal \"reason\" -->; a pupil's, parent's or staff member's own details: remove them\n");
}

TEST_CASE("the national helplines publish without configuration and are withheld when switched off") {
    const std::string nspcc = "Anyone worried about a child can call the NSPCC Helpline on 0808 800 5000 or email "
                              "help@nspcc.org.uk.";
    const std::string short_numbers = "Childline: 0800 1111. Samaritans: 116 123. Emergencies: 999 or 112. Police: "
                                      "101. NHS: 111. Report online at https://www.ceop.police.uk/safety-centre/.";
    const std::string off = config("  builtin_helplines: false\n");
    check_cases({
        {"NSPCC, no configuration", {nspcc}, config(), {}},
        {"NSPCC, built-in list switched off", {nspcc}, off, {contact}},
        {"Professionals Online Safety Helpline", {"Staff can call 0344 381 4772."}, config(), {}},
        {"short national numbers are never phone numbers", {short_numbers}, off, {}},
    });
}

TEST_CASE("the online-safety corpus publishes with the configuration a school would write, and not without it") {
    TempSite site;
    std::filesystem::copy(std::filesystem::path(SG_SOURCE_DIR) / "bench" / "corpus" / "online-safety", site.root(),
                          std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
    const std::vector<std::string> pages = {"content/policies/online-safety.md",
                                            "content/policies/safeguarding-contacts.md",
                                            "content/policies/staying-safe-online-parents.md"};
    auto with_lists = build(site);
    INFO(printed(site, with_lists));
    CHECK(with_lists.status == Status::published);
    CHECK(with_lists.diagnostics.all().empty());

    std::string school_config = site.read("schoolgate.yml");
    std::string without = school_config.substr(0, school_config.find("  organisations:")) +
                          school_config.substr(school_config.find("policy:"));
    site.write("schoolgate.yml", without + "\n");
    auto without_lists = build(site);
    CHECK(without_lists.status == Status::withheld);
    for (const std::string& page : pages) {
        INFO(page);
        CHECK(rules_withholding(without_lists, page) == std::vector<std::string>{contact});
    }
}

TEST_CASE("an organisation entry holding a pupil's name is refused at load: exit status 2, at the entry's line") {
    const std::string typed_in_by_mistake = "  organisations:\n"
                                            "    - name: Brookton Council ICT helpdesk\n"
                                            "      phone: 01632 961234\n"
                                            "      reason: laptops\n"
                                            "    - name: Summer's mum\n"
                                            "      email: summer.day.family@gmail.com\n"
                                            "      reason: she runs the PTA stall\n"
                                            "    - name: Hope Trust\n"
                                            "      email: ameliathornbury@example.org\n"
                                            "      reason: the charity we raise money for\n";
    TempSite site;
    site.write("schoolgate.yml", config(typed_in_by_mistake));
    site.write("consent/register.csv", register_with_word_names);
    site.write("content/news/fair.md", Post{"Fun for all."}.text());
    Run run = schoolgate(site, "build");
    CHECK(run.status == 2);
    CHECK(run.err ==
          "schoolgate.yml:14:7: error: this organisation's entry holds the name of a pupil in the consent register "
          "(P0012 S.D.) [config.invalid]\n"
          "        - name: Summer's mum\n"
          "          ^\n"
          "  hint: contact.organisations is for organisations' contacts only: a pupil's, a parent's or a staff "
          "member's own details are never published; remove the entry\n"
          "schoolgate.yml:17:7: error: this organisation's entry holds the name of a pupil in the consent register "
          "(P0001 A.T.) [config.invalid]\n"
          "        - name: Hope Trust\n"
          "          ^\n"
          "  hint: contact.organisations is for organisations' contacts only: a pupil's, a parent's or a staff "
          "member's own details are never published; remove the entry\n"
          "schoolgate: nothing was written\n");
    CHECK(!site.exists("site"));
}

TEST_CASE("review shows the lists with their reasons, changing a list unapproves every page") {
    TempSite site;
    site.write("schoolgate.yml", config(organisations, phrases));
    site.write("consent/register.csv", register_with_word_names);
    site.write("content/news/fair.md", Post{"We had a lovely summer day at the beach."}.text());
    Run review = schoolgate(site, "review" + date);
    CHECK(review.status == 0);
    CHECK(has(review.out,
              "\nOrganisations whose contacts may appear (contact.organisations) (2):\n"
              "  * Brookton Council ICT helpdesk, 01632 961234\n"
              "      why: staff call it about school laptops (online-safety policy)\n"
              "  * Brookton Council designated safeguarding officer, 01632 961500, "
              "safeguarding.officer@brookton-council.example, https://www.brookton-council.example/safeguarding\n"
              "      why: the contact the safeguarding policy gives parents and staff\n"
              "  National helplines (accepted: contact.builtin_helplines)\n"
              "\nPhrases that are not people (policy.names.phrases) (2):\n"
              "  * \"summer day\" (lower case, mid-sentence only)\n"
              "      why: the season, not the pupil in Year 4\n"
              "  * \"may day\" (lower case, mid-sentence only)\n"
              "      why: the May Day fair every spring\n"));
    Run html = schoolgate(site, "review --html review.html" + date);
    CHECK(html.status == 0);
    std::string page = site.read("review.html");
    CHECK(has(page, "<li><strong>Brookton Council ICT helpdesk</strong>, <code>01632 961234</code><br>why: staff call "
                    "it about school laptops (online-safety policy)</li>"));
    CHECK(has(page, "<li>&ldquo;summer day&rdquo;<br>why: the season, not the pupil in Year 4</li>"));

    CHECK(schoolgate(site, "approve --by 'Head teacher'").status == 0);
    CHECK(schoolgate(site, "build --require-approval" + date).status == 0);
    // A reason reworded, a phrase added, an organisation removed: each unapproves the page.
    for (const std::string& changed :
         {config(organisations, phrases + "      - phrase: grace hall\n        reason: the hall is named after her\n"),
          config(organisations, std::string(phrases).replace(phrases.find("every spring"), 12, "each May")),
          config("", phrases)}) {
        site.write("schoolgate.yml", changed);
        Run unapproved = schoolgate(site, "build --require-approval" + date);
        CHECK(unapproved.status == 1);
        CHECK(has(unapproved.err, "[review.unapproved]"));
    }
    site.write("schoolgate.yml", config(organisations, phrases));
    CHECK(schoolgate(site, "build --require-approval" + date).status == 0);
}

}  // TEST_SUITE
