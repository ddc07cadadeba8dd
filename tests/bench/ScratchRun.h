// What the training benchmarks share: one run trained in a throwaway workspace.
#pragma once

#include "EpochTimes.h"
#include "engine/config/ConfigYaml.h"
#include "engine/store/RunStore.h"
#include "engine/training/RunController.h"

#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <unistd.h>
#include <vector>

namespace tb::bench {

/// What a finished run left: its epoch times and final metrics. `started` is false when the
/// config was refused (the reason went to stderr).
struct ScratchRun {
    bool started = false;
    std::vector<double> epochSeconds;
    std::vector<tb::engine::MetricValue> finalMetrics;
};

/// The files a finished run saved (checkpoints, forecasts), while they still exist.
using ArtifactReader = std::function<void(const std::vector<tb::engine::ArtifactRecord>&)>;

/// Trains `config` to the end in a workspace of its own, removed afterwards; `readArtifacts`
/// sees the run's files before that. The folder is named after the process, so that
/// benchmarks may run side by side (accuracy runs in the background while another is timed).
inline ScratchRun trainInScratch(const tb::engine::Config& config,
                                 const ArtifactReader& readArtifacts = {}) {
    namespace fs = std::filesystem;
    const fs::path dir =
        fs::temp_directory_path() / ("trainbench-bench-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto times = std::make_shared<EpochTimes>();
    tb::engine::RunOptions options;
    options.databasePath = (dir / "bench.db").string();
    options.observers.push_back(times);
    tb::engine::RunController controller;
    const tb::engine::StartResult start = controller.start(config, options);
    ScratchRun run;
    if (!start.started) {
        std::fprintf(stderr, "%s cannot start: %s%s\n", config.getString("name").c_str(),
                     start.error.c_str(), tb::engine::formatIssues(start.issues).c_str());
    } else {
        controller.wait();
        run.started = true;
        run.epochSeconds = times->seconds();
        const auto store =
            tb::engine::RunStore::open(options.databasePath, tb::engine::RunStore::Mode::ReadOnly);
        run.finalMetrics = store.finalMetrics(start.runId);
        if (readArtifacts)
            readArtifacts(store.artifacts(start.runId));
    }
    fs::remove_all(dir);
    return run;
}

} // namespace tb::bench
