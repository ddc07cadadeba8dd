#include "engine/data/csv/StandardScaler.h"

#include "engine/data/csv/JsonText.h"

#include <cmath>
#include <stdexcept>

namespace tb::engine {
namespace {

std::vector<double> toVector(const torch::Tensor& values) {
    const auto contiguous = values.to(torch::kFloat64).contiguous();
    const auto* data = contiguous.data_ptr<double>();
    return {data, data + contiguous.numel()};
}

} // namespace

StandardScaler::StandardScaler(std::vector<double> mean, std::vector<double> scale)
    : m_mean(std::move(mean))
    , m_scale(std::move(scale)) {}

StandardScaler StandardScaler::fit(const torch::Tensor& rows) {
    if (rows.dim() != 2 || rows.size(0) < 1)
        throw std::invalid_argument("StandardScaler::fit needs rows [N >= 1, C]");
    const auto values = rows.to(torch::kFloat64);
    const auto mean = values.mean(0);
    auto scale = (values - mean).square().mean(0).sqrt();
    // scikit-learn's rule: a channel without spread is only centred.
    scale = torch::where(scale > 1e-12, scale, torch::ones_like(scale));
    return StandardScaler(toVector(mean), toVector(scale));
}

StandardScaler StandardScaler::identity(std::int64_t channels) {
    const auto count = static_cast<std::size_t>(channels);
    return StandardScaler(std::vector<double>(count, 0.0), std::vector<double>(count, 1.0));
}

StandardScaler StandardScaler::restore(std::vector<double> mean, std::vector<double> scale) {
    if (mean.size() != scale.size())
        throw std::invalid_argument(std::to_string(mean.size()) + " means but " +
                                    std::to_string(scale.size()) + " scales");
    for (const double value : scale)
        if (!(value > 0.0) || !std::isfinite(value))
            throw std::invalid_argument("a scale of " + std::to_string(value) +
                                        "; every scale must be a finite number above 0");
    return StandardScaler(std::move(mean), std::move(scale));
}

torch::Tensor StandardScaler::asTensor(const std::vector<double>& values,
                                       const torch::Tensor& like) const {
    if (like.size(-1) != static_cast<std::int64_t>(values.size()))
        throw std::invalid_argument("StandardScaler of " + std::to_string(values.size()) +
                                    " channels applied to " + std::to_string(like.size(-1)));
    return torch::tensor(values, torch::kFloat64).to(like.device());
}

torch::Tensor StandardScaler::transform(const torch::Tensor& x) const {
    const auto wide = x.to(torch::kFloat64);
    return ((wide - asTensor(m_mean, x)) / asTensor(m_scale, x)).to(x.scalar_type());
}

torch::Tensor StandardScaler::inverseTransform(const torch::Tensor& x) const {
    const auto wide = x.to(torch::kFloat64);
    return (wide * asTensor(m_scale, x) + asTensor(m_mean, x)).to(x.scalar_type());
}

StandardScaler StandardScaler::channels(std::int64_t first, std::int64_t count) const {
    if (first < 0 || count < 0 || first + count > static_cast<std::int64_t>(m_mean.size()))
        throw std::out_of_range("StandardScaler::channels outside the scaler's channels");
    return StandardScaler({m_mean.begin() + first, m_mean.begin() + first + count},
                          {m_scale.begin() + first, m_scale.begin() + first + count});
}

std::string StandardScaler::toJson(const std::vector<std::string>& columns) const {
    return "{\n  \"columns\": " + jsonStrings(columns) + ",\n  \"mean\": " + jsonNumbers(m_mean) +
           ",\n  \"scale\": " + jsonNumbers(m_scale) + "\n}\n";
}

} // namespace tb::engine
