#include "engine/data/csv/ForecastExport.h"

#include "engine/data/NpyTensor.h"
#include "engine/data/csv/JsonText.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace tb::engine {
namespace {

namespace fs = std::filesystem;

void writeText(const fs::path& path, const std::string& text) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file)
        throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
}

std::vector<std::string> outputColumns(const SeriesInfo& info) {
    return {info.columns.end() - info.outputChannels, info.columns.end()};
}

/// The output channels of every row the test windows read, scaled: float [rows, outputs].
torch::Tensor outputSeries(const WindowDataset& test) {
    const auto& series = test.series();
    const auto outputs = test.info().outputChannels;
    return series.narrow(1, series.size(1) - outputs, outputs);
}

std::string forecastJson(const WindowDataset& test, const torch::Tensor& predictions) {
    const auto& info = test.info();
    const auto firstRow = test.forecastRow(0) - test.spec().seqLen;
    std::vector<std::string> dates;
    for (auto row = firstRow; row < firstRow + test.series().size(0); ++row)
        dates.push_back(info.dates[static_cast<std::size_t>(row)].toString());
    const auto channels = static_cast<std::int64_t>(info.columns.size());
    const auto outputs = info.scaler.channels(channels - info.outputChannels, info.outputChannels);
    return "{\n  \"csv\": " + jsonString(info.path) +
           ",\n  \"columns\": " + jsonStrings(outputColumns(info)) +
           ",\n  \"mean\": " + jsonNumbers(outputs.mean()) +
           ",\n  \"scale\": " + jsonNumbers(outputs.scale()) +
           ",\n  \"windows\": " + std::to_string(predictions.size(0)) +
           ",\n  \"seq_len\": " + std::to_string(test.spec().seqLen) +
           ",\n  \"pred_len\": " + std::to_string(test.spec().predLen) +
           ",\n  \"first_row\": " + std::to_string(firstRow) +
           ",\n  \"first_forecast_row\": " + std::to_string(test.forecastRow(0)) +
           ",\n  \"predictions\": \"test-predictions.npy\",\n  \"truth\": \"test-truth.npy\"" +
           ",\n  \"series\": \"test-series.npy\",\n  \"dates\": " + jsonStrings(dates) + "\n}\n";
}

std::string horizonCsv(const HorizonMetrics& h) {
    std::string text = "step,mse,mae,rmse,mape,mspe\n";
    for (std::size_t i = 0; i < h.mse.size(); ++i) {
        char line[160];
        std::snprintf(line, sizeof(line), "%zu,%.9g,%.9g,%.9g,%.9g,%.9g\n", i + 1, h.mse[i],
                      h.mae[i], h.rmse[i], h.mape[i], h.mspe[i]);
        text += line;
    }
    return text;
}

} // namespace

torch::Tensor forecastTruth(const WindowDataset& test) {
    const auto& spec = test.spec();
    return outputSeries(test)
        .slice(0, spec.seqLen)
        .unfold(0, spec.predLen, 1) // [windows, outputs, pred_len]
        .permute({0, 2, 1})
        .contiguous();
}

std::vector<SavedArtifact> writeForecastArtifacts(const std::string& dir, const WindowDataset& test,
                                                  const torch::Tensor& predictions,
                                                  const HorizonMetrics& horizon) {
    const fs::path folder(dir);
    fs::create_directories(folder);
    const auto& info = test.info();
    writeText(folder / "scaler.json", info.scaler.toJson(info.columns));
    writeNpyTensor((folder / "test-predictions.npy").string(), predictions);
    writeNpyTensor((folder / "test-truth.npy").string(), forecastTruth(test));
    writeNpyTensor((folder / "test-series.npy").string(), outputSeries(test));
    writeText(folder / "test-forecast.json", forecastJson(test, predictions));
    writeText(folder / "test-horizon-metrics.csv", horizonCsv(horizon));
    // Every file is named, so that deleting the run deletes them all.
    return {{"scaler", (folder / "scaler.json").string()},
            {"predictions", (folder / "test-forecast.json").string()},
            {"forecast_values", (folder / "test-predictions.npy").string()},
            {"forecast_truth", (folder / "test-truth.npy").string()},
            {"forecast_series", (folder / "test-series.npy").string()},
            {"horizon_metrics", (folder / "test-horizon-metrics.csv").string()}};
}

} // namespace tb::engine
