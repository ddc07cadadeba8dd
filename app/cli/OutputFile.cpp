#include "OutputFile.h"

#include "engine/util/AtomicFile.h"

#include <filesystem>
#include <iostream>
#include <system_error>

namespace tb::cli {

bool writeOutputFile(const std::string& path, std::string_view text) {
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) {
        std::cerr << "error: " << path << " is a folder; give a file name in it, such as "
                  << (std::filesystem::path(path) / "out.csv").string() << "\n";
        return false;
    }
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
