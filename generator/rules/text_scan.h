// The name and contact rules applied to one piece of published text. Shared by the source checks
// and the rendered-output checks, so both judge text the same way.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/check.h"
#include "rules/phrases.h"

namespace sg::rules {

struct TextScope {
    std::string_view text;
    // Where a finding at byte `offset` of `text` is reported.
    std::function<diag::Location(size_t offset)> locate;
    // Text that describes a photo (alt, caption, title): no pupil may be named in it at all.
    bool describes_photo = false;
    std::string what;  // "the page", "a photo's caption", "the rendered alt attribute"...
    // The page's inline waivers (content/waivers.h): given a waivable finding's rule, its subject
    // (the person's register id, or the contact as written) and location, the reason it is waived,
    // or nothing. Never asked about name.full-name, photo.protected, a full name or a protected
    // person. A waived finding is a warning when `report_waived`, else left out.
    std::function<std::optional<std::string>(std::string_view rule, std::string_view subject,
                                             const diag::Location& at)>
        waived = {};
    bool report_waived = true;
    // Which bytes of `text` are running prose, where a phrase of policy.names.phrases may stand
    // for words that are also a pupil's name (phrases.h). Unset: none of it is.
    RunningText running_text = {};
};

void scan_text(const TextScope& scope, std::string_view page, const std::vector<const consent::Person*>& pictured,
               const Context& context, diag::Diagnostics& diagnostics);

// Maps byte offsets of `text` to 1-based line and column.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    std::pair<int, int> position(size_t offset) const;

private:
    std::vector<size_t> starts_;
};

}  // namespace sg::rules
