#include "engine/data/csv/WindowDataset.h"

#include <cstring>
#include <stdexcept>

namespace tb::engine {
namespace {

/// Rows [start + offset, start + offset + rows) of `source` [R, W] for each start, as one
/// [starts, rows, W] tensor. Block copies, not index_select: on a loader thread index_select
/// starts a second OpenMP team beside the training thread's (see ImageDataset::gather).
torch::Tensor windowRows(const torch::Tensor& source, const std::vector<std::int64_t>& starts,
                         std::int64_t offset, std::int64_t rows) {
    const auto count = static_cast<std::int64_t>(starts.size());
    torch::Tensor out = torch::empty({count, rows, source.size(1)}, source.options());
    const auto rowBytes = static_cast<std::size_t>(source.size(1) * source.element_size());
    const std::size_t windowBytes = rowBytes * static_cast<std::size_t>(rows);
    if (windowBytes == 0)
        return out;
    const auto* from = static_cast<const char*>(source.data_ptr());
    auto* to = static_cast<char*>(out.data_ptr());
    for (std::size_t i = 0; i < starts.size(); ++i)
        std::memcpy(to + i * windowBytes,
                    from + static_cast<std::size_t>(starts[i] + offset) * rowBytes, windowBytes);
    return out;
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
}

Batch WindowDataset::gather(const std::vector<std::int64_t>& indices) const {
    for (const std::int64_t index : indices) {
        if (index < 0 || index >= m_windows)
            throw std::out_of_range("WindowDataset::gather: window " + std::to_string(index) +
                                    " outside [0, " + std::to_string(m_windows) + ")");
    }
    const std::int64_t targetStart = m_spec.seqLen - m_spec.labelLen;
    const std::int64_t targetLen = m_spec.labelLen + m_spec.predLen;
    Batch batch;
    batch.input = windowRows(m_series, indices, 0, m_spec.seqLen);
    batch.target = windowRows(m_series, indices, targetStart, targetLen);
    batch.inputMark = windowRows(m_marks, indices, 0, m_spec.seqLen);
    batch.targetMark = windowRows(m_marks, indices, targetStart, targetLen);
    return batch;
}

} // namespace tb::engine
