#include "engine/data/csv/CsvSplits.h"

#include "engine/config/Config.h"
#include "engine/data/DataError.h"
#include "engine/data/csv/TimeFeatures.h"

#include <algorithm>
#include <filesystem>

namespace tb::engine {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
/// The ETT protocol's months: 30 days each, 12 for training, 4 each for validation and test.
constexpr std::int64_t kDaysPerMonth = 30;
constexpr std::array<std::int64_t, 3> kEttMonthBorders{12, 16, 20};
/// Time-Series-Library's split of other files: 70% train, 20% test, validation in between.
constexpr double kTrainShare = 0.7;
constexpr double kTestShare = 0.2;
constexpr std::array<const char*, 3> kSplitNames{"train", "validation", "test"};

std::string fileName(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

std::string quotedList(const std::vector<std::string>& names) {
    std::string list;
    for (const auto& name : names)
        list += (list.empty() ? "'" : ", '") + name + "'";
    return list;
}

/// Seconds between the first two rows; 0 with fewer than two rows.
std::int64_t rowStepS(const CsvTable& table) {
    if (table.rows() < 2)
        return 0;
    return table.dates[1].secondsSinceEpoch() - table.dates[0].secondsSinceEpoch();
}

bool ettSpacingFits(const CsvTable& table) {
    const auto step = rowStepS(table);
    return step > 0 && kSecondsPerDay % step == 0;
}

std::array<std::int64_t, 3> splitBorders(const CsvTable& table, const std::string& split) {
    const auto rows = table.rows();
    if (split == "ett") {
        const auto month = kDaysPerMonth * kSecondsPerDay / rowStepS(table);
        // A file shorter than 20 months keeps what it has; the window check reports the rest.
        return {std::min(kEttMonthBorders[0] * month, rows),
                std::min(kEttMonthBorders[1] * month, rows),
                std::min(kEttMonthBorders[2] * month, rows)};
    }
    const auto train = static_cast<std::int64_t>(static_cast<double>(rows) * kTrainShare);
    const auto test = static_cast<std::int64_t>(static_cast<double>(rows) * kTestShare);
    return {train, rows - test, rows};
}

std::array<SplitRows, 3> splitRows(const CsvTable& table, const CsvSplitOptions& options) {
    const auto borders = splitBorders(table, options.split);
    const auto seqLen = options.window.seqLen;
    return {SplitRows{0, borders[0]}, SplitRows{borders[0] - seqLen, borders[1]},
            SplitRows{borders[1] - seqLen, borders[2]}};
}

void checkWindows(const CsvTable& table, const CsvSplitOptions& options, ConfigIssues& out) {
    const auto& w = options.window;
    const auto plan = splitRows(table, options);
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const auto& rows = plan[i];
        if (rows.begin >= 0 && rows.windows(w) >= 1)
            continue;
        const auto available =
            std::max<std::int64_t>(0, rows.end - std::max<std::int64_t>(0, rows.begin));
        out.push_back({"data.seq_len",
                       "the " + std::string(kSplitNames[i]) + " split of " + fileName(table.path) +
                           " (data.split '" + options.split + "' of " +
                           std::to_string(table.rows()) + " rows) has " +
                           std::to_string(available) + " rows, too few for one window of " +
                           "data.seq_len " + std::to_string(w.seqLen) + " + data.pred_len " +
                           std::to_string(w.predLen) +
                           " rows; lower data.seq_len or data.pred_len, or use a longer file"});
        return;
    }
}

void checkChannels(const CsvTable& table, const CsvSplitOptions& options, ConfigIssues& out) {
    if (table.columnIndex(options.target) < 0) {
        out.push_back({"data.target", "'" + options.target + "' is not a column of " +
                                          fileName(table.path) + "; set it to one of " +
                                          quotedList(table.columns)});
        return;
    }
    const auto count = static_cast<std::int64_t>(selectChannels(table, options).size());
    if (options.channels > 0 && options.channels != count)
        out.push_back({"data.channels",
                       "is " + std::to_string(options.channels) + " but " + fileName(table.path) +
                           " gives " + std::to_string(count) + " channels with data.features " +
                           options.features + "; set it to " + std::to_string(count) +
                           " (or 0 to take the file's)"});
}

torch::Tensor channelValues(const CsvTable& table, const std::vector<std::string>& channels) {
    const auto all = torch::from_blob(
        const_cast<double*>(table.values.data()),
        {table.rows(), static_cast<std::int64_t>(table.columns.size())}, torch::kFloat64);
    std::vector<std::int64_t> indices;
    for (const auto& name : channels)
        indices.push_back(table.columnIndex(name));
    // index_select copies, so the result outlives the table.
    return all.index_select(1, torch::tensor(indices, torch::kInt64));
}

std::string describe(const CsvSplitOptions& o, std::size_t channels, const DataSplits& splits) {
    return fileName(o.path) + ": " + std::to_string(splits.train->size()) + " train / " +
           std::to_string(splits.val->size()) + " val / " + std::to_string(splits.test->size()) +
           " test windows (seq " + std::to_string(o.window.seqLen) + ", label " +
           std::to_string(o.window.labelLen) + ", pred " + std::to_string(o.window.predLen) +
           "), " + std::to_string(channels) + " channels (" + o.features + "), " + o.split +
           " split";
}

} // namespace

