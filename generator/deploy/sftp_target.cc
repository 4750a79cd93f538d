#include "deploy/sftp_target.h"

#include <fcntl.h>
#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include <cstdlib>
#include <cstring>
#include <vector>

namespace sg::deploy {

namespace {

constexpr size_t chunk = 64 * 1024;

const char* sftp_error_words(int code) {
    switch (code) {
        case SSH_FX_EOF: return "end of file";
        case SSH_FX_NO_SUCH_FILE: return "no such file or folder";
        case SSH_FX_PERMISSION_DENIED: return "permission denied";
        case SSH_FX_FAILURE: return "the server refused";
        case SSH_FX_BAD_MESSAGE: return "bad message";
        case SSH_FX_NO_CONNECTION: return "no connection";
        case SSH_FX_CONNECTION_LOST: return "connection lost";
        case SSH_FX_OP_UNSUPPORTED: return "not supported by the server";
        case SSH_FX_FILE_ALREADY_EXISTS: return "already exists";
        case SSH_FX_WRITE_PROTECT: return "write protected";
        case SSH_FX_NO_MEDIA: return "no media";
        default: return "error";
    }
}

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

// Big-endian SFTP packet fields.
void put_u32(std::string& out, uint32_t value) {
    for (int shift : {24, 16, 8, 0}) out += static_cast<char>((value >> shift) & 0xff);
}
void put_string(std::string& out, std::string_view text) {
    put_u32(out, static_cast<uint32_t>(text.size()));
    out += text;
}
uint32_t get_u32(const std::string& in, size_t at) {
    uint32_t value = 0;
    for (size_t i = 0; i < 4; ++i) value = (value << 8) | static_cast<unsigned char>(in.at(at + i));
    return value;
}

}  // namespace

struct SftpTarget::Session {
    SftpOptions options;
    ssh_session ssh = nullptr;
    sftp_session sftp = nullptr;
    ssh_channel rename_channel = nullptr;  // a second SFTP channel for posix-rename@openssh.com
    uint32_t next_id = 1;
    std::string how;
    bool posix_rename = false;

    ~Session() {
        if (rename_channel) {
            ssh_channel_close(rename_channel);
            ssh_channel_free(rename_channel);
        }
        if (sftp) sftp_free(sftp);
        if (ssh) {
            if (ssh_is_connected(ssh)) ssh_disconnect(ssh);
            ssh_free(ssh);
        }
    }

    std::string where() const { return options.url.user + "@" + options.url.host + ":" + std::to_string(options.url.port); }

    std::string full(const std::string& path) const {
        const std::string& root = options.url.path;
        if (path.empty()) return root;
        if (root == ".") return path;
        return root.ends_with("/") ? root + path : root + "/" + path;
    }

    [[noreturn]] void fail(const std::string& what, const std::string& path) const {
        std::string why;
        if (!ssh_is_connected(ssh))
            why = "the connection was lost";
        else if (int code = sftp ? sftp_get_error(sftp) : 0; code != SSH_FX_OK)
            why = sftp_error_words(code);
        else
            why = ssh_get_error(ssh);
        throw Error(Error::Kind::failed, where() + ": cannot " + what + " " + path + ": " + why,
                    "publish again to finish: a rerun sends what is missing and removes what is left over");
    }

    void connect() {
        ssh = ssh_new();
        if (!ssh) throw Error(Error::Kind::failed, "cannot start an SSH session (libssh)");
        bool no = false;
        long timeout = options.timeout_seconds;
        int port = options.url.port;
        ssh_options_set(ssh, SSH_OPTIONS_PROCESS_CONFIG, &no);
        if (ssh_options_set(ssh, SSH_OPTIONS_HOST, options.url.host.c_str()) != SSH_OK ||
            ssh_options_set(ssh, SSH_OPTIONS_PORT, &port) != SSH_OK ||
            ssh_options_set(ssh, SSH_OPTIONS_USER, options.url.user.c_str()) != SSH_OK ||
            ssh_options_set(ssh, SSH_OPTIONS_KNOWNHOSTS, options.known_hosts.c_str()) != SSH_OK ||
            ssh_options_set(ssh, SSH_OPTIONS_TIMEOUT, &timeout) != SSH_OK)
            throw Error(Error::Kind::usage, "cannot use the target " + options.url.to_string() + ": " + ssh_get_error(ssh));
        if (ssh_connect(ssh) != SSH_OK)
            throw Error(Error::Kind::usage,
                        "cannot connect to " + options.url.host + " port " + std::to_string(port) + ": " + ssh_get_error(ssh),
                        "check the host and port in the target, and that this machine may reach it");
    }

