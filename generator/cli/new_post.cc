#include "cli/new_post.h"

#include "cli/command.h"

#include <fstream>
#include <iostream>

#include "util/date.h"

namespace sg::cli {

namespace {

std::string slug_of(const std::string& title) {
    std::string slug;
    for (unsigned char c : title) {
        if (std::isalnum(c))
            slug += static_cast<char>(std::tolower(c));
        else if (!slug.empty() && slug.back() != '-')
            slug += '-';
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug.empty() ? "post" : slug;
}

std::string yaml_quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\\\"") : c == '\\' ? std::string("\\\\") : std::string(1, c);
    return out + "\"";
}

}  // namespace

int new_post(const std::filesystem::path& source, const std::string& title) {
    std::string today = util::today().iso();
    std::filesystem::path file = source / "content" / "news" / (today + "-" + slug_of(title) + ".md");
    if (std::filesystem::exists(file)) {
        std::cerr << file.string() << ": already exists; nothing written\n";
        return 2;
    }
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file);
    out << "---\n"
        << "title: " << yaml_quoted(title) << "\n"
        << "date: " << today << "\n"
        << "draft: true\n"
        << "summary: \"\"\n"
        << "photos:\n"
        << "  # Every photo needs alt text and `people`: the register ids of everyone identifiable,\n"
        << "  # [] when nobody is in the picture, or unidentifiable (seen from behind, far away).\n"
        << "  # Never name a pupil in alt text or captions.\n"
        << "  - src: photo.jpg\n"
        << "    alt: What the photo shows\n"
        << "    people: []\n"
        << "---\n"
        << "Write the news here. Refer to pupils by class or year group.\n";
    std::cout << "created " << file.string() << " (draft: set draft: false to publish)\n";
    return 0;
}

Run add_new_command(CLI::App& app, const Globals& globals) {
    auto* command = app.add_subcommand("new", "scaffold content: schoolgate new post \"Title\"");
    auto kind = std::make_shared<std::string>();
    auto title = std::make_shared<std::string>();
    command->add_option("kind", *kind, "what to create")->required()->check(CLI::IsMember({"post"}));
    command->add_option("title", *title, "its title")->required();
    return [&globals, kind, title] { return new_post(globals.source, *title); };  // kind: CLI11 writes into it
}

}  // namespace sg::cli
