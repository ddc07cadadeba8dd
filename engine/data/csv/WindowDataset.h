// Sliding forecasting windows over a scaled multichannel series.
#pragma once

#include "engine/data/Dataset.h"
#include "engine/data/csv/DateTime.h"
#include "engine/data/csv/StandardScaler.h"
#include "engine/data/csv/WindowSpec.h"

#include <memory>
#include <string>
#include <vector>

namespace tb::engine {

/// What every split of one CSV shares: how to name, date and unscale its channels.
struct SeriesInfo {
    std::string path;
    /// Channel names in series order; the target column comes last.
    std::vector<std::string> columns;
    /// The trailing channels a model forecasts: all (features M) or the target (S, MS).
    std::int64_t outputChannels = 0;
    /// Fit on the training rows (identity without data.normalize); covers every channel.
    StandardScaler scaler = StandardScaler::identity(0);
    /// The timestamp of every row of the file.
    std::vector<DateTime> dates;
};

/// The windows starting at each row of a split that leaves room for seqLen + predLen rows,
/// in Time-Series-Library's layout: window i reads rows [i, i + seqLen) as input and rows
/// [i + seqLen - labelLen, i + seqLen + predLen) as target, with their time features.
/// gather() copies each window's rows and is safe to call from several threads at once.
///
/// Example:
/// ```
/// WindowDataset test(series, marks, {336, 48, 96}, info, /*firstRow=*/11184);
/// Batch b = test.gather({0, 1}); // input [2,336,C], target [2,144,C]
/// ```
class WindowDataset final : public Dataset {
public:
    /// `series` float [rows, C], `marks` float [rows, F], `firstRow` the file row of
    /// series[0]. Throws std::invalid_argument when the shapes disagree or the split is
    /// shorter than one window.
    WindowDataset(torch::Tensor series, torch::Tensor marks, WindowSpec spec,
                  std::shared_ptr<const SeriesInfo> info, std::int64_t firstRow);

    std::int64_t size() const override { return m_windows; }
    Batch gather(const std::vector<std::int64_t>& indices) const override;

    const WindowSpec& spec() const { return m_spec; }
    const SeriesInfo& info() const { return *m_info; }
    /// The file row of the first forecast step of window `index`.
    std::int64_t forecastRow(std::int64_t index) const {
        return m_firstRow + index + m_spec.seqLen;
    }
    /// The split's rows, scaled: float [rows, C].
    const torch::Tensor& series() const { return m_series; }

private:
    torch::Tensor m_series;
    torch::Tensor m_marks;
    WindowSpec m_spec;
    std::shared_ptr<const SeriesInfo> m_info;
    std::int64_t m_firstRow;
    std::int64_t m_windows;
};

} // namespace tb::engine
