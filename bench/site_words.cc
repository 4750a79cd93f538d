// Measures the false alarms of name.full-name and contact.personal on prose a school writes, with
// the real pipeline (`schoolgate build`, rendered bytes verified), before and after the school's
// lists in schoolgate.yml.
//
//   site_words [--pupils N] [--pages N] [--corpus DIR] [--theme DIR] [--work DIR]
//   defaults: 1500 pupils, 2000 pages, bench/corpus, themes/default, /tmp/schoolgate-site-words
//
// Names: a register of N fictional pupils with common UK first names and surnames, some of which
// are also words (Summer, May, Hope, Grace; Day, Field, Forest, Hall), among them five pupils whose
// whole name is an everyday phrase; and N news pages built from bench/corpus/school-news (sentences
// written for the project, naming no pupil, so every full-name finding is a false alarm; one page
// in eight holds a sentence about a seasonal event, where such words stand side by side). Built
// once as is, then again with the lower-case phrases the first build found listed under
// policy.names.phrases, as a school would after reading the hints.
//
// Contacts: bench/corpus/online-safety (policy pages written for the project, with a council's,
// the school's IT support's and the national helplines' contacts) built without its lists (no
// contact.organisations, no second email domain, the built-in helplines off: what schoolgate did
// before them) and with the configuration the school would write.
//
// Prints pages withheld and findings per 100,000 words. Not a test: a measurement.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <vips/vips8>
#include <yaml-cpp/yaml.h>

#include "pipeline/pipeline.h"
#include "rules/names.h"
#include "rules/phrases.h"
#include "uk_names.h"
#include "util/unicode.h"

namespace fs = std::filesystem;
using namespace sg;
using namespace sg::bench;

