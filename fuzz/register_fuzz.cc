// Fuzzes the consent register parser (CSV with BOM, CRLF, quoted fields; columns; values; dates).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "consent/register.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view csv(reinterpret_cast<const char*>(data), size);
    sg::diag::Diagnostics diagnostics;
    sg::consent::Register people = sg::consent::parse_register(csv, "consent/register.csv", diagnostics);
    for (const auto& person : people.people()) (void)person.redacted();
    return 0;
}
