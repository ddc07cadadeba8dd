#include "engine/data/csv/ColumnStats.h"

#include <algorithm>
#include <cmath>

namespace tb::engine {

std::vector<ColumnStats> columnStats(const CsvTable& table) {
    const std::size_t columns = table.columns.size();
    const auto rows = static_cast<std::size_t>(table.rows());
    std::vector<ColumnStats> out(columns);
    for (std::size_t c = 0; c < columns; ++c) {
        ColumnStats& s = out[c];
        s.name = table.columns[c];
        double sum = 0.0;
        for (std::size_t r = 0; r < rows; ++r) {
            const double v = table.values[r * columns + c];
            if (!std::isfinite(v)) {
                ++s.missing;
                continue;
            }
            s.min = s.count == 0 ? v : std::min(s.min, v);
            s.max = s.count == 0 ? v : std::max(s.max, v);
            sum += v;
            ++s.count;
        }
        if (s.count == 0)
            continue;
        s.mean = sum / static_cast<double>(s.count);
        double squares = 0.0;
        for (std::size_t r = 0; r < rows; ++r) {
            const double v = table.values[r * columns + c];
            if (std::isfinite(v))
                squares += (v - s.mean) * (v - s.mean);
        }
        s.stdDev = std::sqrt(squares / static_cast<double>(s.count));
    }
    return out;
}

} // namespace tb::engine
