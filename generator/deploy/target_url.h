// The target of `schoolgate publish`, as written in schoolgate.yml (publish: target:) or --to:
//
//   sftp://user@host:port/var/www/html     an absolute folder on the server (port: default 22)
//   sftp://user@host/~/public_html          a folder in the login's home folder
//   file:///srv/www/school                  a folder on this machine or a mounted share
//
// The user defaults to the local login name. Percent escapes are decoded (%40 for '@'). A password
// in the URL (user:secret@host) is refused: the URL is kept in schoolgate.yml.
#pragma once
#include <string>
#include <string_view>

namespace sg::deploy {

struct TargetUrl {
    enum class Scheme { sftp, file };
    Scheme scheme = Scheme::file;
    std::string user;
    std::string host;  // without brackets for an IPv6 literal
    int port = 22;
    std::string path;  // sftp: absolute ("/var/www") or relative to the login's home; file: absolute

    // The URL again, canonical, for messages.
    std::string to_string() const;
};

// Throws deploy::Error (usage) saying what is wrong.
TargetUrl parse_target(std::string_view text);

}  // namespace sg::deploy
