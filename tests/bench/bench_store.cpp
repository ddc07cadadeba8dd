// Run store throughput: metric ingest through the public API and reading a long curve back.
// Prints figures against the targets; never asserts. Uses a temporary file on disk.
#include "engine/store/RunStore.h"
#include "engine/store/StoreWriter.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace tb::engine;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kRows = 1'000'000;
constexpr std::int64_t kAppendBatch = 10'000;   // points per appendMetrics call
constexpr std::int64_t kEventsPerBatch = 2'000; // the store writer's batch size
constexpr std::int64_t kValuesPerStep = 4;      // + train/samples_per_s = 5 rows per event
constexpr double kIngestTargetRowsPerS = 500'000.0;
constexpr double kReadTargetMs = 200.0;

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void printIngest(const char* what, std::int64_t rows, double seconds) {
    std::printf(
        "store ingest (%s): %lld rows in %.2f s = %.2f M rows/s (target >= %.1f M rows/s)\n", what,
        static_cast<long long>(rows), seconds, rows / seconds / 1e6, kIngestTargetRowsPerS / 1e6);
}

std::int64_t newRun(RunStore& store, const std::string& name) {
    RunRecord run;
    run.name = name;
    return store.createRun(run);
}

std::int64_t benchAppendMetrics(RunStore& store) {
    const std::int64_t runId = newRun(store, "appendMetrics");
    std::vector<MetricPoint> batch(kAppendBatch);
    const auto start = Clock::now();
    for (std::int64_t first = 1; first <= kRows; first += kAppendBatch) {
        for (std::int64_t i = 0; i < kAppendBatch; ++i) {
            const std::int64_t step = first + i;
            batch[i] = {step, step / 1000 + 1, step * 0.01, 1.0 / static_cast<double>(step)};
        }
        store.appendMetrics(runId, "train/loss", batch);
    }
    printIngest("appendMetrics", kRows, secondsSince(start));
    return runId;
}

StepMetrics stepEvent(std::int64_t runId, std::int64_t step) {
    StepMetrics event;
    event.runId = runId;
    event.step = step;
    event.epoch = step / 1000 + 1;
    event.wallTimeS = step * 0.01;
    event.samplesPerSec = 5000.0 + step % 100;
    event.values = {{"train/loss", 1.0 / static_cast<double>(step)},
                    {"train/lr", 1e-3},
                    {"train/grad_norm", 0.5 + step % 7},
                    {"train/accuracy", 0.9}};
    return event;
}

void benchApply(RunStore& store) {
    const std::int64_t runId = newRun(store, "apply");
    constexpr std::int64_t events = kRows / (kValuesPerStep + 1);
    std::vector<Event> batch;
    batch.reserve(kEventsPerBatch);
    double seconds = 0.0;
    for (std::int64_t step = 1; step <= events; ++step) {
        batch.push_back(stepEvent(runId, step));
        if (static_cast<std::int64_t>(batch.size()) == kEventsPerBatch || step == events) {
            const auto start = Clock::now(); // building events is the engine's cost, not ours
            store.apply(batch);
            seconds += secondsSince(start);
            batch.clear();
        }
    }
    printIngest("apply StepMetrics", events * (kValuesPerStep + 1), seconds);
}

void benchStoreWriter(const std::string& path) {
    RunStore store = RunStore::open(path);
    const std::int64_t runId = newRun(store, "StoreWriter");
    constexpr std::int64_t events = kRows / (kValuesPerStep + 1);
    std::vector<Event> prepared;
    prepared.reserve(events);
    for (std::int64_t step = 1; step <= events; ++step) {
        prepared.push_back(stepEvent(runId, step));
    }
    StoreWriter writer(path);
    const auto start = Clock::now();
    for (const Event& event : prepared) {
        writer.onEvent(event);
    }
    const double enqueueS = secondsSince(start);
    writer.close();
    const double totalS = secondsSince(start);
    std::printf("store writer: onEvent %.2f us/event on the engine thread; %lld rows on disk in "
                "%.2f s = %.2f M rows/s%s\n",
                enqueueS / events * 1e6, static_cast<long long>(events * (kValuesPerStep + 1)),
                totalS, events * (kValuesPerStep + 1) / totalS / 1e6,
                writer.lastError().empty() ? "" : (" ERROR: " + writer.lastError()).c_str());
}

