#include "engine/training/LearningRateSchedule.h"

#include "engine/config/Config.h"

#include <algorithm>
#include <cmath>

namespace tb::engine {

LearningRateSchedule::LearningRateSchedule(const Config& config, std::int64_t stepsPerEpoch,
                                           std::int64_t totalEpochs)
    : m_kind(config.getString("schedule.name"))
    , m_baseLr(config.getFloat("optim.lr"))
    , m_minLr(config.getFloat("schedule.min_lr"))
    , m_gamma(config.getFloat("schedule.gamma"))
    , m_stepSizeEpochs(config.getInt("schedule.step_size"))
    , m_holdEpochs(config.getInt("schedule.hold_epochs"))
    , m_warmupSteps(config.getInt("schedule.warmup_steps"))
    , m_stepsPerEpoch(std::max<std::int64_t>(1, stepsPerEpoch))
    , m_totalSteps(std::max<std::int64_t>(1, stepsPerEpoch * totalEpochs)) {}

double LearningRateSchedule::at(std::int64_t step) const {
    if (step < m_warmupSteps)
        return m_baseLr * static_cast<double>(step + 1) / static_cast<double>(m_warmupSteps);
    return afterWarmup(step);
}

double LearningRateSchedule::afterWarmup(std::int64_t step) const {
    // Epochs of decay so far: the first hold_epochs keep the base rate.
    const std::int64_t decayed = std::max<std::int64_t>(0, step / m_stepsPerEpoch - m_holdEpochs);
    if (m_kind == "step")
        return m_baseLr * std::pow(m_gamma, static_cast<double>(decayed / m_stepSizeEpochs));
    if (m_kind == "halve")
        return m_baseLr * std::pow(0.5, static_cast<double>(decayed));
    if (m_kind == "cosine") {
        const double span =
            static_cast<double>(std::max<std::int64_t>(1, m_totalSteps - m_warmupSteps));
        const double t = std::min(1.0, static_cast<double>(step - m_warmupSteps) / span);
        return m_minLr + (m_baseLr - m_minLr) * 0.5 * (1.0 + std::cos(M_PI * t));
    }
    return m_baseLr;
}

} // namespace tb::engine
