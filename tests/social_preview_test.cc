// End to end: what a shared link shows. The og:image of a page is the rendition of that page's
// photo as the page shows it (obscured or not), a person obscured in it needs social consent like
// a person pictured, and the verifier checks every image URL in the rendered bytes (meta tags and
// JSON-LD included) against the renditions the page may show.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "media/test_support.h"
#include "site_build.h"
#include "temp_site.h"

using sg::pipeline::Status;
using sg::testing::TempSite;
using sg::testing::build;
using sg::testing::printed;
using sg::testing::published;
using sg::testing::rules_withholding;

namespace {

const std::string media_prefix = "https://www.brookfield-test.example/media/";

// A post at news/NAME showing lake.jpg, nobody identifiable in it, with `extra` YAML for the photo.
std::string lake_post(const std::string& title, const std::string& extra = "") {
    return "---\ntitle: " + title + "\ndate: 2026-10-14\nphotos:\n  - src: lake.jpg\n    alt: The lake in autumn\n"
           "    people: []\n" + extra + "---\nA walk round the lake.\n";
}

const std::string obscure_corner = "    obscure:\n      - rect: [0.05, 0.05, 0.2, 0.2]\n";

// The rendition the page's og:image names, or "" when it has none.
std::string og_image(const std::string& html) {
    const std::string marker = "<meta property=\"og:image\" content=\"";
    size_t at = html.find(marker);
    if (at == std::string::npos) return {};
    at += marker.size();
    std::string url = html.substr(at, html.find('"', at) - at);
    REQUIRE(url.rfind(media_prefix, 0) == 0);
    return url.substr(media_prefix.size());
}

// The renditions the page's <picture> elements show.
std::set<std::string> pictured(const std::string& html) {
    std::set<std::string> names;
    for (size_t open = html.find("<picture>"); open != std::string::npos; open = html.find("<picture>", open + 1)) {
        size_t close = html.find("</picture>", open);
        for (size_t at = html.find("media/", open); at < close; at = html.find("media/", at + 1)) {
            size_t end = html.find_first_of(" \",", at);
            names.insert(html.substr(at + 6, end - at - 6));
        }
    }
    return names;
}

}  // namespace

TEST_SUITE("e2e::social-preview") {

TEST_CASE("a photo shown plainly on one post and obscured on another: each og:image is the page's own") {
    TempSite site;
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    site.write("content/news/plain.md", lake_post("The lake"));
    site.write("content/news/hidden.md", lake_post("The lake, corner obscured", obscure_corner));
    auto result = build(site);
    INFO(printed(site, result));
    REQUIRE(result.status == Status::published);

    std::string plain = site.read("site/news/plain/index.html"), hidden = site.read("site/news/hidden/index.html");
    std::set<std::string> plain_shown = pictured(plain), hidden_shown = pictured(hidden);
    REQUIRE(!plain_shown.empty());
    REQUIRE(!hidden_shown.empty());
    for (const std::string& name : hidden_shown) CHECK(!plain_shown.count(name));  // two sets of renditions

    CHECK(plain_shown.count(og_image(plain)));
    std::string shared = og_image(hidden);
    CHECK(hidden_shown.count(shared));
    CHECK(!plain_shown.count(shared));
    CHECK(site.exists("site/media/" + shared));
}

TEST_CASE("a post whose only photo is obscured still has its og:image, the obscured rendition") {
    TempSite site;
    site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
    site.write("content/news/hidden.md", lake_post("The lake, corner obscured", obscure_corner));
    auto result = build(site);
    INFO(printed(site, result));
    REQUIRE(result.status == Status::published);
    std::string html = site.read("site/news/hidden/index.html");
    std::string shared = og_image(html);
    REQUIRE(!shared.empty());
    CHECK(pictured(html).count(shared));
    CHECK(site.exists("site/media/" + shared));
}

TEST_CASE("a person obscured in a photo makes it a social image only with their social consent") {
    struct Case {
        const char* id;
        const char* name;  // as the photo's face region names them
        bool shared;
    };
    const Case cases[] = {
        {"P0003", "Priyanka Oduya", false},  // no consent for social media (nor the website: obscured)
        {"P0002", "Jonah Featherstone", false},  // website yes, social no
        {"P0001", "Amelia Thornbury", true},  // social yes
    };
    for (const Case& c : cases) {
        CAPTURE(c.id);
        TempSite site;
        site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
        sg::media::testing::write_mwg_faces(site.root() / "content/news/lake.jpg", {{c.name, sg::media::Box{0.40, 0.40, 0.08, 0.1}}});
        site.write("content/news/hidden.md",
                   lake_post("The lake", std::string("    obscure:\n      - person: ") + c.id + "\n"));
        auto result = build(site);
        INFO(printed(site, result));
        REQUIRE(result.status == Status::published);  // the page itself is published either way
        std::string html = site.read("site/news/hidden/index.html");
        if (c.shared) {
            CHECK(pictured(html).count(og_image(html)));
        } else {
            CHECK(html.find("og:image") == std::string::npos);
            CHECK(html.find("twitter:card") == std::string::npos);
        }
    }
}

TEST_CASE("the verifier checks every image URL in the rendered bytes, meta tags and JSON-LD included") {
    struct Case {
        const char* name;
        const char* head;  // added to the theme's <head>
    };
    const Case cases[] = {
        {"a meta tag naming an image the gate did not process",
         "<meta property=\"og:image\" content=\"https://www.brookfield-test.example/media/0123456789abcdef-640.jpg\">"},
        {"a meta tag naming another host's copy", "<meta name=\"twitter:image\" content=\"https://cdn.example/lake.jpg\">"},
        {"JSON-LD naming an image, slashes escaped",
         "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"image\":\"https:\\/\\/cdn.example\\/a.webp\"}</script>"},
        {"a preload link", "<link rel=\"preload\" as=\"image\" imagesrcset=\"https://cdn.example/a.jpg 640w\">"},
        {"an icon on another host", "<link rel=\"icon\" href=\"https://cdn.example/favicon.png\">"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        TempSite site;
        site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
        site.write("content/news/plain.md", lake_post("The lake"));
        std::string layout = site.read("themes/default/templates/layout.mustache");
        layout.replace(layout.find("</head>"), 0, std::string(c.head) + "\n");
        site.write("themes/default/templates/layout.mustache", layout);
        auto result = build(site);
        INFO(printed(site, result));
        CHECK(result.status == Status::withheld);
        CHECK(rules_withholding(result, "content/news/plain.md") == std::vector<std::string>{"photo.undeclared"});
        CHECK(!published(result, "news/plain/index.html"));
        CHECK(printed(site, result).find("references an image the gate did not process for it") != std::string::npos);
    }

    SUBCASE("the theme's own og:image of the page's photo passes") {
        TempSite site;
        site.copy_fixture("gps_DSCN0010.jpg", "content/news/lake.jpg");
        site.write("content/news/plain.md", lake_post("The lake"));
        auto result = build(site);
        INFO(printed(site, result));
        CHECK(result.status == Status::published);
        CHECK(!og_image(site.read("site/news/plain/index.html")).empty());
    }
}

}  // TEST_SUITE
