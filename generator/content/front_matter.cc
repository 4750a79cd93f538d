#include "content/front_matter.h"

#include <algorithm>
#include <cmath>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include "diag/rule_ids.h"
#include "util/text.h"

namespace sg::content {

Split split_front_matter(std::string_view text) {
    Split split;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    auto lines = util::lines_of(text);
    if (lines.empty() || util::trim(lines[0]) != "---") {
        split.body = text;
        return split;
    }
    size_t offset = text.find('\n') + 1;
    size_t start = offset;
    for (size_t i = 1; i < lines.size(); ++i) {
        size_t next = text.find('\n', offset);
        next = next == std::string_view::npos ? text.size() : next + 1;
        if (util::trim(lines[i]) == "---" || util::trim(lines[i]) == "...") {
            split.front_matter = text.substr(start, offset - start);
            split.front_matter_line = 2;
            split.body = text.substr(next);
            split.body_line = static_cast<int>(i) + 2;
            return split;
        }
        offset = next;
    }
    split.unterminated = true;
    return split;
}

namespace {

const std::vector<std::string> page_keys = {"title",  "date",   "publish_date", "expiry_date", "draft", "summary",
                                            "tags",   "layout", "photos",       "work",        "documents"};
const std::vector<std::string> photo_keys = {"src", "alt", "caption", "title", "people", "obscure", "not_people"};
const std::vector<std::string> obscure_keys = {"person", "rect"};
const std::vector<std::string> work_keys = {"src", "by", "alt", "caption", "title"};
const std::vector<std::string> document_keys = {"src", "title", "people"};
const std::vector<std::string> layouts = {"page", "gallery", "post", "home"};

class FrontMatterReader {
public:
    FrontMatterReader(int first_line, Page& page, diag::Diagnostics& diagnostics)
        : first_line_(first_line), page_(page), diagnostics_(diagnostics) {}

    void read(const YAML::Node& root) {
        if (!root.IsMap()) {
            fail(root, "front matter must be a mapping of keys to values", "start the page with ---, title: ..., ---");
            return;
        }
        expect_keys(root, page_keys);
        if (root["title"]) {
            page_.title = scalar(root["title"]);
            page_.title_at = at(root["title"]);
        }
        if (page_.title.empty()) fail(root["title"] ? root["title"] : root, "a page needs a title");
        if (root["summary"]) {
            page_.summary = scalar(root["summary"]);
            page_.summary_at = at(root["summary"]);
        }
        page_.date = date(root, "date");
        page_.publish_date = date(root, "publish_date");
        page_.expiry_date = date(root, "expiry_date");
        if (root["draft"]) {
            bool draft = false;
            if (!YAML::convert<bool>::decode(root["draft"], draft)) fail(root["draft"], "draft must be true or false");
            page_.draft = draft;
        }
        if (root["tags"]) {
            if (root["tags"].IsSequence())
                for (const auto& tag : root["tags"]) page_.tags.push_back(scalar(tag));
            else
                fail(root["tags"], "tags must be a list, e.g. [music, year-3]");
        }
        if (root["layout"]) {
            page_.layout = scalar(root["layout"]);
            if (std::find(layouts.begin(), layouts.end(), page_.layout) == layouts.end())
                fail(root["layout"], "unknown layout '" + page_.layout + "'" + did_you_mean(page_.layout, layouts));
        }
        if (root["photos"]) read_images(root["photos"], false, page_.photos);
        if (root["work"]) read_images(root["work"], true, page_.work);
        if (root["documents"]) read_documents(root["documents"]);
    }

private:
    void read_images(const YAML::Node& list, bool is_work, std::vector<Image>& images) {
        if (!list.IsSequence()) {
            fail(list, std::string(is_work ? "work" : "photos") + " must be a list of entries starting with '- src:'");
            return;
        }
        for (const auto& entry : list) {
            if (!entry.IsMap()) {
                fail(entry, "each entry needs at least src and alt");
                continue;
            }
            expect_keys(entry, is_work ? work_keys : photo_keys);
            Image image;
            image.is_work = is_work;
            image.at = at(entry);
            if (entry["src"]) image.src = scalar(entry["src"]);
            if (image.src.empty()) fail(entry, "missing src: the image file, relative to this page");
            if (entry["alt"]) image.alt = scalar(entry["alt"]);
            if (util::trim(image.alt).empty())
                fail(entry["alt"] ? entry["alt"] : entry, "image '" + image.src + "' has no alt text",
                     "describe the picture for people who cannot see it, without naming pupils");
            if (entry["caption"]) image.caption = scalar(entry["caption"]);
            if (entry["title"]) image.title = scalar(entry["title"]);
            if (is_work)
                read_credit(entry, image);
            else {
                read_people(entry, image.declaration, image.people, image.people_at);
                if (entry["obscure"]) read_obscure(entry["obscure"], image);
                if (entry["not_people"]) read_not_people(entry["not_people"], image);
            }
            images.push_back(std::move(image));
        }
    }

