#include "engine/inference/SeriesForecasting.h"

#include "engine/data/DataError.h"
#include "engine/data/csv/CsvSplits.h"
#include "engine/data/csv/FollowingDates.h"
#include "engine/data/csv/TimeFeatures.h"
#include "engine/data/images/ImageFile.h"
#include "engine/training/RandomStream.h"

#include <algorithm>
#include <filesystem>

namespace tb::engine {
namespace {

using Kind = PredictionError::Kind;

void requireColumns(const CsvTable& table, const std::vector<std::string>& columns) {
    std::string missing;
    for (const std::string& name : columns)
        if (table.columnIndex(name) < 0)
            missing += (missing.empty() ? "'" : ", '") + name + "'";
    if (!missing.empty())
        throw PredictionError(Kind::Unusable,
                              table.path + " has no column " + missing +
                                  "; the model reads the columns it was trained on");
}

/// The index of the last row read: the one dated `from`, else the last before it (a note
/// says so), or with no `from` the file's last.
std::int64_t lastRowRead(const CsvTable& table, const std::string& from,
                         std::vector<std::string>& notes) {
    if (from.empty())
        return table.rows() - 1;
    const std::optional<DateTime> date = parseDateTime(from);
    if (!date)
        throw PredictionError(Kind::Unusable, "'" + from +
                                                  "' is not a date; write it as the CSV does, "
                                                  "e.g. 2018-02-20 23:00:00");
    // readCsvTable refuses unsorted dates, so the rows up to `from` come first.
    const auto after = std::upper_bound(table.dates.begin(), table.dates.end(), *date,
                                        [](const DateTime& a, const DateTime& b) {
                                            return a.secondsSinceEpoch() < b.secondsSinceEpoch();
                                        });
    if (after == table.dates.begin())
        throw PredictionError(Kind::Unusable, table.path + " has no row dated " + date->toString() +
                                                  " or before; its rows run from " +
                                                  table.dates.front().toString() + " to " +
                                                  table.dates.back().toString());
    const DateTime& found = *(after - 1);
    if (found.secondsSinceEpoch() != date->secondsSinceEpoch())
        notes.push_back("no row is dated " + date->toString() +
                        ": forecast from the last row before it, " + found.toString());
    return after - 1 - table.dates.begin();
}

std::vector<std::vector<double>> rowsOf(const torch::Tensor& values) {
    const torch::Tensor host = values.to(torch::kFloat64).cpu().contiguous();
    std::vector<std::vector<double>> rows;
    const auto* v = host.data_ptr<double>();
    for (std::int64_t r = 0; r < host.size(0); ++r, v += host.size(1))
        rows.emplace_back(v, v + host.size(1));
    return rows;
}

} // namespace

Forecast forecastCsv(StoredModel& stored, const std::string& csvPath, const std::string& from,
                     std::vector<std::string>& notes) {
    if (std::filesystem::is_directory(csvPath) || isImageFileName(csvPath))
        throw PredictionError(Kind::Unusable,
                              csvPath + " is not a CSV file; this run forecasts from one with "
                                        "the columns it was trained on");
    CsvTable table;
    try {
        table = readCsvTable(csvPath);
    } catch (const DataError& e) {
        throw PredictionError(Kind::Unusable, e.what());
    }
    const InputRecipe& recipe = stored.inputs.recipe;
    requireColumns(table, recipe.columns);
    const CsvSplitOptions options = CsvSplitOptions::fromConfig(stored.config);
    const WindowSpec& window = options.window;
    const std::int64_t last = lastRowRead(table, from, notes);
    const std::int64_t first = last + 1 - window.seqLen;
    if (first < 0) {
        // A file too short as a whole needs more rows; a long one, a later starting row.
        const bool fileTooShort = table.rows() < window.seqLen;
        throw PredictionError(Kind::Unusable,
                              "the model reads " + std::to_string(window.seqLen) +
                                  " rows up to the one it forecasts from, and " + csvPath +
                                  " has " + std::to_string(last + 1) + " up to " +
                                  table.dates[static_cast<std::size_t>(last)].toString() +
                                  (fileTooShort ? "; give it a file with at least " +
                                                      std::to_string(window.seqLen) + " rows"
                                                : "; forecast from a later row"));
    }

    // The rows read, then the rows forecast: dated as the file has them while it goes on,
    // then as its rows are spaced (the rows before those read count too: a model may read
    // one row). Their values stay 0: no model reads them.
    const std::int64_t known = std::min(window.predLen, table.rows() - 1 - last);
    const auto datesEnd = table.dates.begin() + last + 1 + known;
    std::vector<DateTime> dates(table.dates.begin() + first, datesEnd);
    try {
        for (const DateTime& date :
             followingDates({table.dates.begin(), datesEnd}, window.predLen - known))
            dates.push_back(date);
    } catch (const DataError& e) {
        throw PredictionError(Kind::Unusable, csvPath + ": " + e.what());
    }
    const torch::Tensor values = channelValues(table, recipe.columns);
    const torch::Tensor read = values.slice(0, first, last + 1);
    const torch::Tensor series =
        torch::cat({recipe.scaler.transform(read),
                    torch::zeros({window.predLen, read.size(1)}, torch::kFloat64)})
            .to(torch::kFloat32);

    auto info = std::make_shared<SeriesInfo>();
    info->path = csvPath;
    info->columns = recipe.columns;
    const auto channels = static_cast<std::int64_t>(recipe.columns.size());
    info->outputChannels = options.features == "M" ? channels : 1;
    info->scaler = recipe.scaler;
    info->dates = dates;
    const WindowDataset windows(series, timeFeatures(dates, options.freq), window, info, first);
    const Batch batch = windows.gather({0}).to(stored.device);
    torch::Tensor forecast;
    {
        torch::NoGradGuard noGrad;
        // Informer's ProbSparse attention samples keys at random: from the run's seed, the
        // same file gives the same forecast each time.
        RandomStream random(static_cast<std::uint64_t>(stored.config.getInt("seed")),
                            stored.device);
        const RandomStream::Turn turn(random);
        forecast = stored.model->forward(batch).select(0, 0).to(torch::kFloat64).cpu();
    }
    const StandardScaler outputScaler =
        recipe.scaler.channels(channels - info->outputChannels, info->outputChannels);

    Forecast out;
    out.lastInputDate = table.dates[static_cast<std::size_t>(last)].toString();
    out.columns.assign(recipe.columns.end() - info->outputChannels, recipe.columns.end());
    const auto outputs = [&](const torch::Tensor& rows) {
        return rowsOf(rows.slice(1, channels - info->outputChannels, channels));
    };
    for (std::int64_t r = 0; r < window.seqLen; ++r)
        out.inputDates.push_back(dates[static_cast<std::size_t>(r)].toString());
    out.inputValues = outputs(read);
    for (std::int64_t r = 0; r < window.predLen; ++r)
        out.dates.push_back(dates[static_cast<std::size_t>(window.seqLen + r)].toString());
    out.values = rowsOf(outputScaler.inverseTransform(forecast));
    out.actual = outputs(values.slice(0, last + 1, last + 1 + known));
    return out;
}

} // namespace tb::engine
