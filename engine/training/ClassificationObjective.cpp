#include "engine/training/ClassificationObjective.h"

#include "engine/data/DataSplits.h"

#include <torch/nn/functional/loss.h>

namespace tb::engine {

namespace F = torch::nn::functional;

torch::Tensor ClassificationObjective::loss(const torch::Tensor& prediction, const Batch& batch) {
    return F::cross_entropy(prediction, batch.target);
}

void ClassificationObjective::accumulate(const torch::Tensor& prediction, const Batch& batch) {
    auto lossSum = F::cross_entropy(prediction, batch.target,
                                    F::CrossEntropyFuncOptions().reduction(torch::kSum));
    auto correct = prediction.argmax(1).eq(batch.target).sum();
    m_lossSum = m_lossSum.defined() ? m_lossSum + lossSum : lossSum;
    m_correct = m_correct.defined() ? m_correct + correct : correct;
    m_samples += batch.size();
}

std::vector<MetricValue> ClassificationObjective::summarize(const std::string& split) {
    if (m_samples == 0)
        return {};
    const double n = static_cast<double>(m_samples);
    std::vector<MetricValue> out{{split + "/loss", m_lossSum.item<double>() / n},
                                 {split + "/accuracy", m_correct.item<double>() / n}};
    m_lossSum = torch::Tensor();
    m_correct = torch::Tensor();
    m_samples = 0;
    return out;
}

bool ClassificationObjective::higherIsBetter(const std::string& metric) const {
    return metric.size() >= 8 && metric.compare(metric.size() - 8, 8, "accuracy") == 0;
}

} // namespace tb::engine
