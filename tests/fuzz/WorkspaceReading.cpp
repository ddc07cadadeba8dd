#include "WorkspaceReading.h"

#include "engine/store/ResultsGrid.h"
#include "engine/store/RunComparison.h"
#include "engine/store/RunStore.h"
#include "engine/store/SpeedLedger.h"

namespace tb::fuzz {
namespace {

using namespace tb::engine;

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

void openAndRead(const std::string& path) {
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

void readWorkspaceAsTheAppDoes(const std::string& path) {
    try {
        RunStore::openInMemory().mergeFrom(path);
    } catch (const StoreError&) {
    }
    try {
        openAndRead(path);
    } catch (const StoreError&) {
    }
}

} // namespace tb::fuzz
