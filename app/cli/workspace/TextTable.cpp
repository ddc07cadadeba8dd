#include "TextTable.h"

#include <algorithm>

namespace tb::cli {
namespace {

std::size_t columnsOf(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

} // namespace

std::string alignedColumns(const std::vector<std::vector<std::string>>& rows,
                           const std::string& indent) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], columnsOf(row[i]));
    }
    std::string table;
    for (const auto& row : rows) {
        if (!row.empty())
            table += indent;
        for (std::size_t i = 0; i < row.size(); ++i) {
            table += row[i];
            if (i + 1 < row.size())
                table += std::string(widths[i] - columnsOf(row[i]) + 2, ' ');
        }
        table += '\n';
    }
    return table;
}

} // namespace tb::cli
