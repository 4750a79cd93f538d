#include "config/config.h"

#include <optional>
#include <yaml-cpp/yaml.h>

#include "diag/rule_ids.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/text.h"

namespace sg::config {

namespace {

// Reads one YAML document into a Config, reporting every problem instead of stopping at the
// first, so a user fixes the file in one go.
class Reader {
public:
    Reader(const std::string& path, diag::Diagnostics& diagnostics) : path_(path), diagnostics_(diagnostics) {}

    Config read(const YAML::Node& root) {
        Config config;
        if (!root.IsMap()) {
            fail(root, "the configuration must be a mapping of keys to values");
            return config;
        }
        expect_keys(root, {"school", "contact", "policy", "images", "theme", "menu", "publish"});
        if (auto school = section(root, "school")) {
            expect_keys(*school, {"name", "base_url", "language"});
            config.school_name = required_string(*school, "name");
            config.base_url = required_string(*school, "base_url");
            if (!config.base_url.empty() && config.base_url.back() != '/') config.base_url += '/';
            if ((*school)["language"]) config.language = string_of((*school)["language"]);
        }
        if (auto contact = section(root, "contact")) {
            expect_keys(*contact, {"address", "postcode", "phone", "email", "email_domains"});
            config.contact.address = required_string(*contact, "address");
            config.contact.postcode = required_string(*contact, "postcode");
            config.contact.phone = required_string(*contact, "phone");
            config.contact.email = required_string(*contact, "email");
            if ((*contact)["email_domains"]) config.contact.email_domains = strings_of((*contact)["email_domains"]);
        }
        if (root["policy"]) read_policy(root["policy"], config.policy);
        if (root["images"]) read_images(root["images"], config.images);
        if (root["theme"]) config.theme = string_of(root["theme"]);
        if (root["menu"]) read_menu(root["menu"], config.menu);
        if (root["publish"]) read_publish(root["publish"], config.publish);
        return config;
    }

private:
    void read_policy(const YAML::Node& node, Policy& policy) {
        if (!is_map(node, "policy")) return;
        expect_keys(node, {"names", "lawful_basis"});
        if (auto names = node["names"]) {
            if (is_map(names, "policy.names")) {
                expect_keys(names, {"full_name", "first_name_with_photo"});
                if (names["full_name"])
                    policy.full_name = choice(names["full_name"], {"never", "with-written-permission"}) == 0
                                           ? FullNamePolicy::never
                                           : FullNamePolicy::with_written_permission;
                if (names["first_name_with_photo"])
                    policy.first_name_with_photo = choice(names["first_name_with_photo"], {"never", "allowed"}) == 0
                                                       ? FirstNameWithPhoto::never
                                                       : FirstNameWithPhoto::allowed;
            }
        }
        if (node["lawful_basis"])
            policy.lawful_basis = choice(node["lawful_basis"], {"consent", "public-task"}) == 0
                                      ? LawfulBasisSetting::consent
                                      : LawfulBasisSetting::public_task;
    }

    void read_images(const YAML::Node& node, Images& images) {
        if (!is_map(node, "images")) return;
        expect_keys(node, {"widths", "max_width", "quality", "formats", "max_megapixels"});
        if (node["max_width"]) images.max_width = number_of(node["max_width"], 16, 8192);
        if (node["widths"]) {
            images.widths.clear();
            if (node["widths"].IsSequence())
                for (const auto& width : node["widths"]) images.widths.push_back(number_of(width, 16, 8192));
            else
                fail(node["widths"], "widths must be a list of pixel widths, e.g. [480, 960, 1600]");
            for (size_t i = 0; i < images.widths.size(); ++i)
                if (images.widths[i] > images.max_width)
                    fail(node["widths"][i], "width " + std::to_string(images.widths[i]) +
                                                " is larger than max_width " + std::to_string(images.max_width));
            if (images.widths.empty()) fail(node["widths"], "at least one width is needed");
        }
        if (node["quality"]) images.quality = number_of(node["quality"], 1, 100);
        if (node["max_megapixels"]) images.max_megapixels = number_of(node["max_megapixels"], 1, 1000);
        if (node["formats"]) {
            images.formats.clear();
            for (const auto& format : node["formats"].IsSequence() ? node["formats"] : YAML::Node()) {
                images.formats.push_back(string_of(format));
                choice(format, {"jpeg", "webp", "avif"});
            }
            if (images.formats.empty() || images.formats.front() != "jpeg")
                fail(node["formats"], "formats must be a list that starts with jpeg (the fallback every browser shows)");
        }
    }

