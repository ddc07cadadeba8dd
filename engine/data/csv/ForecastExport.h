// The files a forecasting run leaves beside its checkpoints for the UI and for analysis.
#pragma once

#include "engine/data/csv/WindowDataset.h"

#include <string>
#include <vector>

namespace tb::engine {

/// Test metrics per forecast step (index 0 is the first predicted row), on the scaled data.
struct HorizonMetrics {
    std::vector<double> mse;
    std::vector<double> mae;
    std::vector<double> rmse;
    std::vector<double> mape;
    std::vector<double> mspe;
};

/// One written file and what it holds: `scaler`, `predictions` (the description),
/// `forecast_values`, `forecast_truth`, `forecast_series` (its arrays) or `horizon_metrics`.
struct SavedArtifact {
    std::string kind;
    std::string path;
};

/// Writes into `dir` (created if needed):
/// - `scaler.json`: the training rows' mean and scale of every channel (StandardScaler::toJson);
/// - `test-predictions.npy` and `test-truth.npy`: float32 [windows, pred_len, outputs] on the
///   scaled data, window i forecasting file rows from `first_forecast_row + i`;
/// - `test-series.npy`: float32 [rows, outputs], scaled: the output channels of every row the
///   test windows read, from file row `first_row` (= first_forecast_row - seq_len), so that a
///   window's input can be drawn before its forecast;
/// - `test-forecast.json`: what the arrays hold (csv path, output channel names, their mean
///   and scale to undo the scaling for display, seq_len, pred_len, first_row,
///   first_forecast_row and the date of every series row);
/// - `test-horizon-metrics.csv`: `step,mse,mae,rmse,mape,mspe`, one line per forecast step.
/// `predictions` is float [test.size(), pred_len, outputs]. Throws std::runtime_error naming
/// the file that cannot be written.
std::vector<SavedArtifact> writeForecastArtifacts(const std::string& dir, const WindowDataset& test,
                                                  const torch::Tensor& predictions,
                                                  const HorizonMetrics& horizon);

/// The true values the test windows forecast: float [test.size(), pred_len, outputs], scaled.
torch::Tensor forecastTruth(const WindowDataset& test);

} // namespace tb::engine
