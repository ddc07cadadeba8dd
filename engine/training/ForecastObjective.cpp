#include "engine/training/ForecastObjective.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <torch/nn/functional/loss.h>

namespace tb::engine {
namespace {

namespace F = torch::nn::functional;

/// Above this share of the absolute percentage error coming from near-zero targets, MAPE says
/// more about those few targets than about the forecast.
constexpr double kDominatedShare = 0.5;

std::string shapeText(const torch::Tensor& t) {
    std::string text;
    for (const auto size : t.sizes())
        text += (text.empty() ? "" : ", ") + std::to_string(size);
    return "[" + text + "]";
}

/// The rows and channels of the batch target that `prediction` forecasts.
torch::Tensor forecastTarget(const torch::Tensor& prediction, const Batch& batch) {
    const auto& target = batch.target;
    if (prediction.dim() != 3 || target.dim() != 3 || prediction.size(0) != target.size(0) ||
        prediction.size(1) > target.size(1) || prediction.size(2) > target.size(2))
        throw std::invalid_argument("a forecast of shape " + shapeText(prediction) +
                                    " does not fit the target window " + shapeText(target) +
                                    "; the model must return [batch, pred_len, outputs]");
    const auto steps = prediction.size(1);
    const auto outputs = prediction.size(2);
    return target.narrow(1, target.size(1) - steps, steps)
        .narrow(2, target.size(2) - outputs, outputs);
}

std::vector<double> toVector(const torch::Tensor& t) {
    const auto values = t.to(torch::kCPU, torch::kFloat64).contiguous();
    return {values.data_ptr<double>(), values.data_ptr<double>() + values.numel()};
}

std::string formatted(const char* format, double value) {
    char text[64];
    std::snprintf(text, sizeof(text), format, value);
    return text;
}

} // namespace

ForecastObjective::ForecastObjective(std::shared_ptr<const WindowDataset> test)
    : m_test(std::move(test)) {}

torch::Tensor ForecastObjective::loss(const torch::Tensor& prediction, const Batch& batch) {
    return F::mse_loss(prediction, forecastTarget(prediction, batch));
}

void ForecastObjective::accumulate(const torch::Tensor& prediction, const Batch& batch) {
    const auto truth = forecastTarget(prediction, batch).to(torch::kFloat64);
    const auto error = prediction.detach().to(torch::kFloat64) - truth;
    const auto nonzero = truth.ne(0.0);
    const auto ratio = torch::where(nonzero, error / truth, torch::zeros_like(error)).abs();
    const auto nearZero = truth.abs().lt(kNearZero).logical_and(nonzero);
    const std::vector<std::int64_t> steps{0, 2};
    const auto perStep =
        torch::stack({error.square().sum(steps), error.abs().sum(steps), ratio.sum(steps),
                      ratio.square().sum(steps), nonzero.sum(steps).to(torch::kFloat64)});
    const auto near =
        torch::stack({ratio.masked_select(nearZero).sum(), nearZero.sum().to(torch::kFloat64),
                      nonzero.logical_not().sum().to(torch::kFloat64)});
    m_perStep = m_perStep.defined() ? m_perStep + perStep : perStep;
    m_nearZero = m_nearZero.defined() ? m_nearZero + near : near;
    m_predictions.push_back(prediction.detach());
    m_values += prediction.size(0) * prediction.size(2);
}

std::vector<MetricValue> ForecastObjective::summarize(const std::string& split) {
    if (m_values == 0)
        return {};
    const auto perStep = m_perStep.to(torch::kCPU);
    const auto totals = perStep.sum(1);
    const auto values = static_cast<double>(m_values * perStep.size(1));
    const double nonzero = std::max(1.0, totals[4].item<double>());
    const double mse = totals[0].item<double>() / values;
    const double mape = totals[2].item<double>() / nonzero;
    const double mspe = totals[3].item<double>() / nonzero;
    std::vector<MetricValue> out{{split + "/loss", mse},
                                 {split + "/mse", mse},
                                 {split + "/mae", totals[1].item<double>() / values},
                                 {split + "/rmse", std::sqrt(mse)},
                                 {split + "/mape", mape},
                                 {split + "/mspe", mspe}};
    if (split == "test")
        keepTest(perStep, m_nearZero.to(torch::kCPU), mape, mspe);
    m_perStep = torch::Tensor();
    m_nearZero = torch::Tensor();
    m_predictions.clear();
    m_values = 0;
    return out;
}

void ForecastObjective::keepTest(const torch::Tensor& perStep, const torch::Tensor& nearZero,
                                 double mape, double mspe) {
    const auto perValue = static_cast<double>(m_values);
    const auto nonzero = perStep[4].clamp_min(1.0);
    m_testHorizon.mse = toVector(perStep[0] / perValue);
    m_testHorizon.mae = toVector(perStep[1] / perValue);
    m_testHorizon.rmse = toVector((perStep[0] / perValue).sqrt());
    m_testHorizon.mape = toVector(perStep[2] / nonzero);
    m_testHorizon.mspe = toVector(perStep[3] / nonzero);
    m_testPredictions = torch::cat(m_predictions).to(torch::kCPU);

    m_testWarnings.clear();
    const double apeTotal = perStep[2].sum().item<double>();
    const double nearApe = nearZero[0].item<double>();
    const auto nearCount = nearZero[1].item<std::int64_t>();
    const auto zeroCount = nearZero[2].item<std::int64_t>();
    const double allValues = perValue * static_cast<double>(perStep.size(1));
    if (nearCount > 0 && nearApe > kDominatedShare * apeTotal)
        m_testWarnings.push_back(
            "test MAPE " + formatted("%.4g", mape) + " and MSPE " + formatted("%.4g", mspe) +
            " are dominated by " + std::to_string(nearCount) + " targets (" +
            formatted("%.2f", 100.0 * static_cast<double>(nearCount) / allValues) + "%) within " +
            formatted("%g", kNearZero) + " of zero, which give " +
            formatted("%.0f", 100.0 * nearApe / apeTotal) +
            "% of the absolute percentage error; compare forecasts by MSE and MAE instead");
    if (zeroCount > 0)
        m_testWarnings.push_back(std::to_string(zeroCount) +
                                 " test targets are exactly 0 and are left out of MAPE and MSPE");
}

ObjectiveReport ForecastObjective::finish(const std::string& split,
                                          const std::string& artifactDir) {
    ObjectiveReport report;
    if (split != "test")
        return report;
    report.warnings = m_testWarnings;
    if (artifactDir.empty() || !m_test || !m_testPredictions.defined())
        return report;
    if (m_testPredictions.size(0) != m_test->size()) {
        report.warnings.push_back(
            "the test forecasts were not saved: " + std::to_string(m_testPredictions.size(0)) +
            " forecasts for " + std::to_string(m_test->size()) + " test windows");
        return report;
    }
    try {
        for (const auto& saved :
             writeForecastArtifacts(artifactDir, *m_test, m_testPredictions, m_testHorizon))
            report.artifacts.push_back({saved.kind, saved.path});
    } catch (const std::exception& e) {
        report.warnings.push_back(std::string("the test forecasts were not saved: ") + e.what());
    }
    return report;
}

} // namespace tb::engine
