#include "deploy/target_url.h"

#include <doctest/doctest.h>

#include "deploy/target.h"

using namespace sg::deploy;

TEST_SUITE("deploy::target_url") {

TEST_CASE("sftp targets: user, host, port and folder") {
    TargetUrl url = parse_target("sftp://ict@web.example:2222/var/www/html/");
    CHECK(url.scheme == TargetUrl::Scheme::sftp);
    CHECK(url.user == "ict");
    CHECK(url.host == "web.example");
    CHECK(url.port == 2222);
    CHECK(url.path == "/var/www/html");
    CHECK(url.to_string() == "sftp://ict@web.example:2222/var/www/html");

    TargetUrl home = parse_target("sftp://a%40b@[::1]/~/public_html");
    CHECK(home.user == "a@b");
    CHECK(home.host == "::1");
    CHECK(home.port == 22);
    CHECK(home.path == "public_html");
    CHECK(home.to_string() == "sftp://a%40b@[::1]/~/public_html");

    CHECK(parse_target("sftp://ict@host").path == "/");
    CHECK_FALSE(parse_target("sftp://host/x").user.empty());  // the login name
}

TEST_CASE("file targets are absolute folders") {
    TargetUrl url = parse_target("file:///srv/www/school/");
    CHECK(url.scheme == TargetUrl::Scheme::file);
    CHECK(url.path == "/srv/www/school");
    CHECK(parse_target("file:///mnt/share%20web").path == "/mnt/share web");
}

TEST_CASE("refused: passwords in the URL, other schemes, bad ports, '..'") {
    CHECK_THROWS_AS(parse_target("sftp://ict:secret@host/www"), Error);
    CHECK_THROWS_AS(parse_target("ftp://host/www"), Error);
    CHECK_THROWS_AS(parse_target("/var/www"), Error);
    CHECK_THROWS_AS(parse_target("file://relative/path"), Error);
    CHECK_THROWS_AS(parse_target("sftp://host:0/x"), Error);
    CHECK_THROWS_AS(parse_target("sftp://host:99999/x"), Error);
    CHECK_THROWS_AS(parse_target("sftp://host:22a/x"), Error);
    CHECK_THROWS_AS(parse_target("sftp://host/www/../etc"), Error);
    CHECK_THROWS_AS(parse_target("sftp://@/x"), Error);
    try {
        parse_target("sftp://ict:secret@host/www");
    } catch (const Error& e) {
        CHECK(e.kind() == Error::Kind::usage);
        CHECK(std::string(e.what()).find("secret") == std::string::npos);
    }
}

}  // TEST_SUITE
