#include "engine/data/ImageDataset.h"

#include <sstream>
#include <stdexcept>

namespace tb::engine {

ImageDataset::ImageDataset(torch::Tensor images, torch::Tensor labels)
    : m_images(images.contiguous())
    , m_labels(labels.contiguous()) {
    if (m_images.dim() != 4 || !m_images.is_floating_point()) {
        std::ostringstream message;
        message << "ImageDataset needs float images [N,C,H,W], got " << m_images.dtype() << " "
                << m_images.sizes();
        throw std::invalid_argument(message.str());
    }
    if (m_labels.dim() != 1 || m_labels.scalar_type() != torch::kInt64 ||
        m_labels.size(0) != m_images.size(0)) {
        std::ostringstream message;
        message << "ImageDataset needs int64 labels [" << m_images.size(0) << "], got "
                << m_labels.dtype() << " " << m_labels.sizes();
        throw std::invalid_argument(message.str());
    }
}

Batch ImageDataset::gather(const std::vector<std::int64_t>& indices) const {
    // A view of the caller's indices: index_select reads them before returning.
    const auto index = torch::from_blob(const_cast<std::int64_t*>(indices.data()),
                                        {static_cast<std::int64_t>(indices.size())},
                                        torch::TensorOptions().dtype(torch::kInt64));
    Batch batch;
    batch.input = m_images.index_select(0, index);
    batch.target = m_labels.index_select(0, index);
    return batch;
}

} // namespace tb::engine
