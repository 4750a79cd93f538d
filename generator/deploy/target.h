// Where `schoolgate publish` puts the site: a folder on an SFTP server or on this machine. Both
// implement one small interface (list, write, rename into place, remove, read back), so the sync
// (sync.h) that decides what to send, in which order, and checks the result knows no protocol.
//
// Paths are relative to the target's root, with forward slashes, never "..", never absolute.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sg::deploy {

// A failure that says how `publish` should end (README: exit statuses). `usage` (2): a target,
// host key, login or folder that is not right yet; `refused` (1): the site itself may not be
// published as it is; `failed` (3): the transfer broke off (a dropped connection, a full disk).
class Error : public std::runtime_error {
public:
    enum class Kind { usage, refused, failed };
    Error(Kind kind, const std::string& message, std::string hint = {})
        : std::runtime_error(message), kind_(kind), hint_(std::move(hint)) {}
    Kind kind() const { return kind_; }
    const std::string& hint() const { return hint_; }

private:
    Kind kind_;
    std::string hint_;
};

struct Entry {
    enum class Type { file, directory, other };  // other: a symlink, device or the like (never followed)
    Type type = Type::file;
    std::uint64_t size = 0;
    std::int64_t mtime = 0;  // seconds since the epoch, as the server reports it
};

// Everything below the root, recursively, by relative path (folders included, root excluded).
using Listing = std::map<std::string, Entry>;

class Target {
public:
    virtual ~Target() = default;
    // For messages: the target as the user named it (never with a password).
    virtual std::string describe() const = 0;
    virtual Listing list() = 0;
    // The file's bytes; nullopt when there is no such file.
    virtual std::optional<std::string> read(const std::string& path) = 0;
    // Creates or truncates `path` and writes `bytes` (publish writes only temporary names this way).
    virtual void write(const std::string& path, std::string_view bytes) = 0;
    // Puts `from` at `to`, replacing what `to` held in one step where the server allows it.
    virtual void rename(const std::string& from, const std::string& to) = 0;
    virtual void make_directory(const std::string& path) = 0;
    virtual void remove(const std::string& path) = 0;
    virtual void remove_directory(const std::string& path) = 0;
};

}  // namespace sg::deploy
