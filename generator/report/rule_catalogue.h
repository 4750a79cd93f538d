// Every rule id of diag/rule_ids.h with its default severity and a one-line description (from
// DESIGN.md), for reports that list the rules a tool knows (SARIF's tool.driver.rules).
#pragma once
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"

namespace sg::report {

struct RuleInfo {
    std::string_view id;
    diag::Severity severity;
    std::string_view description;
};

const std::vector<RuleInfo>& rule_catalogue();

}  // namespace sg::report