    // documents: [{src: newsletter.pdf, title: October newsletter, people: [P0001]}]
    void read_documents(const YAML::Node& list) {
        if (!list.IsSequence()) {
            fail(list, "documents must be a list of entries starting with '- src:'",
                 "e.g. documents: [{src: newsletter.pdf, title: October newsletter, people: []}]");
            return;
        }
        for (const auto& entry : list) {
            if (!entry.IsMap()) {
                fail(entry, "each document needs src, title and people");
                continue;
            }
            expect_keys(entry, document_keys);
            Document document;
            document.at = at(entry);
            if (entry["src"]) document.src = scalar(entry["src"]);
            if (document.src.empty()) fail(entry, "missing src: the PDF file, relative to this page");
            if (entry["title"]) document.title = scalar(entry["title"]);
            if (util::trim(document.title).empty())
                fail(entry["title"] ? entry["title"] : entry, "document '" + document.src + "' has no title",
                     "the title is what the link to it says, e.g. title: October newsletter");
            read_people(entry, document.declaration, document.people, document.people_at);
            page_.documents.push_back(std::move(document));
        }
    }

    void read_people(const YAML::Node& entry, PeopleDeclaration& declaration, std::vector<std::string>& ids,
                     std::vector<diag::Location>& ids_at) {
        YAML::Node people = entry["people"];
        if (!people) return;  // photo.undeclared is the rules' verdict, with its own hint
        if (people.IsScalar() && people.Scalar() == "unidentifiable") {
            declaration = PeopleDeclaration::unidentifiable;
            return;
        }
        if (!people.IsSequence()) {
            fail(people, "people must be a list of register ids, [] for nobody, or unidentifiable");
            return;
        }
        declaration = PeopleDeclaration::listed;
        for (const auto& id : people) {
            ids.push_back(scalar(id));
            ids_at.push_back(at(id));
        }
    }

    // obscure: [{person: P0003}, {rect: [x, y, width, height]}]
    void read_obscure(const YAML::Node& list, Image& image) {
        const char* hint = "e.g. obscure: [{person: P0003}] or obscure: [{rect: [0.62, 0.10, 0.15, 0.20]}]";
        if (!list.IsSequence()) {
            fail(list, "obscure must be a list of '- person: ID' or '- rect: [x, y, width, height]' entries", hint);
            return;
        }
        for (const auto& entry : list) {
            if (!entry.IsMap() || (entry["person"] ? 1 : 0) + (entry["rect"] ? 1 : 0) != 1) {
                fail(entry, "each obscure entry needs exactly one of person or rect", hint);
                continue;
            }
            expect_keys(entry, obscure_keys);
            Obscure part{.person = {}, .rect = std::nullopt, .at = at(entry)};
            if (entry["person"]) {
                part.person = scalar(entry["person"]);
                part.at = at(entry["person"]);
                if (part.person.empty()) fail(entry["person"], "obscure person needs a register id", hint);
            } else {
                part.at = at(entry["rect"]);
                part.rect = rect(entry["rect"]);
                if (!part.rect) continue;
            }
            image.obscure.push_back(std::move(part));
        }
    }

    // not_people: [[x, y, width, height], ...]
    void read_not_people(const YAML::Node& list, Image& image) {
        if (!list.IsSequence() || list.size() == 0) {
            fail(list, "not_people must be a list of rectangles [x, y, width, height], one per region that is not a person",
                 "e.g. not_people: [[0.40, 0.20, 0.15, 0.18]] (the place photo.undeclared-faces gives)");
            return;
        }
        for (const auto& entry : list)
            if (auto values = rect(entry)) image.not_people.push_back({*values, at(entry)});
    }

    // Four fractions of the picture: left, top, width, height, the rectangle inside the picture.
    std::optional<std::array<double, 4>> rect(const YAML::Node& node) {
        const char* hint = "rect: [x, y, width, height] as fractions of the picture, e.g. [0.62, 0.10, 0.15, 0.20]";
        std::array<double, 4> values{};
        if (!node.IsSequence() || node.size() != 4) {
            fail(node, "rect must be a list of four numbers: x, y, width, height", hint);
            return std::nullopt;
        }
        for (size_t i = 0; i < 4; ++i) {
            double value = 0;
            if (!node[i].IsScalar() || !YAML::convert<double>::decode(node[i], value) || !std::isfinite(value) ||
                value < 0 || value > 1) {
                fail(node[i], "rect values must be numbers from 0 to 1 (fractions of the picture)", hint);
                return std::nullopt;
            }
            values[i] = value;
        }
        if (values[2] <= 0 || values[3] <= 0 || values[0] + values[2] > 1.0 + 1e-9 || values[1] + values[3] > 1.0 + 1e-9) {
            fail(node, "rect must have a width and height above 0 and lie inside the picture (x + width and y + height at most 1)",
                 hint);
            return std::nullopt;
        }
        return values;
    }

