#include "deploy/target_url.h"

#include <pwd.h>
#include <unistd.h>

#include <cctype>

#include "deploy/target.h"

namespace sg::deploy {

namespace {

const char* const examples = "e.g. sftp://user@host:22/var/www/html, sftp://user@host/~/public_html or file:///srv/www";

[[noreturn]] void bad(std::string_view text, const std::string& why) {
    throw Error(Error::Kind::usage, "cannot publish to '" + std::string(text) + "': " + why, examples);
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::string decode(std::string_view text, std::string_view whole) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
        int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
        if (high < 0 || low < 0) bad(whole, "a '%' that is not followed by two hex digits");
        char c = static_cast<char>(high * 16 + low);
        if (c == '\0') bad(whole, "%00 in the URL");
        out += c;
        i += 2;
    }
    return out;
}

std::string login_name() {
    if (const passwd* entry = getpwuid(getuid()); entry && entry->pw_name) return entry->pw_name;
    return "root";
}

std::string encode(std::string_view text, bool path) {
    std::string out;
    static const char* const hex = "0123456789ABCDEF";
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || (path && c == '/'))
            out += static_cast<char>(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace

std::string TargetUrl::to_string() const {
    if (scheme == Scheme::file) return "file://" + encode(path, true);
    std::string where = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    std::string folder = path.starts_with("/") ? encode(path, true) : "/~/" + encode(path, true);
    return "sftp://" + encode(user, false) + "@" + where + (port == 22 ? "" : ":" + std::to_string(port)) + folder;
}

TargetUrl parse_target(std::string_view text) {
    TargetUrl url;
    if (text.starts_with("file://")) {
        url.scheme = TargetUrl::Scheme::file;
        std::string_view rest = text.substr(7);
        if (rest.starts_with("localhost/")) rest.remove_prefix(9);
        if (!rest.starts_with("/")) bad(text, "a file:// target needs an absolute path (file:///path: three slashes)");
        url.path = decode(rest, text);
        while (url.path.size() > 1 && url.path.back() == '/') url.path.pop_back();
        return url;
    }
    if (!text.starts_with("sftp://")) {
        if (text.find("://") == std::string_view::npos) bad(text, "not a URL");
        bad(text, "only sftp:// and file:// targets are supported");
    }
    url.scheme = TargetUrl::Scheme::sftp;
    std::string_view rest = text.substr(7);
    size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    std::string_view path = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
    if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
        std::string_view user = authority.substr(0, at);
        if (user.find(':') != std::string_view::npos)
            throw Error(Error::Kind::usage, "refusing a password in the target URL: it would be kept in a file",
                        "remove ':password' from the URL; publish reads SCHOOLGATE_PUBLISH_PASSWORD from the "
                        "environment, or asks for it");
        url.user = decode(user, text);
        authority.remove_prefix(at + 1);
    }
    if (url.user.empty()) url.user = login_name();
    std::string_view port;
    if (authority.starts_with("[")) {
        size_t close = authority.find(']');
        if (close == std::string_view::npos) bad(text, "an IPv6 address without its closing ']'");
        url.host = std::string(authority.substr(1, close - 1));
        std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (!after.starts_with(":")) bad(text, "unexpected text after the host");
            port = after.substr(1);
        }
    } else {
        size_t colon = authority.find(':');
        url.host = decode(authority.substr(0, colon), text);
        if (colon != std::string_view::npos) port = authority.substr(colon + 1);
    }
    if (url.host.empty()) bad(text, "no host");
    if (!port.empty() || authority.ends_with(":")) {
        int value = 0;
        for (char c : port) {
            if (!std::isdigit(static_cast<unsigned char>(c)) || value > 65535) bad(text, "the port is not a number from 1 to 65535");
            value = value * 10 + (c - '0');
        }
        if (value < 1 || value > 65535) bad(text, "the port is not a number from 1 to 65535");
        url.port = value;
    }
    std::string folder = decode(path, text);
    if (folder == "/~" || folder.starts_with("/~/"))
        folder = folder.size() > 3 ? folder.substr(3) : "";
    while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
    if (folder.empty()) folder = ".";
    if (("/" + folder + "/").find("/../") != std::string::npos) bad(text, "'..' in the path");
    url.path = folder;
    return url;
}

}  // namespace sg::deploy
