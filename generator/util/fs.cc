#include "util/fs.h"

#include <fstream>
#include <sstream>
#include <unistd.h>

#include "util/error.h"

namespace sg::util {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path, "cannot open for reading");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) throw Error(path, "read failed");
    return std::move(bytes).str();
}

void write_file_atomic(const fs::path& path, std::string_view bytes) {
    fs::path tmp = path;
    tmp += ".tmp." + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(tmp, "cannot open for writing");
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            std::error_code ignored;
            fs::remove(tmp, ignored);
            throw Error(path, "write failed (disk full?)");
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw Error(path, "cannot rename into place: " + ec.message());
    }
}

bool is_within(const fs::path& path, const fs::path& root) {
    std::error_code ec;
    fs::path real = fs::weakly_canonical(path, ec);
    if (ec) return false;
    fs::path real_root = fs::weakly_canonical(root, ec);
    if (ec) return false;
    auto [root_end, ignored] = std::mismatch(real_root.begin(), real_root.end(), real.begin(), real.end());
    return root_end == real_root.end();
}

}  // namespace sg::util
