// Running git for `check --staged` and `hook`: programs are started with posix_spawnp and an
// argument vector, never through a shell, so a file or branch name is only ever an argument.
#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace sg::cli::git {

struct Output {
    int status = 0;  // the exit status; 127 when the program could not be started
    std::string out;
    std::string err;
};

// Runs `git -C dir args...`, writing `input` to its stdin. Relative GIT_DIR / GIT_INDEX_FILE
// inherited from a hook's environment are made absolute first, so `-C` does not re-root them.
Output run(const std::filesystem::path& dir, const std::vector<std::string>& args, const std::string& input = {},
           const std::vector<std::string>& extra_environment = {});

// `path` absolute and normal, without a trailing '/', as messages show a folder.
std::string shown(const std::filesystem::path& path);

// The first line of `out` (git's answers end with a newline).
std::string first_line(const std::string& out);

// A directory created with mode 0700 and removed, with everything in it, when this goes away.
class TempDir {
public:
    explicit TempDir(const std::string& stem);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// A tree as git holds it, written out as plain files so the pipeline can check it.
struct Export {
    std::filesystem::path top;     // the repository's top level (the real one)
    std::string prefix;            // the site's folder within it, "" or ending in '/'
    std::filesystem::path site;    // the exported site folder (inside `dir`)
    std::filesystem::path register_file;  // the working tree's register when git lacks it; else empty
    // The working tree's content/ folder when unchanged photos and documents of the index are links
    // to its files (check --staged), rather than copies; else empty.
    std::filesystem::path linked_content;
    std::vector<std::string> notes;  // what the user should know about the export
};

class NotARepository : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};
class NotACommit : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Writes the site folder `source` as it stands in the git index (`revision` empty) or in the
// commit `revision` into `dir`. Throws NotARepository when `source` is not inside a work tree,
// NotACommit when `revision` names no commit, util::Error when git fails.
Export export_site(const std::filesystem::path& source, const std::string& revision, const std::filesystem::path& dir);

}  // namespace sg::cli::git
