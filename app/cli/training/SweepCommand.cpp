// `trainbench-cli sweep`: one run per combination of a grid of config values, one after the
// other, and a table of what each cost and scored.
#include "Commands.h"
#include "ConfigSource.h"
#include "ExitCodes.h"
#include "ProgressPrinter.h"
#include "TrainingSession.h"
#include "engine/config/SweepGrid.h"
#include "engine/store/RunComparison.h"
#include "engine/store/RunStore.h"
#include "engine/util/Environment.h"
#include "workspace/RunFigures.h"
#include "workspace/TextTable.h"
#include "workspace/WorkspaceFolder.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <iostream>
#include <optional>
#include <stdexcept>

namespace tb::cli {
using namespace tb::engine;

namespace {

struct SweepArgs {
    ConfigRequest request;
    std::string database;
    std::vector<std::string> grid; ///< `key=v1,v2` each
    std::string tag;               ///< empty: `sweep-` and the time
    bool dryRun = false;
};

/// A combination of the grid and what became of it.
struct SweepRun {
    tb::engine::SweepRun combination;
    std::int64_t runId = 0; ///< 0: not trained
    std::string outcome;    ///< the run's status, "not started" or "skipped"
};

/// Every combination's config, or none when the base config or any combination is invalid
/// (each is reported): a typo in the last value must not surface after the hours the first
/// runs take.
std::optional<std::vector<SweepRun>> sweepRuns(const SweepArgs& args,
                                               const std::vector<GridAxis>& axes) {
    const LoadedConfig base = readConfig(args.request);
    if (!base.issues.empty()) {
        std::cerr << "error: the config to sweep has problems:\n" << formatIssues(base.issues);
        return std::nullopt;
    }
    std::vector<SweepRun> runs;
    bool valid = true;
    for (tb::engine::SweepRun& combination : expandSweep(*base.config, axes)) {
        if (!combination.issues.empty()) {
            std::cerr << "error: " << combination.name << " is not a valid config:\n"
                      << formatIssues(combination.issues);
            valid = false;
        }
        runs.push_back({std::move(combination), 0, {}});
    }
    return valid ? std::optional(std::move(runs)) : std::nullopt;
}

/// Trains `run`; false when the workspace itself cannot take runs (no later run could).
bool train(SweepRun& run, const std::string& database, const std::string& tag) {
    RunController controller;
    RunOptions options;
    options.databasePath = database;
    options.runName = run.combination.name;
    options.tags = tag;
    options.observers.push_back(std::make_shared<ProgressPrinter>(stderr));
    const StartResult started = controller.start(run.combination.config, options);
    if (!started.started) {
        run.outcome = "not started";
        if (!started.issues.empty()) {
            std::cerr << "error: cannot start the run:\n" << formatIssues(started.issues);
            return true;
        }
        std::cerr << "error: " << started.error << "\n";
        return false;
    }
    run.runId = started.runId;
    run.outcome = toString(waitForRun(controller, true));
    if (const std::string problem = controller.storeProblem(); !problem.empty())
        std::cerr << "error: " << problem << "\n";
    std::cerr << "run " << run.runId << " " << run.outcome << "\n";
    return true;
}

/// The speed columns of one combination's row, from the comparison of the trained runs
/// (Compare's figures): typical epoch, samples/s, times the fastest, waiting for data.
std::vector<std::string> speedCells(const std::optional<ComparedSpeed>& speed,
                                    std::optional<std::size_t> run) {
    if (!speed || !run || !speed->epochSeconds.values[*run])
        return {"-", "-", "-", "-"};
    const std::optional<double>& rate = speed->samplesPerSecond.values[*run];
    const std::optional<double> times = speed->timesFastest(*run);
    return {typicalEpochText(*speed, *run), rate ? std::to_string(std::lround(*rate)) : "-",
            times ? timesText(*times) : "-", dataWaitText(*speed, *run)};
}

/// A row per combination: its values, run, outcome, typical epoch (the first left out), how
/// many times the fastest combination's epoch it takes, how much of it went on waiting for
/// data, and its final metrics.
std::string summary(const std::vector<SweepRun>& runs, const std::vector<GridAxis>& axes,
                    const RunStore& store) {
    std::vector<RunSummary> stored;
    std::vector<std::int64_t> trainedIds;
    std::vector<std::optional<std::size_t>> compared; // each combination's place in trainedIds
    for (const SweepRun& run : runs) {
        const std::optional<RunRecord> record = run.runId ? store.run(run.runId) : std::nullopt;
        stored.push_back({record.value_or(RunRecord{}),
                          record ? store.finalMetrics(run.runId) : std::vector<MetricValue>{}});
        compared.push_back(record ? std::optional(trainedIds.size()) : std::nullopt);
        if (record)
            trainedIds.push_back(run.runId);
    }
    const std::optional<ComparedSpeed> speed =
        trainedIds.empty() ? std::nullopt : compareRuns(store, trainedIds).speed;

    const std::vector<std::string> metrics = defaultMetricColumns(stored);
    std::vector<std::vector<std::string>> table(1);
    for (const GridAxis& axis : axes)
        table[0].push_back(axis.key);
    for (const char* column : {"run", "status", "epoch", "samples/s", "vs fastest", "data wait"})
        table[0].emplace_back(column);
    table[0].insert(table[0].end(), metrics.begin(), metrics.end());
    for (std::size_t i = 0; i < runs.size(); ++i) {
        std::vector<std::string> row;
        for (const std::string& override : runs[i].combination.overrides)
            row.push_back(override.substr(override.find('=') + 1));
        row.push_back(runs[i].runId ? std::to_string(runs[i].runId) : "-");
        row.push_back(runs[i].outcome);
        for (std::string& cell : speedCells(speed, compared[i]))
            row.push_back(std::move(cell));
        for (const std::string& metric : metrics)
            row.push_back(metricText(stored[i].finalMetrics, metric));
        table.push_back(std::move(row));
    }
    return alignedColumns(table);
}

int sweep(const SweepArgs& args) {
    std::vector<GridAxis> axes;
    std::optional<std::vector<SweepRun>> runs;
    try {
        for (const std::string& text : args.grid)
            axes.push_back(parseGridAxis(text));
        runs = sweepRuns(args, axes);
    } catch (const std::invalid_argument& e) {
        std::cerr << "error: --grid: " << e.what() << "\n";
        return kUsage;
    }
    if (!runs)
        return kInvalidInput;
    if (args.dryRun) {
        for (const SweepRun& run : *runs)
            std::cout << run.combination.name << "\n";
        std::cerr << runs->size() << " runs; none trained (--dry-run)\n";
        return kSuccess;
    }

    createDefaultWorkspaceFolder(args.database);
    const std::string tag = args.tag.empty() ? sweepTag(std::time(nullptr)) : args.tag;
    for (std::size_t i = 0; i < runs->size(); ++i) {
        SweepRun& run = (*runs)[i];
        if (interrupted()) {
            run.outcome = "skipped";
            continue;
        }
        std::cerr << "sweep " << i + 1 << "/" << runs->size() << ": " << run.combination.name
                  << "\n";
        if (!train(run, args.database, tag))
            return kStoreError;
    }
    const bool anyStarted =
        std::any_of(runs->begin(), runs->end(), [](const SweepRun& run) { return run.runId != 0; });
    if (!anyStarted) { // nothing in the workspace to summarise; each reason is printed above
        std::cerr << "error: none of the " << runs->size() << " runs could start\n";
        return kInvalidInput;
    }
    try {
        std::cout << summary(*runs, axes, RunStore::openForReading(args.database));
        std::cerr << "the runs are tagged " << tag << " (runs list --tag " << tag << ")\n";
    } catch (const StoreError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kStoreError;
    }
    if (interrupted())
        return kInterrupted;
    const bool allFinished = std::all_of(runs->begin(), runs->end(), [](const SweepRun& run) {
        return run.outcome == toString(RunStatus::Finished);
    });
    return allFinished ? kSuccess : kRunFailed;
}

} // namespace

void addSweepCommand(CLI::App& app, int& exitCode) {
    auto args = std::make_shared<SweepArgs>();
    args->database = defaultWorkspacePath();
    CLI::App* cmd = app.add_subcommand(
        "sweep", "Train one run per combination of config values, one after the other");
    cmd->add_option("config", args->request.source,
                    "Config file, or the name of a preset (e.g. fashion-mnist-cnn)")
        ->required();
    cmd->add_option("--grid", args->grid,
                    "A field and its values, e.g. train.batch_size=64,128,256 (repeatable: "
                    "every combination trains)")
        ->required();
    cmd->add_option("--db", args->database, "Workspace database")->capture_default_str();
    cmd->add_option("--device", args->request.device, "cpu, cuda:N or npu:N (overrides device)");
    cmd->add_option("--set", args->request.overrides,
                    "Override a field in every run: key=value (repeatable)");
    cmd->add_option("--tag", args->tag,
                    "Tag every run of the sweep (default: sweep- and the time it starts)")
        ->check(sweepTagProblem);
    cmd->add_flag("--dry-run", args->dryRun, "List the runs and check their configs only");
    cmd->callback([args, &exitCode] { exitCode = sweep(*args); });
}

} // namespace tb::cli
