#include "ssh_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "process.h"

namespace sg::testing {

namespace fs = std::filesystem;

namespace {

int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("cannot find a free port");
    close(fd);
    return ntohs(address.sin_port);
}

bool answers(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool up = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return up;
}

fs::path temp_dir(const fs::path& parent, const std::string& prefix) {
    std::string pattern = (parent / (prefix + "XXXXXX")).string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a directory in " + parent.string());
    return pattern;
}

void keygen(const fs::path& key) {
    Run made = run({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "schoolgate-test", "-f", key.string()});
    if (made.status != 0) throw std::runtime_error("ssh-keygen failed: " + made.err);
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The process ids below `root` (children, their children...), from /proc.
std::vector<pid_t> descendants(pid_t root) {
    std::multimap<pid_t, pid_t> children;
    for (const auto& entry : fs::directory_iterator("/proc")) {
        std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::string stat = read_text(entry.path() / "stat");
        size_t close = stat.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream fields(stat.substr(close + 2));
        char state = 0;
        pid_t parent = 0;
        fields >> state >> parent;
        children.emplace(parent, std::stoi(name));
    }
    std::vector<pid_t> found, pending{root};
    while (!pending.empty()) {
        pid_t pid = pending.back();
        pending.pop_back();
        for (auto [it, end] = children.equal_range(pid); it != end; ++it) {
            found.push_back(it->second);
            pending.push_back(it->second);
        }
    }
    return found;
}

}  // namespace

SshServer::SshServer(bool shared_hosting) : shared_hosting_(shared_hosting) {
    if (!fs::exists("/usr/sbin/sshd") || run({"sh", "-c", "command -v ssh-keygen"}).status != 0)
        throw std::runtime_error("OpenSSH's server or ssh-keygen is not installed: run .ci/install-deps");
    if (geteuid() != 0) throw std::runtime_error("the publish tests start sshd and must run as root (as CI does)");
    dir_ = temp_dir(fs::temp_directory_path(), "sg-sshd-");
    if (shared_hosting_) {
        // Every folder above a chroot must be root's and not writable by others: not under /tmp.
        chroot_ = temp_dir("/run", "sg-sftp-chroot-");
        fs::permissions(chroot_, fs::perms(0755));
        web_root_ = chroot_ / "www";
    } else {
        web_root_ = dir_ / "www";
    }
    fs::create_directories(web_root_);
    user_key_ = dir_ / "user_key";
    stranger_key_ = dir_ / "stranger_key";
    keygen(dir_ / "host_key");
    keygen(user_key_);
    keygen(stranger_key_);
    fs::copy_file(dir_ / "user_key.pub", dir_ / "authorized_keys");
    port_ = free_port();
    known_hosts_ = dir_ / "known_hosts";
    std::ofstream(known_hosts_) << "[127.0.0.1]:" << port_ << " " << read_text(dir_ / "host_key.pub");

    config_ = dir_ / "sshd_config";
    std::ofstream config(config_);
    config << "Port " << port_ << "\nListenAddress 127.0.0.1\nHostKey " << (dir_ / "host_key").string()
           << "\nPidFile " << (dir_ / "sshd.pid").string() << "\nAuthorizedKeysFile " << (dir_ / "authorized_keys").string()
           << "\nStrictModes no\nUsePAM no\nPermitRootLogin yes\nPasswordAuthentication yes\n"
              "KbdInteractiveAuthentication no\nSubsystem sftp internal-sftp\nAllowTcpForwarding no\n"
              "X11Forwarding no\nAllowAgentForwarding no\nPermitTTY no\nLogLevel ERROR\n";
    if (shared_hosting_) config << "ForceCommand internal-sftp\nChrootDirectory " << chroot_.string() << "\n";
    config.close();
    start();
}

SshServer::~SshServer() {
    kill_now();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
    if (!chroot_.empty()) fs::remove_all(chroot_, ignored);
}

std::string SshServer::target() const {
    return "sftp://root@127.0.0.1:" + std::to_string(port_) + (shared_hosting_ ? "/www" : web_root_.string());
}

std::string SshServer::fingerprint() const {
    Run printed = run({"ssh-keygen", "-l", "-E", "sha256", "-f", (dir_ / "host_key.pub").string()});
    std::istringstream fields(printed.out);
    std::string bits, fingerprint;
    fields >> bits >> fingerprint;
    return fingerprint;
}

void SshServer::start() {
    fs::create_directories("/run/sshd");  // sshd's privilege separation folder
    pid_ = fork();
    if (pid_ == 0) {
        int log = open((dir_ / "sshd.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        dup2(log, 2);
        execl("/usr/sbin/sshd", "/usr/sbin/sshd", "-D", "-e", "-f", config_.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!answers(port_)) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("sshd exited: " + read_text(dir_ / "sshd.log"));
        }
        if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("sshd did not start listening");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void SshServer::kill_now() {
    if (pid_ <= 0) return;
    // Each connection is served by processes sshd forked into sessions of their own: all of them go.
    std::vector<pid_t> all = descendants(pid_);
    ::kill(pid_, SIGKILL);
    for (pid_t pid : all) ::kill(pid, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

}  // namespace sg::testing