    void read_publish(const YAML::Node& node, Publish& publish) {
        if (!is_map(node, "publish")) return;
        const std::pair<const char*, const char*> secrets[] = {{"password", "SCHOOLGATE_PUBLISH_PASSWORD"},
                                                               {"passphrase", "SCHOOLGATE_PUBLISH_PASSPHRASE"}};
        for (const auto& [secret, variable] : secrets)
            if (node[secret]) {
                fail(node[secret], std::string("a ") + secret + " must never be kept in schoolgate.yml (it is committed with the site)",
                     std::string("remove it; publish reads ") + variable + " from the environment, or asks for it");
                return;
            }
        expect_keys(node, {"target", "key", "known_hosts"});
        if (node["target"]) publish.target = string_of(node["target"]);
        if (node["key"]) publish.key = string_of(node["key"]);
        if (node["known_hosts"]) publish.known_hosts = string_of(node["known_hosts"]);
    }

    void read_menu(const YAML::Node& node, std::vector<MenuItem>& menu) {
        if (!node.IsSequence()) {
            fail(node, "menu must be a list of {title, url} entries");
            return;
        }
        for (const auto& item : node) {
            if (!is_map(item, "a menu entry")) continue;
            expect_keys(item, {"title", "url"});
            menu.push_back({required_string(item, "title"), required_string(item, "url")});
        }
    }

    // The section `key` of `parent` when it is there and is a mapping.
    std::optional<YAML::Node> section(const YAML::Node& parent, const char* key) {
        YAML::Node node = parent[key];
        if (!node) {
            fail(parent, std::string("missing section '") + key + "'");
            return std::nullopt;
        }
        if (!is_map(node, key)) return std::nullopt;
        return node;
    }

    bool is_map(const YAML::Node& node, const std::string& what) {
        if (node.IsMap()) return true;
        fail(node, what + " must be a mapping of keys to values");
        return false;
    }

    void expect_keys(const YAML::Node& map, const std::vector<std::string>& known) {
        for (const auto& entry : map) {
            std::string key = entry.first.Scalar();
            if (std::find(known.begin(), known.end(), key) != known.end()) continue;
            std::string suggestion = util::closest_match(key, known);
            fail(entry.first, "unknown key '" + key + "'" +
                                  (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"),
                 "known keys here: " + util::join(known, ", "));
        }
    }

    std::string required_string(const YAML::Node& map, const char* key) {
        if (!map[key]) {
            fail(map, std::string("missing '") + key + "'");
            return {};
        }
        std::string value = string_of(map[key]);
        if (value.empty()) fail(map[key], std::string("'") + key + "' must not be empty");
        return value;
    }

    std::string string_of(const YAML::Node& node) {
        if (node.IsScalar()) return node.Scalar();
        fail(node, "expected a single value here");
        return {};
    }

    std::vector<std::string> strings_of(const YAML::Node& node) {
        std::vector<std::string> values;
        if (!node.IsSequence()) {
            fail(node, "expected a list, e.g. [a, b]");
            return values;
        }
        for (const auto& item : node) values.push_back(string_of(item));
        return values;
    }

    int number_of(const YAML::Node& node, int low, int high) {
        int value = 0;
        if (!node.IsScalar() || !YAML::convert<int>::decode(node, value) || value < low || value > high) {
            fail(node, "expected a whole number from " + std::to_string(low) + " to " + std::to_string(high));
            return low;
        }
        return value;
    }

    // The index of the node's value among `allowed`; reports and returns 0 (the strictest choice,
    // always listed first) when it is none of them.
    size_t choice(const YAML::Node& node, const std::vector<std::string>& allowed) {
        std::string value = node.IsScalar() ? node.Scalar() : "";
        for (size_t i = 0; i < allowed.size(); ++i)
            if (value == allowed[i]) return i;
        std::string suggestion = util::closest_match(value, allowed);
        fail(node, "'" + value + "' is not one of " + util::join(allowed, ", ") +
                       (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"));
        return 0;
    }

    void fail(const YAML::Node& node, std::string message, std::string hint = {}) {
        diag::Location where{path_, 0, 0};
        if (node.IsDefined() && node.Mark().line >= 0) where = {path_, node.Mark().line + 1, node.Mark().column + 1};
        diagnostics_.error(diag::rule::config_invalid, where, std::move(message), std::move(hint));
    }

    std::string path_;
    diag::Diagnostics& diagnostics_;
};

}  // namespace

Config parse_config(std::string_view yaml, const std::string& display_path, diag::Diagnostics& diagnostics) {
    try {
        return Reader(display_path, diagnostics).read(YAML::Load(std::string(yaml)));
    } catch (const YAML::Exception& e) {
        diagnostics.error(diag::rule::config_invalid, {display_path, e.mark.line + 1, e.mark.column + 1},
                          "cannot parse YAML: " + e.msg);
        return {};
    }
}

Config load_config(const std::filesystem::path& path, const std::string& display_path,
                   diag::Diagnostics& diagnostics) {
    std::string text;
    try {
        text = util::read_file(path);
    } catch (const util::Error& e) {
        diagnostics.error(diag::rule::config_invalid, {display_path, 0, 0},
                          "cannot read the configuration: " + std::string(e.what()),
                          "run schoolgate in the site's folder, or name it with --source DIR");
        return {};
    }
    return parse_config(text, display_path, diagnostics);
}

}  // namespace sg::config
