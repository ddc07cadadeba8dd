// Tracks the best value of the monitored metric and when patience runs out.
#pragma once

#include <cstdint>
#include <limits>

namespace tb::engine {

/// Example:
/// ```
/// EarlyStopping es(/*higherIsBetter=*/true, /*patience=*/3, /*minDelta=*/0.0);
/// if (es.update(valAccuracy)) saveBest();
/// if (es.shouldStop()) break;
/// ```
class EarlyStopping {
public:
    /// What a continued run takes over from the one it continues.
    struct State {
        double best = std::numeric_limits<double>::quiet_NaN();
        bool hasBest = false;
        std::int64_t badRounds = 0;
    };

    EarlyStopping(bool higherIsBetter, std::int64_t patience, double minDelta);

    /// Records a validation result; true when it is the best so far.
    bool update(double value);
    /// Patience (> 0) validations in a row brought no improvement.
    bool shouldStop() const;
    double best() const { return m_best; }
    bool hasBest() const { return m_hasBest; }
    State state() const { return {m_best, m_hasBest, m_badRounds}; }
    void restore(const State& state);

private:
    bool m_higherIsBetter;
    std::int64_t m_patience;
    double m_minDelta;
    double m_best = std::numeric_limits<double>::quiet_NaN();
    bool m_hasBest = false;
    std::int64_t m_badRounds = 0;
};

} // namespace tb::engine