    void check_host_key() {
        ssh_key key = nullptr;
        if (ssh_get_server_publickey(ssh, &key) != SSH_OK)
            throw Error(Error::Kind::usage, where() + ": the server sent no host key");
        unsigned char* hash = nullptr;
        size_t length = 0;
        std::string type = ssh_key_type_to_char(ssh_key_type(key));
        int rc = ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length);
        ssh_key_free(key);
        if (rc != SSH_OK) throw Error(Error::Kind::failed, where() + ": cannot hash the host key");
        char* printed = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
        ssh_clean_pubkey_hash(&hash);
        std::string fingerprint = printed ? printed : "";
        ssh_string_free_char(printed);

        std::string host = options.url.host, port = std::to_string(options.url.port);
        std::string named = options.url.port == 22 ? host : "[" + host + "]:" + port;
        switch (ssh_session_is_known_server(ssh)) {
            case SSH_KNOWN_HOSTS_OK:
                return;
            case SSH_KNOWN_HOSTS_CHANGED:
            case SSH_KNOWN_HOSTS_OTHER:
                throw Error(Error::Kind::usage,
                            "the host key of " + named + " is not the one " + options.known_hosts +
                                " holds for it: nothing was sent. Someone may be intercepting the connection, or the "
                                "host replaced its key. The key offered now: " + type + " " + fingerprint,
                            "ask your web host for the key's fingerprint; if it is " + fingerprint +
                                ", remove the old key (ssh-keygen -R '" + named + "' -f " + options.known_hosts +
                                ") and publish with --accept-host-key " + fingerprint);
            case SSH_KNOWN_HOSTS_UNKNOWN:
            case SSH_KNOWN_HOSTS_NOT_FOUND:
                break;
            case SSH_KNOWN_HOSTS_ERROR:
            default:
                throw Error(Error::Kind::usage, "cannot check the host key of " + named + " against " +
                                                    options.known_hosts + ": " + ssh_get_error(ssh));
        }
        if (options.accept_fingerprint.empty())
            throw Error(Error::Kind::usage,
                        "the host key of " + named + " is not in " + options.known_hosts +
                            ", so the server cannot be told from an impostor: nothing was sent. It offers " + type +
                            " " + fingerprint,
                        "ask your web host for the key's fingerprint; if it is " + fingerprint +
                            ", publish once with --accept-host-key " + fingerprint + " to trust it from then on");
        if (options.accept_fingerprint != fingerprint)
            throw Error(Error::Kind::usage,
                        "the host key of " + named + " is " + fingerprint + ", not the " + options.accept_fingerprint +
                            " given to --accept-host-key: nothing was sent",
                        "check the fingerprint with your web host");
        if (ssh_session_update_known_hosts(ssh) != SSH_OK)
            throw Error(Error::Kind::usage, "cannot add the host key to " + options.known_hosts + ": " + ssh_get_error(ssh));
    }

    std::optional<std::string> secret(const char* variable, const std::string& prompt) const {
        std::string value = env(variable);
        if (!value.empty()) return value;
        if (options.ask_secret) return options.ask_secret(prompt);
        return std::nullopt;
    }

