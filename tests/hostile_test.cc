// Hostile content, run through the real binary: references that escape content/, pages that try
// to publish the register or the configuration, output folders over the sources, paths that
// collide when case is ignored, broken UTF-8, oversized and explosive YAML, Markdown nesting bombs
// and template syntax in content. Each case ends in its exit status and, where refused, a located
// diagnostic; after every case nothing from consent/ or schoolgate.yml is in site/, site/ holds
// no symlink, and no staging directory is left behind.
#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "process.h"
#include "temp_site.h"

namespace fs = std::filesystem;
using sg::testing::run;
using sg::testing::schoolgate;
using sg::testing::TempSite;

namespace {

// A page with one photo whose src is `src` (its entry starts at 4:5).
std::string photo_page(const std::string& src) {
    return "---\ntitle: Hostile\nphotos:\n  - src: " + src + "\n    alt: A view of the field\n    people: []\n---\n"
           "A view.\n";
}

// A page whose body (from line 4) is `body`.
std::string body_page(const std::string& body) { return "---\ntitle: Hostile\n---\n" + body + "\n"; }

struct Case {
    const char* name;
    std::function<void(const TempSite&)> setup;
    int status;
    std::vector<std::string> errors;  // lines expected on stderr (each a located diagnostic)
    std::vector<std::string> args = {};  // after "build --date D"
    std::function<void(const TempSite&)> check = {};
};

// Nothing from the register or the configuration, and no link to anything, reached site/.
void check_nothing_unsafe(const TempSite& site) {
    CHECK(!site.exists("content/site"));
    for (const auto& entry : fs::directory_iterator(site.root()))
        CHECK_MESSAGE(entry.path().filename().string().find(".staging-") == std::string::npos, entry.path());
    if (!fs::exists(site.site())) return;
    for (auto it = fs::recursive_directory_iterator(site.site()); it != fs::recursive_directory_iterator(); ++it) {
        CHECK_MESSAGE(!it->is_symlink(), it->path());
        if (!it->is_regular_file()) continue;
        std::string bytes = site.read(fs::relative(it->path(), site.root()).string());
        for (const char* secret : {"photo_website", "Thornbury", "email_domains", "postcode:"})
            CHECK_MESSAGE(bytes.find(secret) == std::string::npos, it->path() << " contains " << secret);
    }
}

std::string nested(const std::string& open, const std::string& close, int depth, const std::string& inner) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += open;
    text += inner;
    for (int i = 0; i < depth; ++i) text += close;
    return text;
}

