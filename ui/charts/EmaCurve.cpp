#include "ui/charts/EmaCurve.h"

#include <cmath>

namespace tb::ui {

void EmaCurve::update(const std::vector<double>& y, double weight) {
    if (weight != m_weight || y.size() < m_smoothed.size()) {
        m_weight = weight;
        m_smoothed.clear();
        m_index.clear();
    }
    const std::size_t start = m_smoothed.empty() ? 0 : m_smoothed.size() - 1;
    double accum = start == 0 ? 0.0 : m_accumBeforeLast;
    double weightPow = start == 0 ? 1.0 : m_weightPowBeforeLast;
    m_smoothed.resize(start);
    m_smoothed.reserve(y.size());
    for (std::size_t i = start; i < y.size(); ++i) {
        if (i + 1 == y.size()) {
            m_accumBeforeLast = accum;
            m_weightPowBeforeLast = weightPow;
        }
        if (!std::isfinite(y[i])) {
            m_smoothed.push_back(y[i]);
            continue;
        }
        accum = accum * weight + (1.0 - weight) * y[i];
        weightPow *= weight;
        const double debias = 1.0 - weightPow;
        m_smoothed.push_back(debias > 0.0 ? accum / debias : y[i]);
    }
    m_index.update(m_smoothed.data(), m_smoothed.size());
}

} // namespace tb::ui
