// Shared set-up of the forecasting tests: the shared ETT files, small CSVs and configs.
#pragma once

#include "engine/config/Config.h"
#include "engine/data/Batch.h"

#include <QString>
#include <string>

class QTemporaryDir;

namespace tb::test {

/// A file under the shared data folder (`ett/ETTh1.csv`); empty when it is not there, so the
/// test can QSKIP with a reason.
std::string sharedDataFile(const std::string& relativePath);

/// Writes `text` to `name` in `dir` and returns the file's path.
std::string writeFile(const QTemporaryDir& dir, const QString& name, const std::string& text);

/// An hourly CSV (date + `channels` columns, the last named OT) of `rows` rows starting at
/// 2020-01-01 00:00: daily and weekly sines, a trend and a little deterministic noise, the
/// channels shifted against each other. Forecastable but not trivial.
std::string syntheticCsv(std::int64_t rows, std::int64_t channels);

/// A valid csv config over `path` with `model` (defaults otherwise): seq 48, label 24,
/// pred 12, ratio split, batch 32, one epoch, no loader workers.
tb::engine::Config quickForecastConfig(const std::string& path, const std::string& model);

/// A batch of `windows` windows [seq, label, pred] of `channels` channels and 4 time features,
/// filled with seeded random values.
tb::engine::Batch randomBatch(std::int64_t windows, std::int64_t seqLen, std::int64_t labelLen,
                              std::int64_t predLen, std::int64_t channels);

} // namespace tb::test