    void read_credit(const YAML::Node& entry, Image& image) {
        image.declaration = PeopleDeclaration::listed;  // work shows the work, not the child
        if (!entry["by"]) {
            fail(entry, "work needs 'by': the register id of the pupil whose work it is");
            return;
        }
        image.by = scalar(entry["by"]);
        image.by_at = at(entry["by"]);
    }

    std::optional<util::Date> date(const YAML::Node& root, const char* key) {
        if (!root[key]) return std::nullopt;
        auto parsed = util::parse_iso_date(scalar(root[key]));
        if (!parsed) fail(root[key], std::string(key) + " must be a date written YYYY-MM-DD");
        return parsed;
    }

    std::string scalar(const YAML::Node& node) {
        if (node.IsScalar()) return node.Scalar();
        if (node.IsNull()) return {};
        fail(node, "expected a single value here");
        return {};
    }

    void expect_keys(const YAML::Node& map, const std::vector<std::string>& known) {
        for (const auto& entry : map) {
            const std::string& key = entry.first.Scalar();
            if (std::find(known.begin(), known.end(), key) == known.end())
                fail(entry.first, "unknown key '" + key + "'" + did_you_mean(key, known),
                     "known keys here: " + util::join(known, ", "));
        }
    }

    static std::string did_you_mean(const std::string& word, const std::vector<std::string>& known) {
        std::string suggestion = util::closest_match(word, known);
        return suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?";
    }

    diag::Location at(const YAML::Node& node) const {
        if (!node.IsDefined() || node.Mark().line < 0) return {page_.source, first_line_, 1};
        return {page_.source, first_line_ + node.Mark().line, node.Mark().column + 1};
    }

    void fail(const YAML::Node& node, std::string message, std::string hint = {}) {
        diagnostics_.error(diag::rule::content_invalid, at(node), std::move(message), std::move(hint), page_.source);
    }

    int first_line_;
    Page& page_;
    diag::Diagnostics& diagnostics_;
};

// Front matter is a few levels deep and a few hundred values long. Aliases let a short text stand
// for an exponential tree ("billion laughs"), so the tree is counted as if expanded, stopping at
// the limit, before anything walks it.
constexpr int max_depth = 32;
constexpr size_t max_values = 20000;

struct Bound {
    size_t values = 0;
    int depth = 0;
    YAML::Mark at;
    bool exceeded() const { return values > max_values || depth > max_depth; }
};

void measure(const YAML::Node& node, int depth, Bound& bound) {
    if (bound.exceeded()) return;
    ++bound.values;
    if (depth > bound.depth) {
        bound.depth = depth;
        bound.at = node.Mark();
    }
    if (node.IsSequence()) {
        for (const auto& item : node) measure(item, depth + 1, bound);
    } else if (node.IsMap()) {
        for (const auto& entry : node) {
            measure(entry.first, depth + 1, bound);
            measure(entry.second, depth + 1, bound);
        }
    }
}

}  // namespace

void read_front_matter(std::string_view yaml, int first_line, Page& page, diag::Diagnostics& diagnostics) {
    try {
        YAML::Node root = YAML::Load(std::string(yaml));
        Bound bound;
        measure(root, 1, bound);
        if (bound.exceeded()) {
            bool too_deep = bound.depth > max_depth;
            YAML::Mark mark = too_deep ? bound.at : root.Mark();
            diag::Location where{page.source, first_line + std::max(mark.line, 0), std::max(mark.column, 0) + 1};
            diagnostics.error(diag::rule::content_invalid, where,
                              too_deep ? "front matter nests deeper than " + std::to_string(max_depth) + " levels"
                                       : "front matter expands to more than " + std::to_string(max_values) +
                                             " values (YAML aliases?)",
                              "write the values out plainly: front matter needs no anchors, aliases or deep nesting",
                              page.source);
            return;
        }
        FrontMatterReader(first_line, page, diagnostics).read(root);
    } catch (const YAML::DeepRecursion& e) {
        diagnostics.error(diag::rule::content_invalid, {page.source, first_line + e.mark.line, e.mark.column + 1},
                          "front matter nests deeper than " + std::to_string(max_depth) + " levels",
                          "write the values out plainly: front matter needs no anchors, aliases or deep nesting",
                          page.source);
    } catch (const YAML::Exception& e) {
        diagnostics.error(diag::rule::content_invalid, {page.source, first_line + e.mark.line, e.mark.column + 1},
                          "front matter is not valid YAML: " + e.msg, "check the indentation and the quotes",
                          page.source);
    }
}

}  // namespace sg::content
