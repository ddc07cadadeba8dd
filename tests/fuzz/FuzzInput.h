// What the fuzz targets share: the input as a file, and a check that stops the fuzzer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tb::fuzz {

/// One fuzz input written to a file of this process's own (the readers under test take a
/// path), removed again with SQLite's companion files when it goes out of scope.
class FuzzFile {
public:
    FuzzFile(const std::uint8_t* data, std::size_t size, std::string_view suffix);
    ~FuzzFile();
    FuzzFile(const FuzzFile&) = delete;
    FuzzFile& operator=(const FuzzFile&) = delete;

    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

/// The input as text.
inline std::string_view textOf(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// Aborts, naming the broken promise, when `holds` is false: libFuzzer keeps the input that
/// did it, the replay names it.
void require(bool holds, const char* promise);

} // namespace tb::fuzz