const std::vector<Case>& cases() {
    static const std::vector<Case> all = {
        {"image reference with ..",
         [](const TempSite& s) { s.write("content/hostile.md", photo_page("../consent/register.csv")); }, 1,
         {"content/hostile.md:4:5: error: '../consent/register.csv' points outside content/ [media.outside-content]"}},
        {"image reference with URL-encoded ..",
         [](const TempSite& s) { s.write("content/hostile.md", photo_page("\"%2e%2e/schoolgate.yml\"")); }, 1,
         {"content/hostile.md:4:5: error: '%2e%2e/schoolgate.yml' points outside content/ [media.outside-content]"}},
        {"image reference with URL-encoded slashes",
         [](const TempSite& s) { s.write("content/hostile.md", photo_page("\"%2E%2E%2Fconsent%2Fregister.csv\"")); }, 1,
         {"content/hostile.md:4:5: error: '%2E%2E%2Fconsent%2Fregister.csv' points outside content/ "
          "[media.outside-content]"}},
        {"image reference by absolute path",
         [](const TempSite& s) { s.write("content/hostile.md", photo_page("/etc/passwd")); }, 1,
         {"content/hostile.md:4:5: error: '/etc/passwd' is an absolute path; images must be inside content/ "
          "[media.outside-content]"}},
        {"image symlink inside content/ to the register",
         [](const TempSite& s) {
             fs::create_symlink("../consent/register.csv", s.root() / "content" / "field.jpg");
             s.write("content/hostile.md", photo_page("field.jpg"));
         },
         1, {"content/hostile.md:4:5: error: 'field.jpg' points outside content/ [media.outside-content]"}},
        {"image symlink inside content/ to a photo outside",
         [](const TempSite& s) {
             s.copy_fixture("Canon_40D.jpg", "elsewhere/field.jpg");
             fs::create_symlink(s.root() / "elsewhere" / "field.jpg", s.root() / "content" / "field.jpg");
             s.write("content/hostile.md", photo_page("field.jpg"));
         },
         1, {"content/hostile.md:4:5: error: 'field.jpg' points outside content/ [media.outside-content]"}},
        {"inline image of the configuration",
         [](const TempSite& s) { s.write("content/hostile.md", body_page("![settings](../schoolgate.yml)")); }, 1,
         {"content/hostile.md:4:1: error: image '../schoolgate.yml' is used but not declared in the front matter "
          "[photo.undeclared]"}},
        {"links to the register and the configuration",
         [](const TempSite& s) {
             s.write("content/hostile.md", body_page("[register](../consent/register.csv) [settings](../schoolgate.yml)"));
         },
         1,
         {"content/hostile.md:4:1: error: link to a .csv file, which schoolgate cannot check or clean [media.unsupported]",
          "content/hostile.md:4:37: error: link to a .yml file, which schoolgate cannot check or clean "
          "[media.unsupported]"}},
        {"links to folders outside content/, plain, URL-encoded and raw HTML",
         [](const TempSite& s) {
             s.write("content/hostile.md",
                     body_page("[consent](../consent/) [theme](%2e%2e/themes/)\n\n<a href=\"../consent\">x</a>"));
         },
         1,
         {"content/hostile.md:4:1: error: link '../consent/' points outside content/, at files that are never "
          "published [media.outside-content]",
          "content/hostile.md:4:24: error: link '%2e%2e/themes/' points outside content/, at files that are "
          "never published [media.outside-content]",
          "content/hostile.md:6:1: error: link '../consent' points outside content/, at files that are never "
          "published [media.outside-content]"}},
        {"a page that is a symlink to the configuration",
         [](const TempSite& s) { fs::create_symlink("../schoolgate.yml", s.root() / "content" / "settings.md"); }, 1,
         {"content/settings.md:1:1: error: page is a link to a file outside content/ [media.outside-content]"}},
        {"a page that is a symlink to a page outside content/",
         [](const TempSite& s) {
             s.write("elsewhere/page.md", body_page("From elsewhere."));
             fs::create_symlink(s.root() / "elsewhere" / "page.md", s.root() / "content" / "elsewhere.md");
         },
         1, {"content/elsewhere.md:1:1: error: page is a link to a file outside content/ [media.outside-content]"},
         {}, [](const TempSite& s) { CHECK(!s.exists("site/elsewhere/index.html")); }},
        {"output folder inside content/", {}, 2,
         {"error: refusing to write the site over its own sources [config.invalid]"}, {"--out", "content/site"}},
        {"output folder equal to content/", {}, 2,
         {"error: refusing to write the site over its own sources [config.invalid]"}, {"--out", "content"}},
        {"output folder equal to the source", {}, 2,
         {"error: refusing to write the site over its own sources [config.invalid]"}, {"--out", "."}},
        {"output folder containing the source", {}, 2,
         {"error: refusing to write the site over its own sources [config.invalid]"}, {"--out", ".."}},
        {"output folder inside consent/", {}, 2,
         {"error: refusing to write the site over its own sources [config.invalid]"}, {"--out", "consent/site"}},
        {"two pages whose site paths differ only in case",
         [](const TempSite& s) {
             s.write("content/Trip.md", body_page("One."));
             s.write("content/trip.md", body_page("Two."));
         },
         1,
         {"content/trip.md:1:1: error: the page would be published at trip/index.html, the same path as "
          "content/Trip.md's when case is ignored [content.invalid]"},
         {}, [](const TempSite& s) { CHECK(s.read("site/Trip/index.html").find("One.") != std::string::npos); }},
        {"a page at the path of the news list",
         [](const TempSite& s) { s.write("content/news/index.md", "---\ntitle: News\ndate: 2026-10-01\n---\nx\n"); }, 1,
         {"content/news/index.md:1:1: error: the page would be published at news/index.html, where schoolgate "
          "writes the news list [content.invalid]"}},
        {"tags that differ only in case share one tag page",
         [](const TempSite& s) {
             s.write("content/news/a.md", "---\ntitle: A\ndate: 2026-10-01\ntags: [Music]\n---\nx\n");
             s.write("content/news/b.md", "---\ntitle: B\ndate: 2026-10-02\ntags: [music, MUSIC]\n---\ny\n");
         },
         0, {}, {}, [](const TempSite& s) { CHECK(s.exists("site/tags/music/index.html")); }},
        {"two images whose names differ only in case (outputs are content hashes)",
         [](const TempSite& s) {
             s.copy_fixture("Canon_40D.jpg", "content/Field.jpg");
             s.copy_fixture("Nikon_D70.jpg", "content/field.jpg");
             s.write("content/hostile.md",
                     "---\ntitle: Fields\nphotos:\n  - src: Field.jpg\n    alt: A field\n    people: []\n"
                     "  - src: field.jpg\n    alt: Another field\n    people: []\n---\nFields.\n");
         },
         0, {}},
        {"invalid UTF-8 in the Markdown body",
         [](const TempSite& s) { s.write("content/hostile.md", body_page("Caf\xc3\x28 and \xed\xa0\x80")); }, 1,
         {"content/hostile.md:4:4: error: page is not valid UTF-8 (byte 0xC3) [content.invalid]"}},
        {"invalid UTF-8 in front matter",
         [](const TempSite& s) { s.write("content/hostile.md", "---\ntitle: Bad \xff\xfe\n---\nx\n"); }, 1,
         {"content/hostile.md:2:12: error: page is not valid UTF-8 (byte 0xFF) [content.invalid]"}},
        {"10 MB of front matter",
         [](const TempSite& s) {
             s.write("content/hostile.md", "---\ntitle: Big\nsummary: \"" + std::string(10 << 20, 'x') + "\"\n---\nx\n");
         },
         1, {"content/hostile.md:1:1: error: front matter is 10240 KB; the limit is 256 KB [content.invalid]"}},
        {"YAML nested 40 deep",
         [](const TempSite& s) { s.write("content/hostile.md", "---\ntitle: Deep\nsummary: " + nested("[", "]", 40, "x") + "\n---\nx\n"); },
         1, {"content/hostile.md:3:41: error: front matter nests deeper than 32 levels [content.invalid]"}},
        {"YAML nested 20000 deep",
         [](const TempSite& s) {
             s.write("content/hostile.md", "---\ntitle: Deep\nsummary: " + nested("{a: ", "}", 20000, "x") + "\n---\nx\n");
         },
         1, {"content/hostile.md:3:2001: error: front matter nests deeper than 32 levels [content.invalid]"}},
        {"YAML alias bomb (billion laughs)",
         [](const TempSite& s) {
             std::string yaml = "---\ntitle: Lol\ntags: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nphotos:\n";
             std::string previous = "a0";
             for (int i = 1; i <= 9; ++i) {
                 std::string list;
                 for (int k = 0; k < 9; ++k) list += (k ? ", *" : "*") + previous;
                 yaml += "  - &a" + std::to_string(i) + " [" + list + "]\n";
                 previous = "a" + std::to_string(i);
             }
             s.write("content/hostile.md", yaml + "summary: *a9\n---\nx\n");
         },
         1,
         {"content/hostile.md:2:1: error: front matter expands to more than 20000 values (YAML aliases?) "
          "[content.invalid]"}},
        {"Markdown: 100000 nested block quotes",
         [](const TempSite& s) { s.write("content/hostile.md", body_page(std::string(100000, '>') + " deep")); }, 1,
         {"content/hostile.md:4:33: error: Markdown nests deeper than 32 levels [content.invalid]"}},
        {"Markdown: 100000 nested lists",
         [](const TempSite& s) {
             std::string list;
             for (int i = 0; i < 100000; ++i) list += "- ";
             s.write("content/hostile.md", body_page(list + "deep"));
         },
         1, {"content/hostile.md:4:65: error: Markdown nests deeper than 32 levels [content.invalid]"}},
        {"Markdown: 100000 open brackets and emphasis stay text",
         [](const TempSite& s) {
             std::string emphasis;
             for (int i = 0; i < 50000; ++i) emphasis += "*a ";
             s.write("content/hostile.md", body_page(std::string(100000, '[') + " text\n\n" + emphasis));
         },
         0, {}, {}, [](const TempSite& s) { CHECK(s.exists("site/hostile/index.html")); }},
        {"template syntax in Markdown and front matter appears literally",
         [](const TempSite& s) {
             s.write("content/hostile.md",
                     "---\ntitle: \"T {{school_name}} {{{title}}} {{>head}}\"\nsummary: \"{{#menu}}m{{/menu}}\"\n---\n"
                     "Body {{school_name}} and {{{ content }}} and {{> footer}} and {{=<% %>=}} <%title%> {{! c }}\n");
         },
         0, {}, {},
         [](const TempSite& s) {
             std::string html = s.read("site/hostile/index.html");
             CHECK(html.find("Body {{school_name}} and {{{ content }}} and {{&gt; footer}} and {{=&lt;% %&gt;=}} "
                             "&lt;%title%&gt; {{! c }}") != std::string::npos);
             CHECK(html.find("T {{school_name}} {{{title}}} {{&gt;head}}") != std::string::npos);
             CHECK(html.find("{{#menu}}m{{/menu}}") != std::string::npos);
         }},
    };
    return all;
}

}  // namespace

TEST_SUITE("e2e::hostile") {

TEST_CASE("hostile content ends in a located error, never a crash or an unsafe write") {
    for (const Case& c : cases()) {
        SUBCASE(c.name) {
            TempSite site;
            if (c.setup) c.setup(site);
            std::vector<std::string> args = {schoolgate(), "build", "--date", sg::testing::test_date};
            args.insert(args.end(), c.args.begin(), c.args.end());
            auto result = run(args, site.root());
            INFO(result.err);
            CHECK(result.status == c.status);
            for (const std::string& error : c.errors) CHECK_MESSAGE(result.err.find(error) != std::string::npos, error);
            if (c.errors.empty()) CHECK(result.err.find("error:") == std::string::npos);
            check_nothing_unsafe(site);
            if (c.check) c.check(site);
        }
    }
}

}  // TEST_SUITE
