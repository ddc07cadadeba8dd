#include "engine/data/csv/ForecastExport.h"

#include "engine/data/csv/JsonText.h"
#include "engine/data/csv/NpyFile.h"

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

std::string forecastJson(const WindowDataset& test, const torch::Tensor& predictions) {
    const auto& info = test.info();
    const auto first = test.forecastRow(0);
    const auto last = test.forecastRow(test.size() - 1) + test.spec().predLen;
    std::vector<std::string> dates;
    for (auto row = first; row < last; ++row)
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
           ",\n  \"first_forecast_row\": " + std::to_string(first) +
           ",\n  \"predictions\": \"test-predictions.npy\",\n  \"truth\": \"test-truth.npy\"" +
           ",\n  \"dates\": " + jsonStrings(dates) + "\n}\n";
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
    const auto outputs = test.info().outputChannels;
    const auto& series = test.series();
    return series.slice(0, spec.seqLen)
        .narrow(1, series.size(1) - outputs, outputs)
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
    writeNpyFile((folder / "test-predictions.npy").string(), predictions);
    writeNpyFile((folder / "test-truth.npy").string(), forecastTruth(test));
    writeText(folder / "test-forecast.json", forecastJson(test, predictions));
    writeText(folder / "test-horizon-metrics.csv", horizonCsv(horizon));
    return {{"scaler", (folder / "scaler.json").string()},
            {"predictions", (folder / "test-forecast.json").string()},
            {"horizon_metrics", (folder / "test-horizon-metrics.csv").string()}};
}

} // namespace tb::engine
