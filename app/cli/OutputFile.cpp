#include "OutputFile.h"

#include "engine/util/AtomicFile.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

namespace tb::cli {
namespace {

namespace fs = std::filesystem;

/// Whether `path` names the same file as one of `readFrom`.
bool isReadFrom(const std::string& path, const std::vector<std::string>& readFrom) {
    std::error_code ignored;
    for (const std::string& input : readFrom) {
        if (fs::equivalent(path, input, ignored))
            return true;
    }
    return false;
}

/// A device or a pipe is written into: replacing it by a file (as a rename would) is not what
/// writing to /dev/stdout means.
bool writeInto(const std::string& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (out)
        return true;
    std::cerr << "error: cannot write " << path << ": " << std::strerror(errno) << "\n";
    return false;
}

} // namespace

bool writeOutputFile(const std::string& path, std::string_view text,
                     const std::vector<std::string>& readFrom) {
    std::error_code ignored;
    if (fs::is_directory(path, ignored)) {
        std::cerr << "error: " << path << " is a folder; give a file name in it, such as "
                  << (fs::path(path) / "out.csv").string() << "\n";
        return false;
    }
    if (isReadFrom(path, readFrom)) {
        std::cerr << "error: " << path
                  << " is a file this command reads; writing there would replace it: give "
                     "another file name\n";
        return false;
    }
    if (fs::exists(path, ignored) && !fs::is_regular_file(path, ignored))
        return writeInto(path, text);
    try {
        tb::engine::writeFileAtomically(path, text);
    } catch (const std::system_error& e) {
        std::cerr << "error: " << e.what()
                  << "; write to a file in a folder that exists and that you may write to\n";
        return false;
    }
    return true;
}

} // namespace tb::cli
