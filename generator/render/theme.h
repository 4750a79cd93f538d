// A theme's Mustache templates (themes/NAME/templates/*.mustache, partials/*.mustache) and
// assets, loaded once per build. Template errors are reported with the template's path.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <kainjow/mustache.hpp>

namespace sg::render {

namespace mustache = kainjow::mustache;

// A template file, parsed once. Rendering keeps state in the parsed template (its error), so a
// Theme renders on one thread at a time.
struct Template {
    std::filesystem::path path;
    std::string text;
    std::unique_ptr<mustache::mustache> parsed;
};

class Theme {
public:
    // Throws util::Error naming the template when one is missing or does not parse.
    explicit Theme(const std::filesystem::path& theme_dir);

    // Renders template `name` with `data`; the theme's partials are available as {{> partial}}.
    std::string render(const std::string& name, mustache::data data) const;
    // Renders partials/NAME.mustache on its own (inline photos in a page body).
    std::string render_partial(const std::string& name, mustache::data data) const;
    bool has(const std::string& name) const { return templates_.count(name) > 0; }
    const std::filesystem::path& assets_dir() const { return assets_dir_; }

private:
    std::string render_template(const Template& tmpl, const mustache::data& data) const;

    std::map<std::string, Template> templates_;
    std::map<std::string, Template> partial_templates_;
    std::map<std::string, mustache::data> partials_;  // looked up apart from the data, so a
                                                      // partial never hides a key of the same name
    std::filesystem::path dir_, assets_dir_;
};

}  // namespace sg::render
