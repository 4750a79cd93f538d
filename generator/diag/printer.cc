#include "diag/printer.h"

#include <ostream>

#include "util/fs.h"
#include "util/text.h"

namespace sg::diag {

std::string_view severity_name(Severity severity) {
    return severity == Severity::error ? "error" : "warning";
}

std::string Printer::source_line(const std::string& path, int line) {
    auto cached = files_.find(path);
    if (cached == files_.end()) {
        std::string text;
        try {
            text = util::read_file(source_dir_ / path);
        } catch (const std::exception&) {
        }
        cached = files_.emplace(path, std::move(text)).first;
    }
    auto lines = util::lines_of(cached->second);
    if (line < 1 || static_cast<size_t>(line) > lines.size()) return {};
    return std::string(lines[line - 1]);
}

void Printer::print(std::ostream& out, const Diagnostic& d) {
    out << d.location.shown() << ": " << severity_name(d.severity) << ": " << d.message << " [" << d.rule << "]\n";
    // The register is personal data: its rows are never echoed, only located.
    bool personal = d.location.path.rfind("consent/", 0) == 0;
    if (d.location.line > 0 && !personal) {
        std::string line = source_line(d.location.path, d.location.line);
        if (!line.empty()) {
            out << "    " << line << '\n';
            if (d.location.column > 0) {
                // The caret sits under the column; tabs in the line are kept so it lines up.
                std::string pad;
                // Columns count bytes; continuation bytes of UTF-8 take no space on screen.
                for (int i = 0; i < d.location.column - 1 && i < static_cast<int>(line.size()); ++i) {
                    unsigned char c = static_cast<unsigned char>(line[i]);
                    if ((c & 0xC0) == 0x80) continue;
                    pad += c == '\t' ? '\t' : ' ';
                }
                out << "    " << pad << "^\n";
            }
        }
    }
    if (!d.hint.empty()) out << "  hint: " << d.hint << '\n';
}

void Printer::print_all(std::ostream& out, const Diagnostics& diagnostics) {
    for (const auto& d : diagnostics.all()) print(out, d);
}

}  // namespace sg::diag
