#include "cli/git.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "config/config.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/text.h"

extern char** environ;

namespace sg::cli::git {

namespace fs = std::filesystem;

namespace {

// Variables git may hand a hook with a path relative to the hook's working directory.
constexpr const char* path_variables[] = {"GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE", "GIT_OBJECT_DIRECTORY",
                                          "GIT_COMMON_DIR"};

std::vector<std::string> environment(const std::vector<std::string>& extra) {
    std::vector<std::string> result;
    for (char** entry = environ; *entry; ++entry) {
        std::string variable = *entry;
        size_t equals = variable.find('=');
        std::string name = variable.substr(0, equals);
        bool overridden = false;
        for (const auto& e : extra) overridden = overridden || e.rfind(name + "=", 0) == 0;
        if (overridden) continue;
        for (const char* path_variable : path_variables) {
            if (name == path_variable && equals != std::string::npos) {
                fs::path value = variable.substr(equals + 1);
                if (!value.empty() && value.is_relative()) variable = name + "=" + fs::absolute(value).string();
            }
        }
        result.push_back(std::move(variable));
    }
    for (const auto& e : extra) result.push_back(e);
    return result;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> result;
    for (auto& s : strings) result.push_back(s.data());
    result.push_back(nullptr);
    return result;
}

struct Pipe {
    int fd[2] = {-1, -1};
    Pipe() {
        if (pipe2(fd, O_CLOEXEC) != 0) throw util::Error({}, std::string("cannot create a pipe: ") + strerror(errno));
    }
    ~Pipe() {
        for (int f : fd)
            if (f >= 0) close(f);
    }
    void close_end(int i) {
        if (fd[i] >= 0) close(fd[i]);
        fd[i] = -1;
    }
};

}  // namespace

Output run(const fs::path& dir, const std::vector<std::string>& args, const std::string& input,
           const std::vector<std::string>& extra_environment) {
    std::vector<std::string> argv = {"git", "-C", dir.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<std::string> env = environment(extra_environment);
    auto argv_pointers = pointers(argv);
    auto env_pointers = pointers(env);

    Pipe in, out, err;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.fd[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out.fd[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err.fd[1], 2);
    pid_t pid = 0;
    int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv_pointers.data(), env_pointers.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) return {127, "", std::string("cannot run git: ") + strerror(spawned)};
    in.close_end(0);
    out.close_end(1);
    err.close_end(1);

    // Feed stdin and drain stdout and stderr together, so neither side can block the other.
    Output result;
    size_t written = 0;
    if (input.empty()) in.close_end(1);
    signal(SIGPIPE, SIG_IGN);
    while (out.fd[0] >= 0 || err.fd[0] >= 0) {
        std::vector<pollfd> fds;
        if (in.fd[1] >= 0) fds.push_back({in.fd[1], POLLOUT, 0});
        if (out.fd[0] >= 0) fds.push_back({out.fd[0], POLLIN, 0});
        if (err.fd[0] >= 0) fds.push_back({err.fd[0], POLLIN, 0});
        if (poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (const pollfd& p : fds) {
            if (!p.revents) continue;
            if (p.fd == in.fd[1]) {
                ssize_t n = write(p.fd, input.data() + written, input.size() - written);
                if (n > 0) written += n;
                if (n < 0 || written == input.size()) in.close_end(1);
                continue;
            }
            char buffer[65536];
            ssize_t n = read(p.fd, buffer, sizeof buffer);
            Pipe& pipe = p.fd == out.fd[0] ? out : err;
            if (n <= 0) {
                if (n < 0 && errno == EINTR) continue;
                pipe.close_end(0);
            } else {
                (p.fd == out.fd[0] ? result.out : result.err).append(buffer, n);
            }
        }
    }
    in.close_end(1);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

std::string shown(const fs::path& path) {
    fs::path normal = fs::absolute(path).lexically_normal();
    if (normal.filename().empty() && normal.has_parent_path() && normal != normal.root_path()) normal = normal.parent_path();
    return normal.string();
}

std::string first_line(const std::string& out) { return out.substr(0, out.find('\n')); }

namespace {

// Where snapshots go: $TMPDIR when it is set; else in memory (/dev/shm) when the machine has it,
// as the hook writes a few hundred small files and links on every commit, which a disk (with its
// journal) may take a millisecond each to create; else /tmp. Only its owner can read it.
fs::path scratch_folder() {
    std::error_code error;
    const char* chosen = getenv("TMPDIR");
    if ((!chosen || !*chosen) && fs::is_directory("/dev/shm", error) && access("/dev/shm", W_OK | X_OK) == 0)
        return "/dev/shm";
    return fs::temp_directory_path();
}

}  // namespace

TempDir::TempDir(const std::string& stem) {
    std::string pattern = (scratch_folder() / (stem + "-XXXXXX")).string();
    if (!mkdtemp(pattern.data())) throw util::Error(pattern, std::string("cannot create: ") + strerror(errno));
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

namespace {

Output must(const fs::path& dir, const std::vector<std::string>& args, const std::string& input = {},
            const std::vector<std::string>& environment = {}) {
    Output output = run(dir, args, input, environment);
    if (output.status != 0) {
        std::string command = "git";
        for (const auto& a : args) command += " " + a;
        throw util::Error(dir, command + " failed: " + first_line(output.err));
    }
    return output;
}

std::vector<std::string> split_nul(const std::string& text) {
    std::vector<std::string> items;
    for (size_t at = 0; at < text.size();) {
        size_t end = text.find('\0', at);
        if (end == std::string::npos) end = text.size();
        if (end > at) items.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return items;
}

// Photos and documents are most of a site's bytes, and the index holds the work tree's own copy of
// nearly all of them. Each such file (a regular file git finds unchanged in the work tree, under
// the site's content/) is linked into `tree` rather than written again: the check reads the same
// bytes, and the image cache finds them by the work tree's path, already hashed. Returns the rest
// of `files` (NUL-separated), which are exported as they are in the index.
std::string link_unchanged_media(Export& result, const std::string& files, const fs::path& tree) {
    std::set<std::string> changed;
    for (const std::string& path : split_nul(must(result.top, {"diff-files", "-z", "--name-only"}).out))
        changed.insert(path);
    std::string content = result.prefix + "content/";
    std::string rest;
    bool linked = false;
    for (const std::string& path : split_nul(files)) {
        fs::path original = result.top / path;
        std::string extension = util::to_lower_ascii(fs::path(path).extension().string());
        bool media = extension == ".jpg" || extension == ".jpeg" || extension == ".png" || extension == ".webp" ||
                     extension == ".gif" || extension == ".tif" || extension == ".tiff" || extension == ".heic" ||
                     extension == ".heif" || extension == ".avif" || extension == ".pdf";
        std::error_code error;
        if (media && path.starts_with(content) && !changed.count(path) &&
            fs::symlink_status(original, error).type() == fs::file_type::regular) {
            fs::create_directories((tree / path).parent_path(), error);
            if (!error) fs::create_symlink(original, tree / path, error);
            if (!error) {
                linked = true;
                continue;
            }
        }
        rest += path;
        rest += '\0';
    }
    if (linked) result.linked_content = result.top / content;
    return rest;
}

}  // namespace

Export export_site(const fs::path& source, const std::string& revision, const fs::path& dir) {
    Export result;
    Output top = run(source, {"rev-parse", "--show-toplevel"});
    if (top.status != 0 || first_line(top.out).empty())
        throw NotARepository(shown(source) + " is not inside a git work tree");
    result.top = first_line(top.out);
    result.prefix = first_line(must(source, {"rev-parse", "--show-prefix"}).out);

    // A commit is read into an index of our own, so the user's index is never touched.
    std::vector<std::string> environment;
    if (!revision.empty()) {
        Output commit = run(result.top, {"rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"});
        if (commit.status != 0 || first_line(commit.out).empty())
            throw NotACommit("'" + revision + "' is not a commit in " + result.top.string());
        environment.push_back("GIT_INDEX_FILE=" + (dir / "index").string());
        must(result.top, {"read-tree", first_line(commit.out)}, {}, environment);
    }
    fs::path tree = dir / "tree";
    fs::create_directories(tree);
    std::vector<std::string> list = {"ls-files", "-z", "--full-name", "--"};
    if (!result.prefix.empty()) list.push_back(":(literal)" + result.prefix);
    std::string files = must(result.top, list, {}, environment).out;
    if (revision.empty()) files = link_unchanged_media(result, files, tree);
    if (!files.empty())
        must(result.top, {"checkout-index", "-z", "--stdin", "--prefix=" + tree.string() + "/"}, files, environment);
    result.site = tree / result.prefix;
    fs::create_directories(result.site);

    // The register is personal data and often kept out of git: when the tree lacks the register
    // its schoolgate.yml names, the working tree's copy is the one a build from this checkout
    // would use. (An absolute register path names the same file from both.)
    diag::Diagnostics ignored;  // a broken schoolgate.yml is reported by the check itself
    config::Config config = config::load_config(result.site / "schoolgate.yml", "schoolgate.yml", ignored);
    fs::path in_tree = config::register_path(config, result.site);
    fs::path in_work_tree = config::register_path(config, fs::absolute(source));
    if (!fs::exists(in_tree) && fs::exists(in_work_tree)) {
        result.register_file = in_work_tree;
        result.notes.push_back(config.register_file + " is not in git; using the working tree's copy");
    }
    return result;
}

}  // namespace sg::cli::git
