#include "engine/data/csv/CsvSplitPlan.h"

#include "engine/config/Config.h"
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

void checkWindows(const CsvTable& table, const CsvSplitOptions& options, ConfigIssues& out) {
    const auto& w = options.window;
    // A file that ends before the test months leaves the validation and test splits no more
    // than their look-back rows: no window length fixes that.
    if (options.split == "ett") {
        const auto testBegins =
            kEttMonthBorders[1] * kDaysPerMonth * kSecondsPerDay / rowStepS(table);
        if (table.rows() <= testBegins) {
            out.push_back({"data.split", "'ett' takes 12 months of 30 days to train, 4 to validate "
                                         "and 4 to test: the test months begin at row " +
                                             std::to_string(testBegins) + " at the spacing of " +
                                             fileName(table.path) + ", which has " +
                                             std::to_string(table.rows()) +
                                             " rows; use data.split ratio (70% / 10% / 20% of "
                                             "the rows) or a longer file"});
            return;
        }
    }
    const auto plan = planSplits(table, options);
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
    const auto borders = splitBorders(table, options.split);
    const auto seqLen = options.window.seqLen;
    return {SplitRows{0, borders[0]}, SplitRows{borders[0] - seqLen, borders[1]},
            SplitRows{borders[1] - seqLen, borders[2]}};
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

} // namespace tb::engine
