#include "render/theme.h"

#include "util/error.h"
#include "util/fs.h"

namespace sg::render {

namespace fs = std::filesystem;

namespace {

// Every template of `dir`, parsed once for the whole build.
std::map<std::string, Template> read_templates(const fs::path& dir) {
    std::map<std::string, Template> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".mustache") continue;
        std::string text = util::read_file(entry.path());
        auto parsed = std::make_unique<mustache::mustache>(text);
        if (!parsed->is_valid()) throw util::Error(entry.path(), "template error: " + parsed->error_message());
        found.emplace(entry.path().stem().string(), Template{entry.path(), std::move(text), std::move(parsed)});
    }
    return found;
}

// A rendering context whose partials come from the theme, not from the data.
class ThemeContext : public mustache::context<std::string> {
public:
    ThemeContext(const mustache::data* data, const std::map<std::string, mustache::data>& partials)
        : mustache::context<std::string>(data), partials_(partials) {}
    const mustache::data* get_partial(const std::string& name) const override {
        auto found = partials_.find(name);
        return found == partials_.end() ? nullptr : &found->second;
    }

private:
    const std::map<std::string, mustache::data>& partials_;
};

}  // namespace

Theme::Theme(const fs::path& theme_dir) : dir_(theme_dir), assets_dir_(theme_dir / "assets") {
    if (!fs::is_directory(theme_dir / "templates")) throw util::Error(theme_dir, "theme has no templates/ folder");
    templates_ = read_templates(theme_dir / "templates");
    partial_templates_ = read_templates(theme_dir / "templates" / "partials");
    for (const auto& [name, partial] : partial_templates_) {
        const std::string* body = &partial.text;
        partials_.emplace(name, mustache::data(mustache::partial([body] { return *body; })));
    }
    for (const char* required : {"layout", "home", "page", "post", "news", "404"})
        if (!templates_.count(required))
            throw util::Error(theme_dir / "templates" / (std::string(required) + ".mustache"), "template missing");
}

std::string Theme::render_template(const Template& tmpl, const mustache::data& data) const {
    ThemeContext context(&data, partials_);
    std::string html = tmpl.parsed->render(context);
    if (!tmpl.parsed->is_valid()) throw util::Error(tmpl.path, tmpl.parsed->error_message());
    return html;
}

std::string Theme::render(const std::string& name, mustache::data data) const {
    auto found = templates_.find(name);
    if (found == templates_.end()) throw util::Error(dir_ / "templates" / (name + ".mustache"), "template missing");
    return render_template(found->second, data);
}

std::string Theme::render_partial(const std::string& name, mustache::data data) const {
    auto found = partial_templates_.find(name);
    if (found == partial_templates_.end())
        throw util::Error(dir_ / "templates" / "partials" / (name + ".mustache"), "partial missing");
    return render_template(found->second, data);
}

}  // namespace sg::render
