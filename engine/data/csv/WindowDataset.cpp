#include "engine/data/csv/WindowDataset.h"

#include <stdexcept>

namespace tb::engine {
namespace {

/// Rows `offsets` after each start, as one flat index: [starts x offsets].
torch::Tensor rowsAfter(const torch::Tensor& starts, const torch::Tensor& offsets) {
    return (starts.unsqueeze(1) + offsets.unsqueeze(0)).reshape({-1});
}

} // namespace

WindowDataset::WindowDataset(torch::Tensor series, torch::Tensor marks, WindowSpec spec,
                             std::shared_ptr<const SeriesInfo> info, std::int64_t firstRow)
    : m_series(series.contiguous())
    , m_marks(marks.contiguous())
    , m_spec(spec)
    , m_info(std::move(info))
    , m_firstRow(firstRow)
    , m_windows(series.size(0) - spec.seqLen - spec.predLen + 1) {
    if (m_series.dim() != 2 || m_marks.dim() != 2 || m_marks.size(0) != m_series.size(0))
        throw std::invalid_argument("WindowDataset needs series [rows, C] and marks [rows, F]");
    if (spec.seqLen < 1 || spec.predLen < 1 || spec.labelLen < 0 || spec.labelLen > spec.seqLen)
        throw std::invalid_argument("WindowDataset needs seqLen >= labelLen >= 0, predLen >= 1");
    if (m_windows < 1)
        throw std::invalid_argument("WindowDataset: " + std::to_string(series.size(0)) +
                                    " rows hold no window of " +
                                    std::to_string(spec.seqLen + spec.predLen));
    m_inputOffsets = torch::arange(spec.seqLen, torch::kInt64);
    m_targetOffsets =
        torch::arange(spec.seqLen - spec.labelLen, spec.seqLen + spec.predLen, torch::kInt64);
}

Batch WindowDataset::gather(const std::vector<std::int64_t>& indices) const {
    const auto count = static_cast<std::int64_t>(indices.size());
    // A view of the caller's indices: the sums below copy them before it goes away.
    const auto starts = torch::from_blob(const_cast<std::int64_t*>(indices.data()), {count},
                                         torch::TensorOptions().dtype(torch::kInt64));
    const auto inputRows = rowsAfter(starts, m_inputOffsets);
    const auto targetRows = rowsAfter(starts, m_targetOffsets);
    const auto targetLen = m_targetOffsets.size(0);
    Batch batch;
    batch.input = m_series.index_select(0, inputRows).view({count, m_spec.seqLen, -1});
    batch.target = m_series.index_select(0, targetRows).view({count, targetLen, -1});
    batch.inputMark = m_marks.index_select(0, inputRows).view({count, m_spec.seqLen, -1});
    batch.targetMark = m_marks.index_select(0, targetRows).view({count, targetLen, -1});
    return batch;
}

} // namespace tb::engine
