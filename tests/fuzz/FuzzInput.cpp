#include "FuzzInput.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace tb::fuzz {

FuzzFile::FuzzFile(const std::uint8_t* data, std::size_t size, std::string_view suffix) {
    const auto name = "trainbench-fuzz-" + std::to_string(::getpid()) + std::string(suffix);
    m_path = (std::filesystem::temp_directory_path() / name).string();
    std::ofstream out(m_path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

FuzzFile::~FuzzFile() {
    std::error_code ignored;
    // With what SQLite keeps beside a database it opened.
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(m_path + suffix, ignored);
}

void require(bool holds, const char* promise) {
    if (holds)
        return;
    std::fprintf(stderr, "broken promise: %s\n", promise);
    std::abort();
}

} // namespace tb::fuzz
