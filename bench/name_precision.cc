// Measures the name guard's precision and speed on real English prose that names no pupil.
//
//   name_precision [FILE|DIR]...   (default: Debian's licence texts and copyright files)
//
// A register of 500 fictional pupils is built from common UK first names and surnames (some with
// a middle name, some known by a short form), then every text is scanned by the NameMatcher the
// gate uses. The prose contains none of these pupils, so every full-name match is a false
// positive of name.full-name (which fires on a full name anywhere), and every first-name match is
// what name.with-photo would report if that pupil were pictured on the page. Prints the words
// scanned, both rates per 100,000 words, the forms most often matched, and the matcher's
// throughput. Not a test: a measurement to keep an eye on.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "consent/register.h"
#include "uk_names.h"
#include "rules/names.h"
#include "util/unicode.h"

namespace fs = std::filesystem;
using namespace sg;
using namespace sg::bench;

namespace {

consent::Register make_register(size_t count) {
    Random random;
    std::vector<consent::Person> people;
    for (size_t i = 0; i < count; ++i) {
        consent::Person person;
        person.id = "P" + std::to_string(10000 + i);
        person.first_name = first_names[random.below(std::size(first_names))];
        person.last_name = surnames[random.below(std::size(surnames))];
        for (const Nickname& nickname : nicknames)
            if (person.first_name == nickname.name && random.below(2) == 0) person.known_as = nickname.known_as;
        if (random.below(4) == 0) person.other_names.push_back(first_names[random.below(std::size(first_names))]);
        person.role = consent::Role::pupil;
        people.push_back(std::move(person));
    }
    return consent::Register(std::move(people));
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool is_text(const fs::path& path) {
    std::string ext = path.extension().string();
    return ext != ".gz" && ext != ".xz" && ext != ".bz2" && ext != ".zst" && ext != ".jpg" && ext != ".png";
}

void collect(const fs::path& path, std::vector<fs::path>& files) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec))
            if (it->is_regular_file(ec) && is_text(it->path())) files.push_back(it->path());
    } else if (fs::is_regular_file(path, ec)) {
        files.push_back(path);
    }
}

std::vector<std::string> default_corpus() {
    std::vector<std::string> paths{"/usr/share/common-licenses"};
    std::error_code ec;
    for (auto it = fs::directory_iterator("/usr/share/doc", ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        paths.push_back((it->path() / "copyright").string());
    return paths;
}

double per_100k(size_t count, size_t words) { return words ? 100000.0 * static_cast<double>(count) / static_cast<double>(words) : 0; }

void print_top(const char* heading, const std::map<std::string, size_t>& counts, size_t limit) {
    std::vector<std::pair<size_t, std::string>> sorted;
    for (const auto& [form, count] : counts) sorted.emplace_back(count, form);
    std::sort(sorted.rbegin(), sorted.rend());
    std::cout << heading << "\n";
    for (size_t i = 0; i < sorted.size() && i < limit; ++i)
        std::cout << "  " << sorted[i].first << "  " << sorted[i].second << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> inputs(argv + 1, argv + argc);
    if (inputs.empty()) inputs = default_corpus();
    std::vector<fs::path> files;
    for (const std::string& input : inputs) collect(input, files);
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());

    std::vector<std::string> texts;
    size_t bytes = 0;
    for (const fs::path& file : files) {
        texts.push_back(read_file(file));
        bytes += texts.back().size();
    }

    const size_t pupils = 500;
    const consent::Register people = make_register(pupils);
    const rules::NameMatcher matcher(people);

    size_t words = 0, full = 0, first = 0;
    std::map<std::string, size_t> full_forms, first_forms;
    auto start = std::chrono::steady_clock::now();
    for (const std::string& text : texts)
        for (const rules::NameMatch& match : matcher.find(text)) {
            std::string folded = util::fold(std::string_view(text).substr(match.begin, match.end - match.begin));
            if (match.form == rules::NameForm::full) {
                ++full;
                ++full_forms[folded];
            } else {
                ++first;
                ++first_forms[folded];
            }
        }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const std::string& text : texts) words += util::fold_words(text).size();

    // Throughput of the matcher alone (best of three passes; the first pass above also counted).
    double best = seconds;
    for (int pass = 0; pass < 3; ++pass) {
        size_t found = 0;
        auto begin = std::chrono::steady_clock::now();
        for (const std::string& text : texts) found += matcher.find(text).size();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count());
        if (found != full + first) std::cerr << "inconsistent pass\n";
    }

    std::cout << "register: " << pupils << " fictional pupils\n";
    std::cout << "corpus: " << files.size() << " files, " << bytes << " bytes, " << words << " words\n";
    std::cout << "full-name matches (name.full-name false positives): " << full << " = " << per_100k(full, words)
              << " per 100,000 words\n";
    std::cout << "first-name matches (name.with-photo if that pupil were pictured): " << first << " = "
              << per_100k(first, words) << " per 100,000 words for all " << pupils << " pupils pictured, "
              << per_100k(first, words) / static_cast<double>(pupils) << " per pictured pupil\n";
    std::cout << "matcher throughput: " << static_cast<double>(bytes) / 1e6 / best << " MB/s (" << best << " s)\n";
    print_top("most matched full-name forms:", full_forms, 20);
    print_top("most matched first names:", first_forms, 20);
    return 0;
}
