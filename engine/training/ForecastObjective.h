// Mean squared error loss and the forecasting papers' metrics.
#pragma once

#include "engine/data/csv/ForecastExport.h"
#include "engine/data/csv/WindowDataset.h"
#include "engine/training/Objective.h"

#include <memory>

namespace tb::engine {

/// Forecasting: the model returns [B, pred_len, outputs]; the truth is the last pred_len rows
/// and the last `outputs` channels of the batch target (the target channel for S and MS).
/// Loss: MSE. Metrics of a split, on the scaled data as the papers report them: loss (= mse),
/// mse, mae, rmse, mape, mspe. MAPE and MSPE leave out targets that are exactly 0.
/// The test split's forecasts and per-step metrics are kept for finish().
class ForecastObjective : public Objective {
public:
    /// `test` (may be null) names, dates and unscales the saved test forecasts.
    explicit ForecastObjective(std::shared_ptr<const WindowDataset> test);

    torch::Tensor loss(const torch::Tensor& prediction, const Batch& batch) override;
    void accumulate(const torch::Tensor& prediction, const Batch& batch) override;
    std::vector<MetricValue> summarize(const std::string& split) override;
    bool higherIsBetter(const std::string& metric) const override { return false; }
    static std::vector<std::string> metricNames() {
        return {"loss", "mse", "mae", "rmse", "mape", "mspe"};
    }
    /// For `test`: writes writeForecastArtifacts() into `artifactDir` and warns when MAPE and
    /// MSPE are dominated by targets near zero.
    ObjectiveReport finish(const std::string& split, const std::string& artifactDir) override;

    /// Targets closer to zero than this (in the data's units: standard deviations when
    /// scaled) count as near zero for the MAPE warning.
    static constexpr double kNearZero = 0.01;

private:
    void keepTest(const torch::Tensor& perStep, const torch::Tensor& nearZero, double mape,
                  double mspe);

    std::shared_ptr<const WindowDataset> m_test;
    // Running totals on the device, in double: per forecast step [5, pred_len] rows of summed
    // squared error, absolute error, absolute and squared percentage error and nonzero
    // targets; and [3]: percentage error of near-zero targets, their count, zero targets.
    torch::Tensor m_perStep;
    torch::Tensor m_nearZero;
    std::vector<torch::Tensor> m_predictions;
    std::int64_t m_values = 0; // windows x outputs, per step

    torch::Tensor m_testPredictions;
    HorizonMetrics m_testHorizon;
    std::vector<std::string> m_testWarnings;
};

} // namespace tb::engine
