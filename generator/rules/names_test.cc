#include "rules/names.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "util/unicode.h"

namespace sg::rules {
namespace {

consent::Person person(std::string id, std::string first, std::string last, std::string known_as = "",
                       std::vector<std::string> other_names = {}) {
    consent::Person p;
    p.id = std::move(id);
    p.first_name = std::move(first);
    p.last_name = std::move(last);
    p.known_as = std::move(known_as);
    p.other_names = std::move(other_names);
    return p;
}

// Fictional people.
consent::Register example_register() {
    return consent::Register(std::vector<consent::Person>{
        person("P0001", "Amelia", "Thornbury", "Millie", {"Rose"}),
        person("P0002", "Zoë", "Al-Rashid"),
        person("P0003", "Oliver", "van der Berg", "", {"James", "Peter"}),
        person("P0004", "Siobhán", "O'Donnell-Pryce"),
        person("P0005", "Amelia", "Smith"),
        person("S0001", "Gareth", "Llewellyn", "", {""}),
    });
}

// "P0001 full 'Amelia Thornbury'" for each match, so a failure shows what was found.
std::vector<std::string> describe(const std::vector<NameMatch>& matches, std::string_view text) {
    std::vector<std::string> out;
    for (const NameMatch& m : matches)
        out.push_back(m.person->id + (m.form == NameForm::full ? " full '" : " first '") +
                      std::string(text.substr(m.begin, m.end - m.begin)) + "'");
    return out;
}

using Found = std::vector<std::string>;

}  // namespace

TEST_SUITE("rules::names") {

TEST_CASE("names are found however they are written") {
    const consent::Register people = example_register();
    const NameMatcher matcher(people);
    struct Case {
        std::string text;
        Found found;
    };
    const Case cases[] = {
        // full names, every order and spelling
        {"Amelia Thornbury", {"P0001 full 'Amelia Thornbury'"}},
        {"AMELIA THORNBURY", {"P0001 full 'AMELIA THORNBURY'"}},
        {"amelia thornbury", {"P0001 full 'amelia thornbury'"}},
        {"Amélia Thornbury", {"P0001 full 'Amélia Thornbury'"}},
        {"Thornbury, Amelia", {"P0001 full 'Thornbury, Amelia'"}},
        {"THORNBURY Amelia", {"P0001 full 'THORNBURY Amelia'"}},
        {"Millie Thornbury", {"P0001 full 'Millie Thornbury'"}},
        {"Thornbury, Millie", {"P0001 full 'Thornbury, Millie'"}},
        {"Amelia Rose Thornbury", {"P0001 full 'Amelia Rose Thornbury'"}},
        {"Millie Rose Thornbury", {"P0001 full 'Millie Rose Thornbury'"}},
        {"Rose Thornbury", {"P0001 full 'Rose Thornbury'"}},
        {"Amelia Thornbury's painting", {"P0001 full 'Amelia Thornbury'"}},
        {"Amelia Thornbury’s painting", {"P0001 full 'Amelia Thornbury'"}},
        {"Amelia\u00A0Thornbury", {"P0001 full 'Amelia\u00A0Thornbury'"}},
        {"Ame\u200Blia Thornbury", {"P0001 full 'Ame\u200Blia Thornbury'"}},
        {"Amelia Thorn\u00ADbury", {"P0001 full 'Amelia Thorn\u00ADbury'"}},
        {"Amelia\nThornbury", {"P0001 full 'Amelia\nThornbury'"}},
        {"Amelia\r\n   Thornbury", {"P0001 full 'Amelia\r\n   Thornbury'"}},
        {"amelia.thornbury@example.com", {"P0001 full 'amelia.thornbury'"}},
        {"/news/amelia-thornbury-wins", {"P0001 full 'amelia-thornbury'"}},
        {"“Amelia” Thornbury", {"P0001 full 'Amelia” Thornbury'"}},
        {"Zoë Al-Rashid", {"P0002 full 'Zoë Al-Rashid'"}},
        {"Zoe Al Rashid", {"P0002 full 'Zoe Al Rashid'"}},
        {"ZOE AL\u2011RASHID", {"P0002 full 'ZOE AL\u2011RASHID'"}},
        {"Zoe\u0308 al\u2013rashid", {"P0002 full 'Zoe\u0308 al\u2013rashid'"}},
        {"Al-Rashid, Zoë", {"P0002 full 'Al-Rashid, Zoë'"}},
        {"Oliver van der Berg", {"P0003 full 'Oliver van der Berg'"}},
        {"OLIVER VAN DER BERG", {"P0003 full 'OLIVER VAN DER BERG'"}},
        {"Oliver Peter van der Berg", {"P0003 full 'Oliver Peter van der Berg'"}},
        {"Oliver James Peter van der Berg", {"P0003 full 'Oliver James Peter van der Berg'"}},
        {"van der Berg, Oliver", {"P0003 full 'van der Berg, Oliver'"}},
        {"Siobhan O’Donnell Pryce", {"P0004 full 'Siobhan O’Donnell Pryce'"}},
        // a name of several words joined up, wholly or in part
        {"Zoe Alrashid", {"P0002 full 'Zoe Alrashid'"}},
        {"ALRASHID, Zoe", {"P0002 full 'ALRASHID, Zoe'"}},
        {"Siobhan ODonnell-Pryce", {"P0004 full 'Siobhan ODonnell-Pryce'"}},
        {"Siobhan O'DonnellPryce", {"P0004 full 'Siobhan O'DonnellPryce'"}},
        {"siobhan odonnellpryce", {"P0004 full 'siobhan odonnellpryce'"}},
        {"Oliver vanderBerg", {"P0003 full 'Oliver vanderBerg'"}},
        {"Oliver Vanderberg", {"P0003 full 'Oliver Vanderberg'"}},
        {"Amelia Smith", {"P0005 full 'Amelia Smith'"}},
        {"Amelia Thornbury met Amelia Thornbury",
         {"P0001 full 'Amelia Thornbury'", "P0001 full 'Amelia Thornbury'"}},
        {"Thornbury Amelia Thornbury", {"P0001 full 'Thornbury Amelia'", "P0001 full 'Amelia Thornbury'"}},
        // first names on their own
        {"Amelia", {"P0001 first 'Amelia'", "P0005 first 'Amelia'"}},
        {"Millie", {"P0001 first 'Millie'"}},
        {"Well done, AMELIA!", {"P0001 first 'AMELIA'", "P0005 first 'AMELIA'"}},
        {"Amelia's painting", {"P0001 first 'Amelia'", "P0005 first 'Amelia'"}},
        {"Amelia T.", {"P0001 first 'Amelia'", "P0005 first 'Amelia'"}},
        {"Amelia Rose", {"P0001 first 'Amelia'", "P0005 first 'Amelia'"}},
        {"SIOBHAN", {"P0004 first 'SIOBHAN'"}},
        {"Zoe Al", {"P0002 first 'Zoe'"}},
        {"Zoe Rashid", {"P0002 first 'Zoe'"}},
        {"Oliver Berg", {"P0003 first 'Oliver'"}},
        {"Millie and Zoë", {"P0001 first 'Millie'", "P0002 first 'Zoë'"}},
        // not names
        {"Thornbury", {}},
        {"Thornbury Road", {}},
        {"A. Thornbury", {}},
        {"Ameliasburg", {}},
        {"Pamelia", {}},
        {"Ame-lia Thornbury", {}},
        {"AmeliaThornbury", {}},
        {"Alrashid", {}},
        {"Zoe Alras hid", {"P0002 first 'Zoe'"}},
        {"Rose", {}},
        {"James Peter", {}},
        {"van der Berg", {}},
        {"Mr Llewellyn", {}},
        {"", {}},
        {"\xC3\x28\xFF Amel\xE9ia", {}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(describe(matcher.find(c.text), c.text) == c.found);
    }
}

TEST_CASE("a full name hides the first names inside it, also another person's") {
    const consent::Register people = example_register();
    const NameMatcher matcher(people);
    // "Amelia" is P0005's first name too, but here it is part of P0001's full name.
    const std::string text = "Amelia Thornbury and Amelia";
    CHECK(describe(matcher.find(text), text) ==
          Found{"P0001 full 'Amelia Thornbury'", "P0001 first 'Amelia'", "P0005 first 'Amelia'"});
}

TEST_CASE("matches are byte ranges of the original text") {
    const consent::Register people = example_register();
    const NameMatcher matcher(people);
    const std::string text = "Well done Zoë Al‑Rashid’s team";
    std::vector<NameMatch> matches = matcher.find(text);
    REQUIRE(matches.size() == 1);
    CHECK(matches[0].person == people.find("P0002"));
    CHECK(matches[0].form == NameForm::full);
    CHECK(matches[0].begin == 10);
    CHECK(matches[0].end == 10 + std::string("Zoë Al‑Rashid").size());
}

TEST_CASE("HTML character references are decoded before matching") {
    const consent::Register people = example_register();
    const NameMatcher matcher(people);
    const std::string text = util::decode_html_entities("Zo&euml; Al&#8209;Rashid and Sio&shy;bh&aacute;n");
    CHECK(describe(matcher.find(text), text) ==
          Found{"P0002 full 'Zoë Al‑Rashid'", "P0004 first 'Sio\u00ADbhán'"});
}

TEST_CASE("people with the same name are each reported") {
    const consent::Register people(std::vector<consent::Person>{
        person("P0010", "Harry", "Cole"),
        person("P0011", "Harry", "Cole"),
    });
    const NameMatcher matcher(people);
    CHECK(describe(matcher.find("Harry Cole"), "Harry Cole") == Found{"P0010 full 'Harry Cole'", "P0011 full 'Harry Cole'"});
}

TEST_CASE("a large register is matched in one pass") {
    std::vector<consent::Person> list;
    for (int i = 0; i < 600; ++i)
        list.push_back(person("P" + std::to_string(1000 + i), "First" + std::to_string(i), "Last" + std::to_string(i)));
    list.push_back(person("P9999", "Amelia", "Thornbury"));
    const consent::Register people(std::move(list));
    const NameMatcher matcher(people);
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "Year 3 visited the castle. ";
    text += "Last17 First17 and First599 and Amelia Thornbury";
    CHECK(describe(matcher.find(text), text) ==
          Found{"P1017 full 'Last17 First17'", "P1599 first 'First599'", "P9999 full 'Amelia Thornbury'"});
}

}  // TEST_SUITE

}  // namespace sg::rules
