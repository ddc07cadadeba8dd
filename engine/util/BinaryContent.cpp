#include "engine/util/BinaryContent.h"

#include <array>
#include <utility>

namespace tb::engine {

std::string binaryContentKind(std::string_view bytes) {
    const std::string_view head = bytes.substr(0, std::size_t{64} << 10);
    const std::size_t nul = head.find('\0');
    if (nul == std::string_view::npos)
        return {};
    static const std::array<std::pair<std::string_view, const char*>, 5> kSignatures{{
        {"PK\x03\x04", "a zip archive (an Excel .xlsx workbook is one)"},
        {"\xD0\xCF\x11\xE0", "an Office document (an Excel .xls workbook is one)"},
        {"\x1F\x8B", "gzip-compressed data"},
        {"PAR1", "a Parquet file"},
        {"\x93NUMPY", "a NumPy array file"},
    }};
    for (const auto& [signature, kind] : kSignatures) {
        if (head.substr(0, signature.size()) == signature)
            return kind;
    }
    return "binary data (byte " + std::to_string(nul + 1) + " is 0)";
}

} // namespace tb::engine
