// Time-series CSV files as train / validation / test forecasting windows.
#pragma once

#include "engine/data/DataSplits.h"
#include "engine/data/csv/CsvSplitPlan.h"
#include "engine/data/csv/WindowDataset.h"

namespace tb::engine {

/// Reads the file and builds the three WindowDatasets (task `forecasting`, sampleShape
/// [seq_len, channels]) scaled by the training rows. Throws DataError naming the file, line,
/// column or field at fault (the first of checkCsvOptions' issues).
DataSplits loadCsvSplits(const CsvSplitOptions& options);

/// The values of the columns named `channels` (each one of the table's), in that order:
/// double [rows, channels].
torch::Tensor channelValues(const CsvTable& table, const std::vector<std::string>& channels);

} // namespace tb::engine
