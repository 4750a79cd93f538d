// What `build` and `check` print. Text: compiler-style diagnostics on stderr, the summary on
// stdout. JSON and SARIF (for CI): the report on stdout, one-line diagnostics and the summary on
// stderr, no source lines quoted (people appear only as register id plus initials).
#pragma once
#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>

#include "pipeline/pipeline.h"

namespace sg::cli {

enum class Format { text, json, sarif };

struct PrintOptions {
    std::string command = "check";       // "check" or "build"
    Format format = Format::text;
    std::filesystem::path site;           // the site folder as the user knows it
    std::filesystem::path sources;        // where quoted source lines are read; default `site`
    std::string scope;                    // "" (the working tree), "the git index", "commit <sha>"
};

// --date's check.
CLI::Validator iso_date();
// Adds --format text|json|sarif.
void add_format_option(CLI::App& command, Format& format);
void print_result(const PrintOptions& output, const pipeline::Result& result);
// Said on stderr when a build must wait for another build of the same site (pipeline::Options::on_lock_wait).
void say_waiting_for_lock();

}  // namespace sg::cli
