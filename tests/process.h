// Runs a program as a user would, capturing its exit status, standard output and standard error.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sg::testing {

struct Run {
    int status = -1;  // the exit status; 128 + signal when killed
    std::string out, err;
};

// Runs `args[0]` (searched in PATH when it has no '/') with `args`, in `cwd` when given. No shell.
Run run(const std::vector<std::string>& args, const std::filesystem::path& cwd = {});

// Runs `args` as run() does, but with a terminal (a pseudo-terminal) for its standard output and
// error, as a person at a terminal sees it: both in `out`, in the order written, with the
// terminal's "\r\n" line ends. `typed` is typed at the terminal (its standard input), and echoed.
Run run_in_terminal(const std::vector<std::string>& args, const std::filesystem::path& cwd = {},
                    std::string_view typed = {});

// Runs `command` with `sh -c` in `cwd`, as a user would type it. Git runs without the machine's
// global or system configuration, so a developer's core.hooksPath or aliases cannot change a test.
Run shell(const std::filesystem::path& cwd, const std::string& command);

// A word for sh, single-quoted.
std::string sh_quote(const std::string& word);

// The schoolgate binary under test; quoted for sh by schoolgate_command().
inline std::string schoolgate() { return SG_BINARY; }
inline std::string schoolgate_command() { return sh_quote(SG_BINARY); }

}  // namespace sg::testing