    void log_in() {
        int rc = ssh_userauth_none(ssh, nullptr);
        if (rc == SSH_AUTH_SUCCESS) {
            how = "no authentication";
            return;
        }
        if (rc == SSH_AUTH_ERROR) fail_login({}, ssh_get_error(ssh));
        int methods = ssh_userauth_list(ssh, nullptr);
        std::vector<std::string> tried;

        if (!options.key.empty()) {
            ssh_key key = nullptr;
            rc = ssh_pki_import_privkey_file(options.key.c_str(), nullptr, nullptr, nullptr, &key);
            if (rc == SSH_EOF)
                throw Error(Error::Kind::usage, "cannot read the key file " + options.key,
                            "name an existing private key in schoolgate.yml (publish: key:)");
            if (rc != SSH_OK) {
                std::optional<std::string> passphrase =
                    secret("SCHOOLGATE_PUBLISH_PASSPHRASE", "passphrase for " + options.key + ": ");
                if (passphrase)
                    rc = ssh_pki_import_privkey_file(options.key.c_str(), passphrase->c_str(), nullptr, nullptr, &key);
                if (rc != SSH_OK)
                    throw Error(Error::Kind::usage,
                                "cannot open the key file " + options.key +
                                    (passphrase ? ": wrong passphrase, or not a private key" : ": it needs a passphrase"),
                                "set SCHOOLGATE_PUBLISH_PASSPHRASE, run publish on a terminal to be asked, or load "
                                "the key into the SSH agent");
            }
            if (methods & SSH_AUTH_METHOD_PUBLICKEY) {
                rc = ssh_userauth_publickey(ssh, nullptr, key);
                ssh_key_free(key);
                if (rc == SSH_AUTH_SUCCESS) {
                    how = "key file " + options.key;
                    return;
                }
                if (rc == SSH_AUTH_ERROR) fail_login(tried, ssh_get_error(ssh));
            } else {
                ssh_key_free(key);
            }
            tried.push_back("the key file " + options.key);
        } else if (!env("SSH_AUTH_SOCK").empty() && (methods & SSH_AUTH_METHOD_PUBLICKEY)) {
            rc = ssh_userauth_agent(ssh, nullptr);
            if (rc == SSH_AUTH_SUCCESS) {
                how = "SSH agent";
                return;
            }
            if (rc == SSH_AUTH_ERROR && !ssh_is_connected(ssh)) fail_login(tried, ssh_get_error(ssh));
            tried.push_back("the keys in the SSH agent");
        }

        if (methods & (SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE)) {
            bool from_environment = !env("SCHOOLGATE_PUBLISH_PASSWORD").empty();
            std::optional<std::string> password =
                secret("SCHOOLGATE_PUBLISH_PASSWORD", "password for " + options.url.user + "@" + options.url.host + ": ");
            if (password) {
                rc = (methods & SSH_AUTH_METHOD_PASSWORD) ? ssh_userauth_password(ssh, nullptr, password->c_str())
                                                          : keyboard_interactive(*password);
                std::fill(password->begin(), password->end(), '\0');
                if (rc == SSH_AUTH_SUCCESS) {
                    how = "password";
                    return;
                }
                if (rc == SSH_AUTH_ERROR && !ssh_is_connected(ssh)) fail_login(tried, ssh_get_error(ssh));
                tried.push_back(from_environment ? "the password in SCHOOLGATE_PUBLISH_PASSWORD" : "the password typed");
            }
        }
        fail_login(tried, {});
    }

    int keyboard_interactive(const std::string& password) {
        int rc = ssh_userauth_kbdint(ssh, nullptr, nullptr);
        for (int round = 0; rc == SSH_AUTH_INFO && round < 4; ++round) {
            int prompts = ssh_userauth_kbdint_getnprompts(ssh);
            for (int i = 0; i < prompts; ++i) {
                char echo = 0;
                ssh_userauth_kbdint_getprompt(ssh, static_cast<unsigned>(i), &echo);
                ssh_userauth_kbdint_setanswer(ssh, static_cast<unsigned>(i), echo ? "" : password.c_str());
            }
            rc = ssh_userauth_kbdint(ssh, nullptr, nullptr);
        }
        return rc;
    }

    [[noreturn]] void fail_login(const std::vector<std::string>& tried, const std::string& error) const {
        std::string refused;
        for (size_t i = 0; i < tried.size(); ++i) refused += (i ? (i + 1 == tried.size() ? " and " : ", ") : "") + tried[i];
        std::string message = "cannot log in to " + options.url.host + " as " + options.url.user + ": " +
                              (!error.empty()      ? error
                               : refused.empty()   ? std::string("no way to log in was available")
                                                   : "the server refused " + refused) +
                              "; nothing was sent";
        throw Error(Error::Kind::usage, message,
                    "name a private key in schoolgate.yml (publish: key: /path/outside/the/site), load your key into "
                    "the SSH agent, or set SCHOOLGATE_PUBLISH_PASSWORD (never in a file of the site)");
    }

