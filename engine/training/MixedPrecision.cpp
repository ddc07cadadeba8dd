#include "engine/training/MixedPrecision.h"

#include "engine/training/Autocast.h"

#include <utility>

namespace tb::engine {

MixedPrecision::MixedPrecision(const std::string& amp, c10::Device device)
    : m_device(device)
    , m_type(autocastType(amp)) {
    if (m_type == c10::ScalarType::Half)
        m_scaler.emplace();
}

std::string MixedPrecision::description() const {
    if (!m_type)
        return "float32";
    return std::string(*m_type == c10::ScalarType::Half ? "fp16" : "bf16") + " autocast" +
           (m_scaler ? ", dynamic loss scaling" : "");
}

torch::Tensor MixedPrecision::predict(Model& model, const Batch& batch) const {
    if (!m_type)
        return model.forward(batch);
    const AutocastScope scope(m_device, *m_type);
    return model.forward(batch).to(torch::kFloat);
}

void MixedPrecision::backward(const torch::Tensor& loss) const {
    (m_scaler ? m_scaler->scale(loss) : loss).backward();
}

void MixedPrecision::unscale(const std::vector<torch::Tensor>& parameters) {
    if (m_scaler)
        m_scaler->unscale(parameters);
}

void MixedPrecision::step(torch::optim::Optimizer& optimizer) {
    if (!m_scaler)
        optimizer.step();
    else if (!m_scaler->step(optimizer))
        ++m_skippedSteps;
}

std::optional<double> MixedPrecision::lossScale() const {
    if (!m_scaler)
        return std::nullopt;
    return m_scaler->currentScale();
}

std::optional<GradScaler::State> MixedPrecision::scalerState() const {
    if (!m_scaler)
        return std::nullopt;
    return m_scaler->state();
}

void MixedPrecision::restoreScaler(const GradScaler::State& state) {
    if (m_scaler)
        m_scaler->restore(state);
}

std::int64_t MixedPrecision::takeSkippedSteps() {
    return std::exchange(m_skippedSteps, 0);
}

} // namespace tb::engine
