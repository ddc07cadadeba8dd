// Block minima and maxima of a growing curve, for fast per-pixel reductions.
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

namespace tb::ui {

/// The indices of the smallest and largest finite value of a range; `kNone` when none is.
struct Extremes {
    static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::size_t min = kNone;
    std::size_t max = kNone;
};

/// Where the smallest and largest finite value of every block of 16, 256, 4096, ... points of
/// a curve sit, so that the extremes of any range cost O(16 x levels) instead of one look at
/// every point: a 1,000,000-point curve reduced to 1,200 pixel columns reads ~80,000 values
/// instead of 1,000,000. update() indexes only what was appended since the last call, plus the
/// last block of each level again, because MetricSeries may replace a curve's last value.
class ExtremaIndex {
public:
    /// Brings the index up to date with y[0, n); a shorter curve starts over.
    void update(const double* y, std::size_t n);
    /// Forgets everything: call when values before the end changed (a new smoothing weight).
    void clear();

    /// The extremes of y[from, to). `index` may be null (every point is read) and otherwise
    /// must be up to date with y.
    static Extremes find(const ExtremaIndex* index, const double* y, std::size_t from,
                         std::size_t to);

private:
    static constexpr std::size_t kBranching = 16;
    static std::size_t blockSize(std::size_t level);

    std::size_t m_indexed = 0; // points of y covered by the last update()
    // m_levels[k][b]: the extremes of points [b * 16^(k+1), (b + 1) * 16^(k+1)), full blocks only.
    std::vector<std::vector<Extremes>> m_levels;
};

} // namespace tb::ui