namespace {

// Names that are also words, added to the common ones (some are already there).
const char* const word_first_names[] = {"Summer", "May", "Hope", "Grace", "Holly", "Autumn", "Rose", "Ivy"};
const char* const word_surnames[] = {"Day", "Field", "Forest", "Hall", "Hill", "Wood", "Brook", "Green"};
// Pupils whose whole name is an everyday phrase: a school of 1,500 has a few.
const std::pair<const char*, const char*> phrase_pupils[] = {
    {"Summer", "Day"}, {"Summer", "Forest"}, {"May", "Day"}, {"Hope", "Field"}, {"Grace", "Hall"}};

std::string register_csv(size_t count) {
    Random random;
    std::vector<std::string> firsts(std::begin(first_names), std::end(first_names));
    std::vector<std::string> lasts(std::begin(surnames), std::end(surnames));
    firsts.insert(firsts.end(), std::begin(word_first_names), std::end(word_first_names));
    lasts.insert(lasts.end(), std::begin(word_surnames), std::end(word_surnames));
    std::ostringstream csv;
    csv << "id,first_name,last_name,known_as,other_names,role,group,photo_website,photo_social,photo_newsletter,"
           "work_website,full_name_with_photo,granted_on,expires_on,withdrawn_on,left_on,protected\n";
    for (size_t i = 0; i < count; ++i) {
        std::string first, last;
        if (i < std::size(phrase_pupils)) {
            first = phrase_pupils[i].first;
            last = phrase_pupils[i].second;
        } else {
            first = firsts[random.below(firsts.size())];
            last = lasts[random.below(lasts.size())];
        }
        std::string known_as, other;
        for (const Nickname& nickname : nicknames)
            if (first == nickname.name && random.below(2) == 0) known_as = nickname.known_as;
        if (random.below(4) == 0) other = firsts[random.below(firsts.size())];
        if (last.find(' ') != std::string::npos || last.find('\'') != std::string::npos) last = "\"" + last + "\"";
        csv << "P" << 10000 + i << "," << first << "," << last << "," << known_as << "," << other << ",pupil,Year "
            << 1 + i % 6 << ",yes,yes,yes,yes,no,2026-09-01,2027-08-31,,,\n";
    }
    return csv.str();
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// The corpus's ordinary sentences, and those after its [seasonal] line.
struct Sentences {
    std::vector<std::string> ordinary, seasonal;
};

Sentences sentences(const fs::path& file) {
    Sentences out;
    std::vector<std::string>* section = &out.ordinary;
    std::istringstream in(read_file(file));
    for (std::string line; std::getline(in, line);) {
        if (line == "[seasonal]")
            section = &out.seasonal;
        else if (!line.empty() && line[0] != '#')
            section->push_back(line);
    }
    return out;
}

// News pages of three or four paragraphs, each of three or four ordinary sentences; on one page
// in eight, one of them is a seasonal sentence instead.
std::vector<std::string> news_bodies(const Sentences& pool, size_t pages) {
    Random random;
    std::vector<std::string> bodies;
    for (size_t page = 0; page < pages; ++page) {
        std::vector<std::vector<std::string>> paragraphs(3 + random.below(2));
        for (auto& paragraph : paragraphs)
            for (size_t count = 3 + random.below(2), s = 0; s < count; ++s)
                paragraph.push_back(pool.ordinary[random.below(pool.ordinary.size())]);
        if (random.below(8) == 0) {
            auto& paragraph = paragraphs[random.below(paragraphs.size())];
            paragraph[random.below(paragraph.size())] = pool.seasonal[random.below(pool.seasonal.size())];
        }
        std::string body;
        for (const auto& paragraph : paragraphs) {
            for (size_t s = 0; s < paragraph.size(); ++s) body += (s ? " " : "") + paragraph[s];
            body += "\n\n";
        }
        bodies.push_back(body);
    }
    return bodies;
}

const char* const news_config = R"(school:
  name: Brookton Community Academy
  base_url: https://www.brookton-academy.example/
contact:
  address: 10 Station Road, Brookton
  postcode: BK2 3XY
  phone: 01632 960900
  email: office@brookton-academy.example
  email_domains: [brookton-academy.example]
)";

size_t words_in(const std::string& text) { return util::fold_words(text).size(); }
double per_100k(size_t count, size_t words) { return words ? 100000.0 * double(count) / double(words) : 0; }

struct Outcome {
    size_t pages = 0, withheld = 0, findings = 0;
    double seconds = 0;
};

Outcome build(const fs::path& site, const std::string& rule) {
    fs::remove_all(site / "site");
    fs::remove_all(site / ".schoolgate");
    pipeline::Options options;
    options.source = site;
    options.date = util::parse_iso_date("2026-11-23");
    options.record = false;
    auto start = std::chrono::steady_clock::now();
    pipeline::Result result = pipeline::run_build(options);
    Outcome outcome;
    outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (result.status == pipeline::Status::usage || result.status == pipeline::Status::internal) {
        for (const auto& d : result.diagnostics.all()) std::cerr << d.location.path << ": " << d.message << "\n";
        std::exit(3);
    }
    outcome.pages = result.pages_checked;
    outcome.withheld = result.withheld.size();
    for (const auto& d : result.diagnostics.all())
        if (d.rule == rule && d.severity == diag::Severity::error) ++outcome.findings;
    return outcome;
}

void report(const char* label, const Outcome& outcome, size_t words) {
    std::cout << "  " << label << ": " << outcome.withheld << " of " << outcome.pages << " pages withheld, "
              << outcome.findings << " findings = " << per_100k(outcome.findings, words) << " per 100,000 words ("
              << outcome.seconds << " s)\n";
}

void copy_theme(const fs::path& theme, const fs::path& site) {
    fs::create_directories(site / "themes");
    fs::copy(theme, site / "themes" / "default", fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

void names_bench(size_t pupils, size_t pages, const fs::path& corpus, const fs::path& theme, const fs::path& work) {
    fs::path site = work / "names";
    fs::remove_all(site);
    std::string csv = register_csv(pupils);
    write_file(site / "consent" / "register.csv", csv);
    write_file(site / "content" / "index.md", "---\ntitle: Welcome\n---\nWelcome to our academy.\n");
    copy_theme(theme, site);
    std::vector<std::string> bodies = news_bodies(sentences(corpus / "school-news" / "sentences.txt"), pages);
    size_t words = 0;
    for (size_t i = 0; i < bodies.size(); ++i) {
        std::string page = "---\ntitle: News " + std::to_string(i + 1) + "\ndate: 2026-10-14\n---\n" + bodies[i];
        write_file(site / "content" / "news" / ("post-" + std::to_string(i + 1) + ".md"), page);
        words += words_in(page);
    }
    write_file(site / "schoolgate.yml", news_config);

    // The phrases a school would list after the first build: the lower-case full names found.
    diag::Diagnostics ignored;
    consent::Register people = consent::parse_register(csv, "register.csv", ignored);
    rules::NameMatcher matcher(people);
    std::set<std::string> phrases;
    std::map<std::string, size_t> capitalised_forms;
    size_t lower = 0, capitalised = 0;
    for (const std::string& body : bodies)
        for (const rules::NameMatch& match : matcher.find(body)) {
            if (match.form != rules::NameForm::full) continue;
            std::string_view words_matched = std::string_view(body).substr(match.begin, match.end - match.begin);
            if (rules::is_lower_case(words_matched)) {
                ++lower;
                phrases.insert(util::fold(words_matched));
            } else {
                ++capitalised;
                ++capitalised_forms[std::string(words_matched)];
            }
        }

    std::cout << "names: " << pupils << " pupils (" << std::size(phrase_pupils) << " named like a phrase), " << pages
              << " news pages, " << words << " words\n";
    std::cout << "  full-name matches in the prose (none is a pupil): " << lower << " lower case, " << capitalised
              << " capitalised";
    for (const auto& [form, count] : capitalised_forms) std::cout << " (\"" << form << "\" " << count << ")";
    std::cout << "\n";
    Outcome before = build(site, "name.full-name");
    report("unlisted", before, words);

    std::string config = std::string(news_config) + "policy:\n  names:\n    phrases:\n";
    for (const std::string& phrase : phrases)
        config += "      - phrase: " + phrase + "\n        reason: an everyday phrase in our news, not the pupil\n";
    write_file(site / "schoolgate.yml", config);
    std::cout << "  listed " << phrases.size() << " phrases:";
    for (const std::string& phrase : phrases) std::cout << " \"" << phrase << "\"";
    std::cout << "\n";
    Outcome after = build(site, "name.full-name");
    report("listed", after, words);
}

void contacts_bench(const fs::path& corpus, const fs::path& theme, const fs::path& work) {
    fs::path site = work / "contacts";
    fs::remove_all(site);
    fs::copy(corpus / "online-safety", site, fs::copy_options::recursive);
    copy_theme(theme, site);
    size_t words = 0;
    for (const auto& entry : fs::recursive_directory_iterator(site / "content"))
        if (entry.path().extension() == ".md") words += words_in(read_file(entry.path()));

    std::string school_config = read_file(site / "schoolgate.yml");
    YAML::Node config = YAML::Load(school_config);
    config["contact"].remove("organisations");
    config["contact"]["email_domains"] = std::vector<std::string>{"oakfield-primary.example"};
    config["contact"]["builtin_helplines"] = false;
    YAML::Emitter without;
    without << config;
    write_file(site / "schoolgate.yml", without.c_str());

    std::cout << "contacts: online-safety corpus, " << words << " words\n";
    report("without the lists (as before)", build(site, "contact.personal"), words);
    write_file(site / "schoolgate.yml", school_config);
    report("with the school's configuration", build(site, "contact.personal"), words);
}

}  // namespace

int main(int argc, char** argv) {
    if (VIPS_INIT(argv[0])) return 3;
    size_t pupils = 1500, pages = 2000;
    fs::path corpus = "bench/corpus", theme = "themes/default", work = fs::temp_directory_path() / "schoolgate-site-words";
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string option = argv[i], value = argv[i + 1];
        if (option == "--pupils") pupils = std::stoul(value);
        else if (option == "--pages") pages = std::stoul(value);
        else if (option == "--corpus") corpus = value;
        else if (option == "--theme") theme = value;
        else if (option == "--work") work = value;
        else {
            std::cerr << "site_words: unknown option " << option << "\n";
            return 2;
        }
    }
    corpus = fs::absolute(corpus);
    theme = fs::absolute(theme);
    names_bench(pupils, pages, corpus, theme, fs::absolute(work));
    contacts_bench(corpus, theme, fs::absolute(work));
    fs::remove_all(work);
    return 0;
}
