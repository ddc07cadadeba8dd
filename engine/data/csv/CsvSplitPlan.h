// How a time-series CSV is cut into train / validation / test rows, without LibTorch.
#pragma once

#include "engine/config/ConfigIssue.h"
#include "engine/data/csv/CsvTable.h"
#include "engine/data/csv/WindowSpec.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace tb::engine {

class Config;

/// Which CSV to read and how to window, split and scale it (the `data.*` fields of kind
/// `csv`, in Time-Series-Library's terms).
///
/// Example:
/// ```
/// CsvSplitOptions o;
/// o.path = "/data/ETTh1.csv"; o.features = "M"; o.window = {336, 48, 96}; o.split = "ett";
/// DataSplits splits = loadCsvSplits(o);          // CsvSplits.h: the training data
/// auto rows = planSplits(readCsvTable(o.path), o); // here: just the row ranges
/// ```
struct CsvSplitOptions {
    std::string path;
    /// The column forecast by S and MS (and placed last among the channels).
    std::string target = "OT";
    /// M: every numeric column in and out; S: the target in and out; MS: all in, target out.
    std::string features = "M";
    /// Frequency of the time features (see timeFeatureFrequencies()).
    std::string freq = "h";
    WindowSpec window;
    /// `ett`: 12 / 4 / 4 months of 30 days; `ratio`: 70% / 10% / 20% of the rows.
    std::string split = "ratio";
    /// Standardise with the training rows' mean and standard deviation.
    bool normalize = true;
    /// Channels the model expects; 0 takes whatever the file and `features` give.
    std::int64_t channels = 0;

    /// Reads data.path, data.target, data.features, data.freq, data.seq_len, data.label_len,
    /// data.pred_len, data.split, data.normalize and data.channels.
    static CsvSplitOptions fromConfig(const Config& config);
};

/// Rows [begin, end) of one split; val and test begin seq_len rows before their border so
/// that their first window forecasts the border row.
struct SplitRows {
    std::int64_t begin = 0;
    std::int64_t end = 0;
    std::int64_t windows(const WindowSpec& spec) const {
        return end - begin - spec.seqLen - spec.predLen + 1;
    }
};

/// Everything wrong with windowing `table` under `options`, each issue naming its field:
/// data.features, data.freq, data.target (not a column), data.channels (not what the file
/// gives), data.split (ett on rows that do not divide a day) and data.seq_len (a split too
/// short for one window). Empty when loadCsvSplits() can proceed.
ConfigIssues checkCsvOptions(const CsvTable& table, const CsvSplitOptions& options);

/// The train, validation and test rows of `table` (in that order), for options that
/// checkCsvOptions() accepts, or at least raises no data.split issue for (then a split may
/// be too short for a window, and val or test may begin before row 0).
std::array<SplitRows, 3> planSplits(const CsvTable& table, const CsvSplitOptions& options);

/// The channel names fed to the model in order: M and MS every numeric column with the target
/// moved last, S the target alone.
std::vector<std::string> selectChannels(const CsvTable& table, const CsvSplitOptions& options);

} // namespace tb::engine
