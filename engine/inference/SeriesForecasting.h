// A forecaster's forecast of the rows that follow a CSV's. Engine-internal: it exposes
// LibTorch.
#pragma once

#include "engine/inference/Prediction.h"
#include "engine/inference/StoredModel.h"

namespace tb::engine {

/// Forecasts the data.pred_len rows after the row dated `from` (else the last row before it,
/// with a line in `notes`; empty: the file's last row) from the data.seq_len rows up to it, in
/// the file's units, dated as the rows before them are spaced (followingDates). Where the file
/// goes on after that row, its own values of those rows come along (Forecast::actual). Throws
/// PredictionError for a CSV that cannot be read, lacks a column the run was trained on, has no
/// row dated `from` or before, or too few rows before it.
Forecast forecastCsv(StoredModel& stored, const std::string& csvPath, const std::string& from,
                     std::vector<std::string>& notes);

} // namespace tb::engine
