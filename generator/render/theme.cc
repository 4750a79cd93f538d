#include "render/theme.h"

#include "util/error.h"
#include "util/fs.h"

namespace sg::render {

namespace fs = std::filesystem;

namespace {

std::map<std::string, std::string> read_templates(const fs::path& dir) {
    std::map<std::string, std::string> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".mustache") continue;
        std::string text = util::read_file(entry.path());
        mustache::mustache parsed(text);
        if (!parsed.is_valid()) throw util::Error(entry.path(), "template error: " + parsed.error_message());
        found.emplace(entry.path().stem().string(), std::move(text));
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
    partial_texts_ = read_templates(theme_dir / "templates" / "partials");
    for (const auto& [name, text] : partial_texts_) {
        const std::string* body = &text;
        partials_.emplace(name, mustache::data(mustache::partial([body] { return *body; })));
    }
    for (const char* required : {"layout", "home", "page", "post", "news", "404"})
        if (!templates_.count(required))
            throw util::Error(theme_dir / "templates" / (std::string(required) + ".mustache"), "template missing");
}

std::string Theme::render_text(const std::string& text, const fs::path& path, const mustache::data& data) const {
    mustache::mustache tmpl(text);
    ThemeContext context(&data, partials_);
    std::string html = tmpl.render(context);
    if (!tmpl.is_valid()) throw util::Error(path, tmpl.error_message());
    return html;
}

std::string Theme::render(const std::string& name, mustache::data data) const {
    auto found = templates_.find(name);
    if (found == templates_.end()) throw util::Error(dir_ / "templates" / (name + ".mustache"), "template missing");
    return render_text(found->second, dir_ / "templates" / (name + ".mustache"), data);
}

std::string Theme::render_partial(const std::string& name, mustache::data data) const {
    auto found = partial_texts_.find(name);
    if (found == partial_texts_.end())
        throw util::Error(dir_ / "templates" / "partials" / (name + ".mustache"), "partial missing");
    return render_text(found->second, dir_ / "templates" / "partials" / (name + ".mustache"), data);
}

}  // namespace sg::render