    void open_sftp() {
        sftp = sftp_new(ssh);
        if (!sftp || sftp_init(sftp) != SSH_OK)
            throw Error(Error::Kind::usage, where() + ": the server offers no SFTP: " + ssh_get_error(ssh),
                        "ask your web host to enable SFTP for this account");
        sftp_attributes root = sftp_stat(sftp, options.url.path.c_str());
        bool folder = root && root->type == SSH_FILEXFER_TYPE_DIRECTORY;
        if (root) sftp_attributes_free(root);
        if (!folder)
            throw Error(Error::Kind::usage, "the target folder " + options.url.path + " does not exist on " + options.url.host,
                        "create it first (publish never creates the folder it was given), or correct the target's path");
        posix_rename = sftp_extension_supported(sftp, "posix-rename@openssh.com", "1") && open_rename_channel();
    }

    bool write_all(const std::string& bytes) {
        size_t done = 0;
        while (done < bytes.size()) {
            int n = ssh_channel_write(rename_channel, bytes.data() + done, static_cast<uint32_t>(bytes.size() - done));
            if (n <= 0) return false;
            done += static_cast<size_t>(n);
        }
        return true;
    }

    std::optional<std::string> read_packet() {
        std::string packet;
        auto read_exact = [&](size_t count) {
            size_t start = packet.size();
            packet.resize(start + count);
            size_t done = 0;
            while (done < count) {
                int n = ssh_channel_read_timeout(rename_channel, packet.data() + start + done, static_cast<uint32_t>(count - done), 0,
                                                 options.timeout_seconds * 1000);
                if (n <= 0) return false;
                done += static_cast<size_t>(n);
            }
            return true;
        };
        if (!read_exact(4)) return std::nullopt;
        uint32_t length = get_u32(packet, 0);
        if (length < 1 || length > 256 * 1024 || !read_exact(length)) return std::nullopt;
        return packet.substr(4);
    }

    bool open_rename_channel() {
        rename_channel = ssh_channel_new(ssh);
        if (!rename_channel || ssh_channel_open_session(rename_channel) != SSH_OK ||
            ssh_channel_request_subsystem(rename_channel, "sftp") != SSH_OK) {
            if (rename_channel) ssh_channel_free(rename_channel);
            rename_channel = nullptr;
            return false;
        }
        std::string init;
        put_u32(init, 5);
        init += static_cast<char>(1);  // SSH_FXP_INIT
        put_u32(init, 3);
        std::optional<std::string> version = write_all(init) ? read_packet() : std::nullopt;
        return version && !version->empty() && static_cast<unsigned char>((*version)[0]) == 2;  // SSH_FXP_VERSION
    }

    void posix_rename_file(const std::string& from, const std::string& to) {
        std::string body;
        body += static_cast<char>(200);  // SSH_FXP_EXTENDED
        uint32_t id = next_id++;
        put_u32(body, id);
        put_string(body, "posix-rename@openssh.com");
        put_string(body, from);
        put_string(body, to);
        std::string packet;
        put_u32(packet, static_cast<uint32_t>(body.size()));
        packet += body;
        std::optional<std::string> reply = write_all(packet) ? read_packet() : std::nullopt;
        if (!reply || reply->size() < 9 || static_cast<unsigned char>((*reply)[0]) != 101 || get_u32(*reply, 1) != id)
            throw Error(Error::Kind::failed, where() + ": cannot rename " + from + " to " + to + ": the connection was lost",
                        "publish again to finish: a rerun sends what is missing and removes what is left over");
        uint32_t code = get_u32(*reply, 5);
        if (code != SSH_FX_OK)
            throw Error(Error::Kind::failed, where() + ": cannot rename " + from + " to " + to + ": " +
                                                 sftp_error_words(static_cast<int>(code)));
    }
};

SftpTarget::SftpTarget(const SftpOptions& options) : session_(std::make_unique<Session>()) {
    session_->options = options;
    session_->connect();
    session_->check_host_key();
    session_->log_in();
    session_->open_sftp();
}

SftpTarget::~SftpTarget() = default;

std::string SftpTarget::describe() const { return session_->options.url.to_string(); }
const std::string& SftpTarget::logged_in_with() const { return session_->how; }
bool SftpTarget::atomic_rename() const { return session_->posix_rename; }

