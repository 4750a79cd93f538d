// `schoolgate serve`: a local preview. Builds the site into <source>/.schoolgate-preview (never
// site/; not inside .schoolgate/, which the build refuses to write over), serves it on 127.0.0.1 only, and rebuilds when anything under content/, consent/,
// themes/ or schoolgate.yml changes (polled once a second). Withheld pages are reported on the
// console exactly as `build` reports them, and are absent from the preview as from site/.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <optional>
#include <thread>

#include "cli/command.h"
#include "cli/print_result.h"
#include "diag/printer.h"
#include "pipeline/pipeline.h"
#include "util/error.h"
#include "util/fs.h"

namespace sg::cli {

namespace {

namespace fs = std::filesystem;

std::atomic<bool> stop_requested{false};

extern "C" void request_stop(int) { stop_requested = true; }

// A fingerprint of every file a build reads: paths, sizes and modification times.
std::string fingerprint(const fs::path& source) {
    std::string print;
    auto add = [&](const fs::path& path) {
        std::error_code ec;
        auto time = fs::last_write_time(path, ec);
        auto size = fs::is_regular_file(path, ec) ? fs::file_size(path, ec) : 0;
        print += path.string() + '\t' + std::to_string(time.time_since_epoch().count()) + '\t' +
                 std::to_string(size) + '\n';
    };
    add(source / "schoolgate.yml");
    for (const char* folder : {"content", "consent", "themes"}) {
        std::error_code ec;
        for (fs::recursive_directory_iterator it(source / folder, ec), end; !ec && it != end; it.increment(ec))
            add(it->path());
    }
    return print;
}

void rebuild(const pipeline::Options& options) {
    auto started = std::chrono::steady_clock::now();
    pipeline::Result result;
    try {
        result = pipeline::run_build(options);
    } catch (const std::exception& e) {
        std::cerr << "schoolgate: error: " << e.what() << "\nschoolgate: the preview was not updated\n";
        return;
    }
    diag::Printer(fs::absolute(options.source)).print_all(std::cerr, result.diagnostics);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (result.status == pipeline::Status::usage || result.status == pipeline::Status::internal) {
        std::cout << "preview not updated: fix the errors above" << std::endl;
        return;
    }
    for (const auto& page : result.withheld) std::cout << "withheld: " << page << '\n';
    std::cout << "built preview: " << result.published.size() << " pages, " << result.withheld.size()
              << " withheld, " << result.diagnostics.error_count() << " errors, "
              << result.diagnostics.warning_count() << " warnings in " << ms.count() << " ms" << std::endl;
}

int serve(const fs::path& source, int port, const std::optional<util::Date>& date) {
    pipeline::Options options;
    options.source = source;
    options.out = source / ".schoolgate-preview";
    options.record = false;  // the build record is the last real build's: review compares with it
    options.date = date;
    options.on_lock_wait = say_waiting_for_lock;
    fs::create_directories(options.out);
    rebuild(options);
    std::string seen = fingerprint(source);

    httplib::Server server;
    server.set_default_headers({{"Cache-Control", "no-store"}});
    if (!server.set_mount_point("/", options.out.string()))
        throw util::Error(options.out, "cannot serve the preview folder");
    const fs::path not_found = options.out / "404.html";
    server.set_error_handler([not_found](const httplib::Request&, httplib::Response& response) {
        if (response.status != 404) return;
        std::error_code ec;
        if (fs::is_regular_file(not_found, ec)) response.set_content(util::read_file(not_found), "text/html; charset=utf-8");
    });
    // Loopback only: a preview may show pages the school has not yet approved.
    int bound = port == 0 ? server.bind_to_any_port("127.0.0.1") : (server.bind_to_port("127.0.0.1", port) ? port : -1);
    if (bound <= 0) {
        std::cerr << "schoolgate: cannot listen on 127.0.0.1:" << port << " (is another preview running?)\n";
        return 2;
    }
    stop_requested = false;
    std::signal(SIGINT, request_stop);  // before the address is printed: a script may stop us at once
    std::signal(SIGTERM, request_stop);
    std::cout << "serving http://127.0.0.1:" << bound << "/ from " << options.out.string()
              << "; rebuilding on change (Ctrl-C to stop)" << std::endl;

    std::atomic<bool> listened{false};
    std::thread watcher([&] {
        auto next_check = std::chrono::steady_clock::now() + std::chrono::seconds(1);
        while (!stop_requested) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (std::chrono::steady_clock::now() < next_check) continue;
            next_check = std::chrono::steady_clock::now() + std::chrono::seconds(1);
            std::string now = fingerprint(source);
            if (now == seen) continue;
            seen = now;
            std::cout << "change detected; rebuilding" << std::endl;
            rebuild(options);
        }
        // A stop before listen_after_bind() started would be lost: repeat it until listening ends.
        while (!listened) {
            server.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    server.listen_after_bind();
    listened = true;
    stop_requested = true;
    watcher.join();
    std::cout << "stopped" << std::endl;
    return 0;
}

}  // namespace

Run add_serve_command(CLI::App& app, const Globals& globals) {
    auto* command = app.add_subcommand("serve", "preview the site on 127.0.0.1, rebuilding on change");
    auto port = std::make_shared<int>(1313);
    auto date = std::make_shared<std::string>();
    command->add_option("--port,-p", *port, "port on 127.0.0.1 (default 1313; 0: any free port)")->check(CLI::Range(0, 65535));
    command->add_option("--date", *date, "judge consent on this date (default: today)")
        ->check(CLI::Validator(
            [](std::string& text) { return util::parse_iso_date(text) ? std::string() : "expected YYYY-MM-DD, got '" + text + "'"; },
            "YYYY-MM-DD"));
    return [&globals, port, date] {
        std::optional<util::Date> when;
        if (!date->empty()) when = util::parse_iso_date(*date);
        return serve(globals.source, *port, when);
    };
}

}  // namespace sg::cli
