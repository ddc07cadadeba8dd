// Shared by the store tests: raw SQLite access (as another program or an older Trainbench
// would touch the file), sample runs and events, and StoreError capture.
#pragma once

#include "engine/events/Event.h"
#include "engine/store/RunRecord.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <string>

namespace tb::test {

/// Runs `sql` on the file through a connection of its own; throws std::runtime_error.
void execSql(const std::string& path, const std::string& sql);
/// The first column of the first row of `sql`, via a connection of its own.
std::int64_t queryInt(const std::string& path, const std::string& sql);

/// The message of the StoreError `action` throws; empty when it throws none.
QString storeErrorOf(const std::function<void()>& action);

/// Names in `folder`, sorted: to check that a failed open left nothing behind.
QStringList filesIn(const QString& folder);

/// A run with every field set to something recognisable.
engine::RunRecord sampleRun(const std::string& name, const std::string& createdAt = {});

engine::StepMetrics stepMetrics(std::int64_t runId, std::int64_t step, double loss);

} // namespace tb::test
