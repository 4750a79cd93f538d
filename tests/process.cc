#include "process.h"

#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sg::testing {

namespace {

// In the child: to `cwd`, then `args` run; never returns.
[[noreturn]] void exec_in(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
}

int exit_status(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

Run run(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
    // Output goes to temporary files, so a chatty child can never block on a full pipe.
    char out_name[] = "/tmp/sg-run-out-XXXXXX", err_name[] = "/tmp/sg-run-err-XXXXXX";
    int out_fd = mkstemp(out_name), err_fd = mkstemp(err_name);
    if (out_fd < 0 || err_fd < 0) throw std::runtime_error("cannot create temporary files");
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);
        dup2(null, 0);
        dup2(out_fd, 1);
        dup2(err_fd, 2);
        exec_in(args, cwd);
    }
    Run result;
    result.status = exit_status(pid);
    close(out_fd);
    close(err_fd);
    result.out = slurp(out_name);
    result.err = slurp(err_name);
    std::remove(out_name);
    std::remove(err_name);
    return result;
}

Run run_in_terminal(const std::vector<std::string>& args, const std::filesystem::path& cwd, std::string_view typed) {
    int terminal = -1;
    pid_t pid = forkpty(&terminal, nullptr, nullptr, nullptr);
    if (pid < 0) throw std::runtime_error("cannot open a pseudo-terminal");
    if (pid == 0) exec_in(args, cwd);
    // Typed ahead: the terminal holds the lines until the program reads them.
    for (size_t written = 0; written < typed.size();) {
        ssize_t n = write(terminal, typed.data() + written, typed.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        written += size_t(n);
    }
    // Read until the child's side is closed (EIO), so it never blocks on a full terminal.
    Run result;
    char buffer[4096];
    for (ssize_t n; (n = read(terminal, buffer, sizeof buffer)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        result.out.append(buffer, size_t(n));
    }
    close(terminal);
    result.status = exit_status(pid);
    return result;
}

Run shell(const std::filesystem::path& cwd, const std::string& command) {
    return run({"sh", "-c", "export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null && " + command}, cwd);
}

std::string sh_quote(const std::string& word) {
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

}  // namespace sg::testing
