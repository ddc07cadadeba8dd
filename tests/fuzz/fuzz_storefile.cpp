// A workspace file damaged in any way, opened as File > Open and Merge do and read as the Runs,
// Compare, Speed and Results views do: a StoreError (which the app shows), never a crash or
// another exception.
#include "FuzzInput.h"
#include "engine/store/ResultsGrid.h"
#include "engine/store/RunComparison.h"
#include "engine/store/RunStore.h"
#include "engine/store/SpeedLedger.h"

using namespace tb::engine;

namespace {

void readRun(const RunStore& store, std::int64_t runId) {
    store.run(runId);
    for (const std::string& name : store.metricNames(runId))
        store.metricSeries(runId, name);
    store.finalMetrics(runId);
    store.deviceSamples(runId);
    store.logs(runId);
    store.artifacts(runId);
    store.exportMetricsCsv(runId);
}

void readWorkspace(const std::string& path) {
    const RunStore store = RunStore::openForReading(path);
    std::vector<std::int64_t> runIds;
    for (const RunSummary& summary : store.listRuns()) {
        runIds.push_back(summary.run.id);
        readRun(store, summary.run.id);
    }
    compareRuns(store, runIds);
    SpeedLedger::fromStore(store);
    ResultsGrid::fromStore(store);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const tb::fuzz::FuzzFile file(data, size, ".db");
    try {
        RunStore::openInMemory().mergeFrom(file.path());
    } catch (const StoreError&) {
    }
    try {
        readWorkspace(file.path());
    } catch (const StoreError&) {
    }
    return 0;
}