void benchRead(RunStore& store, std::int64_t runId) {
    double bestMs = 1e30;
    std::size_t points = 0;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto start = Clock::now();
        points = store.metricSeries(runId, "train/loss").size();
        bestMs = std::min(bestMs, secondsSince(start) * 1e3);
    }
    std::printf("store read (metricSeries): %zu points in %.0f ms, best of 3 (target < %.0f ms)\n",
                points, bestMs, kReadTargetMs);

    const auto start = Clock::now();
    const std::size_t partial = store.metricSeries(runId, "train/loss", 500'000, 500'999).size();
    std::printf("store read (metricSeries range): %zu points in %.2f ms\n", partial,
                secondsSince(start) * 1e3);
}

// A workspace after months of use: kWorkspaceRuns runs with a stored config and curves of
// several thousand steps each, the list the Runs panel re-reads every few seconds.
constexpr int kWorkspaceRuns = 2'000;
constexpr int kSeriesPerRun = 14;
constexpr std::int64_t kStepsPerRun = 1'000;

void fillWorkspace(RunStore& store) {
    const std::string config(2'000, '#');
    std::vector<MetricPoint> curve(kStepsPerRun);
    for (std::int64_t step = 0; step < kStepsPerRun; ++step) {
        curve[step] = {step + 1, step / 100 + 1, step * 0.05, 1.0 / static_cast<double>(step + 1)};
    }
    for (int r = 0; r < kWorkspaceRuns; ++r) {
        RunRecord run;
        run.name = "run " + std::to_string(r);
        run.configYaml = config;
        run.createdAt = "2026-11-23T09:15:02Z";
        const std::int64_t runId = store.createRun(run);
        for (int s = 0; s < kSeriesPerRun; ++s) {
            store.appendMetrics(runId, "series/" + std::to_string(s), curve);
        }
    }
}

void benchListRuns(const fs::path& folder) {
    RunStore store = RunStore::open((folder / "workspace.db").string());
    fillWorkspace(store);
    double bestMs = 1e30;
    std::size_t runs = 0;
    for (int attempt = 0; attempt < 5; ++attempt) {
        const auto start = Clock::now();
        runs = store.listRuns().size();
        bestMs = std::min(bestMs, secondsSince(start) * 1e3);
    }
    std::printf("store listRuns: %zu runs of %d curves x %lld steps with their final metrics in "
                "%.1f ms, best of 5\n",
                runs, kSeriesPerRun, static_cast<long long>(kStepsPerRun), bestMs);
}

} // namespace

int main() {
    std::string folderTemplate = (fs::temp_directory_path() / "trainbench-bench-XXXXXX").string();
    if (!mkdtemp(folderTemplate.data())) {
        std::perror("mkdtemp");
        return 1;
    }
    const fs::path folder = folderTemplate;
    const std::string path = (folder / "bench.db").string();
    try {
        RunStore store = RunStore::open(path);
        const std::int64_t appendedRun = benchAppendMetrics(store);
        benchApply(store);
        benchRead(store, appendedRun);
        benchStoreWriter(path);
        std::printf("database: %.1f MB for %lld rows\n",
                    static_cast<double>(fs::file_size(path)) / 1e6,
                    static_cast<long long>(3 * kRows));
        benchListRuns(folder);
    } catch (const StoreError& error) {
        std::fprintf(stderr, "bench_store: %s\n", error.what());
        fs::remove_all(folder);
        return 1;
    }
    fs::remove_all(folder);
    return 0;
}
