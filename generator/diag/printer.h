// Prints diagnostics as a compiler does (ninja, clang):
//
//   content/news/castle.md:9:14: error: message [rule-id]
//       caption: Amelia at the castle
//                ^
//     hint: how to fix it
#pragma once
#include <filesystem>
#include <iosfwd>
#include <map>
#include <string>

#include "diag/diagnostic.h"

namespace sg::diag {

class Printer {
public:
    // Source lines are read from files below `source_dir` on demand.
    explicit Printer(std::filesystem::path source_dir) : source_dir_(std::move(source_dir)) {}
    void print(std::ostream& out, const Diagnostic& diagnostic);
    void print_all(std::ostream& out, const Diagnostics& diagnostics);

private:
    std::string source_line(const std::string& path, int line);
    std::filesystem::path source_dir_;
    std::map<std::string, std::string> files_;
};

std::string_view severity_name(Severity severity);

}  // namespace sg::diag
