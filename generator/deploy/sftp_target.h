// A folder on an SFTP server (sftp://user@host:port/path), through libssh (Debian's libssh 0.10:
// its session, known-hosts, authentication and SFTP APIs). Nothing else is run: no ssh or sftp
// client, and no ~/.ssh/config or /etc/ssh/ssh_config is read (libssh would otherwise process them
// on connect): the target URL and schoolgate.yml say everything about the connection.
//
// Host keys are checked strictly against `known_hosts`: an unknown key, or one that changed, stops
// with its SHA-256 fingerprint (Error usage) unless `accept_fingerprint` is exactly that fingerprint
// (an unknown key is then added to `known_hosts`; a changed one must first be removed by hand).
//
// Logging in: the key file `key` when one is named; otherwise the keys of the SSH agent
// (SSH_AUTH_SOCK); then a password, from SCHOOLGATE_PUBLISH_PASSWORD or asked on the terminal.
// A key's passphrase comes from SCHOOLGATE_PUBLISH_PASSPHRASE or is asked likewise.
//
// A file is replaced in one step with OpenSSH's posix-rename@openssh.com extension (plain SFTP
// rename refuses an existing name); libssh 0.10 does not send it, so this target sends that one
// request itself, on a second SFTP channel of the same connection. A server without the
// extension gets remove-then-rename, which leaves the name missing for a moment.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "deploy/target.h"
#include "deploy/target_url.h"

namespace sg::deploy {

struct SftpOptions {
    TargetUrl url;
    std::string key;          // private key file; empty: the agent, then a password
    std::string known_hosts;  // the known_hosts file in use
    std::string accept_fingerprint;  // "SHA256:..." the user accepted (--accept-host-key)
    // Asks for a secret on the terminal (echo off); nullopt when there is no terminal.
    std::function<std::optional<std::string>(const std::string& prompt)> ask_secret;
    int timeout_seconds = 20;
};

class SftpTarget : public Target {
public:
    // Connects, checks the host key, logs in and opens the folder; throws Error.
    explicit SftpTarget(const SftpOptions& options);
    ~SftpTarget() override;

    std::string describe() const override;
    Listing list() override;
    std::optional<std::string> read(const std::string& path) override;
    void write(const std::string& path, std::string_view bytes) override;
    void rename(const std::string& from, const std::string& to) override;
    void make_directory(const std::string& path) override;
    void remove(const std::string& path) override;
    void remove_directory(const std::string& path) override;

    // How the user was logged in ("key file ...", "SSH agent", "password"), for the summary.
    const std::string& logged_in_with() const;
    bool atomic_rename() const;

private:
    struct Session;
    std::unique_ptr<Session> session_;
};

}  // namespace sg::deploy
