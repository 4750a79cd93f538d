// `schoolgate --version`.
#include "cli/command.h"
#include "pipeline/built_with.h"

namespace sg::cli {

std::string version_text() {
    std::vector<pipeline::Component> components = pipeline::built_with();
    std::string text;
    for (const auto& component : components)
        text += component.name + (text.empty() ? " " : ": ") + component.version + "\n";
    text.pop_back();  // CLI11 ends the version with a newline of its own
    return text;
}

}  // namespace sg::cli
