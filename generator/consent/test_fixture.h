// Test support for the register's tests: a register file on disk, loaded as the pipeline loads it
// and printed as the user sees it (source line and caret included).
#pragma once
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "consent/register.h"
#include "diag/printer.h"

namespace sg::consent::testing {

namespace fs = std::filesystem;

// A temporary directory holding one register file, removed afterwards.
class RegisterFile {
public:
    explicit RegisterFile(std::string_view csv) {
        static int counter = 0;
        dir_ = fs::temp_directory_path() /
               ("sg-consent-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::create_directories(dir_);
        std::ofstream(dir_ / "register.csv", std::ios::binary) << csv;
    }
    ~RegisterFile() { fs::remove_all(dir_); }
    const fs::path& dir() const { return dir_; }

private:
    fs::path dir_;
};

struct Loaded {
    Register people;
    diag::Diagnostics diagnostics;
    std::string printed;  // as the user sees it, source line and caret included
};

inline Loaded load(std::string_view csv) {
    RegisterFile file(csv);
    Loaded loaded;
    loaded.people = load_register(file.dir() / "register.csv", "register.csv", loaded.diagnostics);
    std::ostringstream out;
    diag::Printer(file.dir()).print_all(out, loaded.diagnostics);
    loaded.printed = out.str();
    return loaded;
}

// The header of the row tests: the required columns and two optional ones, seven in all.
const char* const header = "id,first_name,last_name,role,photo_website,expires_on,protected\n";

}  // namespace sg::consent::testing
