// Learning rate as a function of the optimizer step (LibTorch 1.13 has almost no schedulers).
#pragma once

#include <cstdint>
#include <string>

namespace tb::engine {

class Config;

/// The `schedule.*` fields of a config, evaluated per optimizer step.
///
/// Example:
/// ```
/// LearningRateSchedule lr(config, stepsPerEpoch, epochs);
/// optimizer.setLr(lr.at(step)); // step counts from 0
/// ```
class LearningRateSchedule {
public:
    LearningRateSchedule(const Config& config, std::int64_t stepsPerEpoch,
                         std::int64_t totalEpochs);

    /// The learning rate of optimizer step `step` (0-based).
    double at(std::int64_t step) const;

private:
    double afterWarmup(std::int64_t step) const;

    std::string m_kind;
    double m_baseLr;
    double m_minLr;
    double m_gamma;
    std::int64_t m_stepSizeEpochs;
    std::int64_t m_holdEpochs;
    std::int64_t m_warmupSteps;
    std::int64_t m_stepsPerEpoch;
    std::int64_t m_totalSteps;
};

} // namespace tb::engine
