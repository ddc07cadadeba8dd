// Per-channel standardisation fit on the training rows.
#pragma once

#include <string>
#include <torch/types.h>
#include <vector>

namespace tb::engine {

/// scikit-learn's StandardScaler as the forecasting papers use it: per channel, subtract the
/// mean and divide by the population standard deviation of the rows it was fit on (a
/// constant channel divides by 1). Immutable; safe to share between threads.
///
/// Example:
/// ```
/// auto scaler = StandardScaler::fit(values.slice(0, 0, trainRows)); // double [rows, C]
/// auto scaled = scaler.transform(values);
/// auto original = scaler.inverseTransform(scaled); // for display
/// ```
class StandardScaler {
public:
    /// Mean and standard deviation of each column of `rows` [N, C] (N >= 1).
    static StandardScaler fit(const torch::Tensor& rows);
    /// Leaves `channels` channels as they are (data.normalize off).
    static StandardScaler identity(std::int64_t channels);
    /// The scaler fit() found earlier, from its mean() and scale() (a run's inputs.yaml).
    /// Throws std::invalid_argument when the two differ in length or a scale is not above 0.
    static StandardScaler restore(std::vector<double> mean, std::vector<double> scale);

    /// (x - mean) / std over the last dimension of `x` [..., C], in x's dtype.
    torch::Tensor transform(const torch::Tensor& x) const;
    /// x * std + mean over the last dimension of `x` [..., C], in x's dtype.
    torch::Tensor inverseTransform(const torch::Tensor& x) const;
    /// The scaler of channels [first, first + count): the output channels of S and MS.
    StandardScaler channels(std::int64_t first, std::int64_t count) const;

    const std::vector<double>& mean() const { return m_mean; }
    const std::vector<double>& scale() const { return m_scale; }

    /// `{"columns": [...], "mean": [...], "scale": [...]}` with `columns` naming the channels,
    /// for the run's artifact folder (the UI undoes the scaling with it).
    std::string toJson(const std::vector<std::string>& columns) const;

private:
    StandardScaler(std::vector<double> mean, std::vector<double> scale);
    torch::Tensor asTensor(const std::vector<double>& values, const torch::Tensor& like) const;

    std::vector<double> m_mean;
    std::vector<double> m_scale;
};

} // namespace tb::engine
