#include "engine/training/EarlyStopping.h"

namespace tb::engine {

EarlyStopping::EarlyStopping(bool higherIsBetter, std::int64_t patience, double minDelta)
    : m_higherIsBetter(higherIsBetter)
    , m_patience(patience)
    , m_minDelta(minDelta) {}

bool EarlyStopping::update(double value) {
    const double gain = m_higherIsBetter ? value - m_best : m_best - value;
    if (!m_hasBest || gain > m_minDelta) {
        m_best = value;
        m_hasBest = true;
        m_badRounds = 0;
        return true;
    }
    ++m_badRounds;
    return false;
}

bool EarlyStopping::shouldStop() const {
    return m_patience > 0 && m_badRounds >= m_patience;
}

void EarlyStopping::restore(const State& state) {
    m_best = state.best;
    m_hasBest = state.hasBest;
    m_badRounds = state.badRounds;
}

} // namespace tb::engine