CsvSplitOptions CsvSplitOptions::fromConfig(const Config& config) {
    CsvSplitOptions o;
    o.path = config.getString("data.path");
    o.target = config.getString("data.target");
    o.features = config.getString("data.features");
    o.freq = config.getString("data.freq");
    o.window.seqLen = config.getInt("data.seq_len");
    o.window.labelLen = config.getInt("data.label_len");
    o.window.predLen = config.getInt("data.pred_len");
    o.split = config.getString("data.split");
    o.normalize = config.getBool("data.normalize");
    o.channels = config.getInt("data.channels");
    return o;
}

ConfigIssues checkCsvOptions(const CsvTable& table, const CsvSplitOptions& options) {
    ConfigIssues out;
    if (options.features != "M" && options.features != "S" && options.features != "MS")
        out.push_back({"data.features", "'" + options.features + "' is not M, S or MS"});
    const auto& freqs = timeFeatureFrequencies();
    if (std::find(freqs.begin(), freqs.end(), options.freq) == freqs.end())
        out.push_back({"data.freq", "'" + options.freq + "' is not one of " + quotedList(freqs)});
    checkChannels(table, options, out);
    if (options.split != "ett" && options.split != "ratio") {
        out.push_back({"data.split", "'" + options.split + "' is not ett or ratio"});
    } else if (options.split == "ett" && !ettSpacingFits(table)) {
        out.push_back({"data.split", "'ett' needs evenly spaced rows that divide a day (hourly, "
                                     "15-minute) but " +
                                         fileName(table.path) + "'s first rows are " +
                                         std::to_string(rowStepS(table)) +
                                         " s apart; use 'ratio'"});
    } else {
        checkWindows(table, options, out);
    }
    return out;
}

std::array<SplitRows, 3> planSplits(const CsvTable& table, const CsvSplitOptions& options) {
    return splitRows(table, options);
}

std::vector<std::string> selectChannels(const CsvTable& table, const CsvSplitOptions& options) {
    std::vector<std::string> channels;
    if (options.features != "S") {
        for (const auto& name : table.columns) {
            if (name != options.target)
                channels.push_back(name);
        }
    }
    channels.push_back(options.target);
    return channels;
}

DataSplits loadCsvSplits(const CsvSplitOptions& options) {
    const CsvTable table = readCsvTable(options.path);
    const auto issues = checkCsvOptions(table, options);
    if (!issues.empty())
        throw DataError(issues.front().field + ": " + issues.front().message);
    const auto channels = selectChannels(table, options);
    const auto plan = planSplits(table, options);

    const auto values = channelValues(table, channels);
    const auto channelCount = static_cast<std::int64_t>(channels.size());
    auto info = std::make_shared<SeriesInfo>();
    info->path = options.path;
    info->columns = channels;
    info->outputChannels = options.features == "M" ? channelCount : 1;
    info->scaler = options.normalize
                       ? StandardScaler::fit(values.slice(0, plan[0].begin, plan[0].end))
                       : StandardScaler::identity(channelCount);
    info->dates = table.dates;
    const auto series = info->scaler.transform(values).to(torch::kFloat32);
    const auto marks = timeFeatures(table.dates, options.freq);

    std::array<std::shared_ptr<const Dataset>, 3> datasets;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const auto& rows = plan[i];
        datasets[i] = std::make_shared<const WindowDataset>(series.slice(0, rows.begin, rows.end),
                                                            marks.slice(0, rows.begin, rows.end),
                                                            options.window, info, rows.begin);
    }
    DataSplits splits;
    splits.train = datasets[0];
    splits.val = datasets[1];
    splits.test = datasets[2];
    splits.task = "forecasting";
    splits.sampleShape = {options.window.seqLen, channelCount};
    splits.description = describe(options, channels.size(), splits);
    return splits;
}

} // namespace tb::engine
