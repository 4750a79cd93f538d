// A real OpenSSH server for the publish tests, started on a free port of 127.0.0.1 with host and
// user keys generated for it (ssh-keygen), and stopped (SIGKILL, with every connection process it
// forked) when it goes out of scope. Needs root, as CI runs: sshd only logs in other users, and
// chroots, as root. A missing sshd fails the test, saying to run .ci/install-deps.
//
// `shared_hosting` configures it as a school's web host usually is: SFTP only (ForceCommand
// internal-sftp: no shell, so no rsync), chrooted into a root-owned folder, no forwarding. The
// web root is then /www inside the chroot; otherwise the web root is an absolute path on this machine.
#pragma once
#include <sys/types.h>

#include <filesystem>
#include <string>

namespace sg::testing {

class SshServer {
public:
    explicit SshServer(bool shared_hosting);
    ~SshServer();
    SshServer(const SshServer&) = delete;
    SshServer& operator=(const SshServer&) = delete;

    int port() const { return port_; }
    // The web root on this machine, and the target URL for it.
    const std::filesystem::path& web_root() const { return web_root_; }
    std::string target() const;
    const std::filesystem::path& user_key() const { return user_key_; }
    // Another key, which the server does not accept.
    const std::filesystem::path& stranger_key() const { return stranger_key_; }
    // A known_hosts file that holds this server's host key.
    const std::filesystem::path& known_hosts() const { return known_hosts_; }
    // The host key's fingerprint as ssh-keygen prints it ("SHA256:...").
    std::string fingerprint() const;

    // Kills the server and every process it forked (the sessions in progress), at once.
    void kill_now();
    void start();

private:
    std::filesystem::path dir_, chroot_, web_root_, user_key_, stranger_key_, known_hosts_, config_;
    bool shared_hosting_;
    int port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace sg::testing