Listing SftpTarget::list() {
    Listing listing;
    std::vector<std::string> folders{""};
    while (!folders.empty()) {
        std::string folder = folders.back();
        folders.pop_back();
        std::string path = session_->full(folder);
        sftp_dir dir = sftp_opendir(session_->sftp, path.c_str());
        if (!dir) session_->fail("list", path);
        while (sftp_attributes attributes = sftp_readdir(session_->sftp, dir)) {
            std::string name = attributes->name ? attributes->name : "";
            if (name != "." && name != ".." && !name.empty()) {
                Entry entry;
                entry.type = attributes->type == SSH_FILEXFER_TYPE_REGULAR     ? Entry::Type::file
                             : attributes->type == SSH_FILEXFER_TYPE_DIRECTORY ? Entry::Type::directory
                                                                               : Entry::Type::other;
                entry.size = entry.type == Entry::Type::file ? attributes->size : 0;
                entry.mtime = attributes->mtime64 ? static_cast<std::int64_t>(attributes->mtime64) : attributes->mtime;
                std::string relative = folder.empty() ? name : folder + "/" + name;
                listing[relative] = entry;
                if (entry.type == Entry::Type::directory) folders.push_back(relative);
            }
            sftp_attributes_free(attributes);
        }
        bool complete = sftp_dir_eof(dir);
        sftp_closedir(dir);
        if (!complete) session_->fail("list", path);
    }
    return listing;
}

std::optional<std::string> SftpTarget::read(const std::string& path) {
    std::string full = session_->full(path);
    sftp_file file = sftp_open(session_->sftp, full.c_str(), O_RDONLY, 0);
    if (!file) {
        if (sftp_get_error(session_->sftp) == SSH_FX_NO_SUCH_FILE) return std::nullopt;
        session_->fail("read", full);
    }
    std::string bytes;
    std::vector<char> buffer(chunk);
    while (true) {
        ssize_t n = sftp_read(file, buffer.data(), buffer.size());
        if (n < 0) {
            sftp_close(file);
            session_->fail("read", full);
        }
        if (n == 0) break;
        bytes.append(buffer.data(), static_cast<size_t>(n));
    }
    sftp_close(file);
    return bytes;
}

void SftpTarget::write(const std::string& path, std::string_view bytes) {
    std::string full = session_->full(path);
    sftp_file file = sftp_open(session_->sftp, full.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (!file) session_->fail("write", full);
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = sftp_write(file, bytes.data() + done, std::min(chunk, bytes.size() - done));
        if (n <= 0) {
            sftp_close(file);
            session_->fail("write", full);
        }
        done += static_cast<size_t>(n);
    }
    if (sftp_close(file) != SSH_OK) session_->fail("write", full);
}

void SftpTarget::rename(const std::string& from, const std::string& to) {
    std::string source = session_->full(from), target = session_->full(to);
    if (session_->posix_rename) {
        session_->posix_rename_file(source, target);
        return;
    }
    if (sftp_rename(session_->sftp, source.c_str(), target.c_str()) == SSH_OK) return;
    // SFTP version 3 refuses to rename over an existing name: remove it first (not atomic).
    sftp_unlink(session_->sftp, target.c_str());
    if (sftp_rename(session_->sftp, source.c_str(), target.c_str()) != SSH_OK) session_->fail("rename into place", target);
}

void SftpTarget::make_directory(const std::string& path) {
    std::string full = session_->full(path);
    if (sftp_mkdir(session_->sftp, full.c_str(), 0755) == SSH_OK) return;
    sftp_attributes existing = sftp_lstat(session_->sftp, full.c_str());
    bool folder = existing && existing->type == SSH_FILEXFER_TYPE_DIRECTORY;
    if (existing) sftp_attributes_free(existing);
    if (!folder) session_->fail("create the folder", full);
}

void SftpTarget::remove(const std::string& path) {
    std::string full = session_->full(path);
    if (sftp_unlink(session_->sftp, full.c_str()) != SSH_OK && sftp_get_error(session_->sftp) != SSH_FX_NO_SUCH_FILE)
        session_->fail("remove", full);
}

void SftpTarget::remove_directory(const std::string& path) {
    std::string full = session_->full(path);
    if (sftp_rmdir(session_->sftp, full.c_str()) != SSH_OK && sftp_get_error(session_->sftp) != SSH_FX_NO_SUCH_FILE)
        session_->fail("remove the folder", full);
}

}  // namespace sg::deploy
