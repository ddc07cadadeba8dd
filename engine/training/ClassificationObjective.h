// Cross-entropy loss, accuracy and loss metrics for classifiers.
#pragma once

#include "engine/training/Objective.h"

namespace tb::engine {

class ClassificationObjective : public Objective {
public:
    torch::Tensor loss(const torch::Tensor& prediction, const Batch& batch) override;
    void accumulate(const torch::Tensor& prediction, const Batch& batch) override;
    std::vector<MetricValue> summarize(const std::string& split) override;
    bool higherIsBetter(const std::string& metric) const override;
    std::vector<std::string> metricNames() const override { return {"loss", "accuracy"}; }

private:
    torch::Tensor m_lossSum; // summed per-sample loss, on the device
    torch::Tensor m_correct;
    std::int64_t m_samples = 0;
};

} // namespace tb::engine
