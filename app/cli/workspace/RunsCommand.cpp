#include "ClassScores.h"
#include "CommandLine.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "OutputFile.h"
#include "RunFigures.h"
#include "RunsJson.h"
#include "TextTable.h"
#include "WorkspaceFolder.h"
#include "engine/store/FlatConfig.h"
#include "engine/store/RunComparison.h"
#include "engine/store/RunDeletion.h"
#include "engine/store/RunStore.h"
#include "engine/store/SpeedLedger.h"
#include "engine/store/TestedRun.h"
#include "engine/util/Environment.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

namespace tb::cli {
using namespace tb::engine;

namespace {

struct RunsArgs {
    std::string database = defaultWorkspacePath();
    std::int64_t runId = 0;
    std::vector<std::int64_t> runIds;
    bool all = false;
    bool json = false; ///< `runs list --json`, `runs show --json`
    std::string output;
    std::optional<std::string> notes; ///< `runs note --notes`
    std::optional<std::string> tags;  ///< `runs note --tags`
    bool star = false;
    bool unstar = false;
    bool starredOnly = false;         ///< `runs list --starred`
    std::string tag;                  ///< `runs list --tag`
    std::size_t limit = 0;            ///< `runs list --limit`; 0: every run
    std::vector<std::string> fields;  ///< `runs list --field`
    std::vector<std::string> metrics; ///< `runs list --metric`
    std::vector<std::string> files;   ///< `runs merge`
};

/// Says that `id` names no run of the workspace; returns the exit code for it.
int noSuchRun(const RunStore& store, std::int64_t id) {
    std::cerr << "error: no run " << id << " in " << store.path()
              << "; `trainbench-cli runs list` shows the ids\n";
    return kNotFound;
}

/// Whether `run` passes `runs list`'s --starred and --tag.
bool listed(const RunRecord& run, const RunsArgs& args) {
    if (args.starredOnly && !run.starred)
        return false;
    if (args.tag.empty())
        return true;
    const std::vector<std::string> tags = tagsOf(run);
    return std::find(tags.begin(), tags.end(), args.tag) != tags.end();
}

int listRuns(const RunStore& store, const RunsArgs& args) {
    std::vector<RunSummary> runs = store.listRuns();
    runs.erase(std::remove_if(runs.begin(), runs.end(),
                              [&](const RunSummary& r) { return !listed(r.run, args); }),
               runs.end());
    if (args.limit > 0 && runs.size() > args.limit)
        runs.resize(args.limit); // newest first: the latest runs stay
    if (args.json) {
        std::cout << runsJson(runs, args.fields);
        return kSuccess;
    }
    const std::vector<std::string> metrics =
        args.metrics.empty() ? defaultMetricColumns(runs) : args.metrics;
    std::vector<std::vector<std::string>> table{{"id", "name", "status", "device", "started"}};
    table[0].insert(table[0].end(), args.fields.begin(), args.fields.end());
    table[0].insert(table[0].end(), metrics.begin(), metrics.end());
    for (const RunSummary& r : runs) {
        std::vector<std::string> row{std::to_string(r.run.id), r.run.name, listedStatus(r.run),
                                     r.run.device, r.run.startedAt};
        if (!args.fields.empty()) {
            std::vector<std::string> notes; // an unreadable config lists as "-"
            const FlatConfig config = flatConfig(r.run, notes);
            for (const std::string& key : args.fields) {
                const std::string* value = fieldValue(config, key);
                row.push_back(value ? *value : "-");
            }
        }
        for (const std::string& name : metrics)
            row.push_back(metricText(r.finalMetrics, name));
        table.push_back(std::move(row));
    }
    std::cout << alignedColumns(table);
    return kSuccess;
}

/// A checkpoint written again every epoch is one file: listed once, as of its latest writing.
std::vector<ArtifactRecord> latestOfEachFile(const std::vector<ArtifactRecord>& records) {
    std::vector<ArtifactRecord> files;
    for (const ArtifactRecord& record : records) {
        const auto same = std::find_if(files.begin(), files.end(), [&](const ArtifactRecord& f) {
            return f.path == record.path;
        });
        if (same == files.end())
            files.push_back(record);
        else
            *same = record;
    }
    return files;
}

int showRun(const RunStore& store, std::int64_t id, bool json) {
    const auto run = store.run(id);
    if (!run)
        return noSuchRun(store, id);
    if (json) {
        std::cout << runJson(*run, store.finalMetrics(id), latestOfEachFile(store.artifacts(id)));
        return kSuccess;
    }
    const std::optional<std::string> tested = testedWeights(*run);
    std::cout << "run " << run->id << ": " << run->name << "\n"
              << "  status    " << listedStatus(*run)
              << (run->statusReason.empty() ? "" : " (" + run->statusReason + ")") << "\n"
              << (tested ? "  tested    the weights of " + *tested + " (it trained no epoch)\n"
                         : "")
              << "  device    " << run->device << " (" << run->threads << " threads, LibTorch "
              << run->torchVersion << ", host " << run->host << ")\n"
              << (run->deviceName.empty() ? "" : "  hardware  " + run->deviceName + "\n")
              << "  created   " << run->createdAt << "\n  started   " << run->startedAt
              << (run->resumedAt.empty() ? "" : "\n  continued " + run->resumedAt)
              << "\n  finished  " << run->finishedAt
              << (hasEnded(run->status) && run->runSeconds > 0.0
                      ? "\n  trained   " + secondsText(run->runSeconds)
                      : "")
              << "\n  seed      " << run->seed << "\n  config    hash " << run->configHash << "\n";
    std::cout << "final metrics:\n";
    for (const auto& m : store.finalMetrics(id))
        std::cout << "  " << std::left << std::setw(24) << m.name << m.value << "\n";
    const std::vector<ArtifactRecord> files = latestOfEachFile(store.artifacts(id));
    if (!files.empty()) {
        // Checkpoints and forecasts live beside the database, not in it.
        std::cout << "files:\n";
        for (const ArtifactRecord& f : files) {
            // A checkpoint's epoch says which weights it holds; the others come at the end.
            const bool checkpoint = f.kind == "best" || f.kind == "last" || f.kind == "manual";
            const std::string what = checkpoint && f.epoch > 0
                                         ? f.kind + " (epoch " + std::to_string(f.epoch) + ")"
                                         : f.kind;
            std::cout << "  " << std::left << std::setw(24) << what << f.path << "\n";
        }
    }
    if (const auto confusion = store.latestArtifact(id, "confusion"))
        std::cout << "test per class:\n" << classScoresText(confusion->path);
    std::cout << "config:\n" << run->configYaml;
    return kSuccess;
}

std::string numberText(const std::optional<double>& value, bool best) {
    if (!value)
        return "-";
    std::ostringstream s;
    s << std::setprecision(6) << *value << (best ? " *" : "");
    return s.str();
}

/// Each run's typical epoch, throughput, how many times the fastest epoch it takes, and how
/// much of it went on waiting for data.
void appendSpeedRows(const tb::engine::ComparedSpeed& speed,
                     std::vector<std::vector<std::string>>& table) {
    table.push_back({});
    table.push_back({"speed, a typical epoch (* best)"});
    std::vector<std::string> seconds{"  epoch"}, rates{"  samples/s"}, times{"  vs fastest"},
        waits{"  waiting for data"};
    for (std::size_t i = 0; i < speed.epochSeconds.values.size(); ++i) {
        const auto mark = [i](const ComparedMetric& m) {
            return m.best == static_cast<int>(i) ? " *" : "";
        };
        const auto& s = speed.epochSeconds.values[i];
        const auto& rate = speed.samplesPerSecond.values[i];
        const auto ratio = speed.timesFastest(i);
        seconds.push_back(s ? typicalEpochText(speed, i) + mark(speed.epochSeconds) : "-");
        rates.push_back(rate ? std::to_string(std::lround(*rate)) + mark(speed.samplesPerSecond)
                             : "-");
        times.push_back(ratio ? timesText(*ratio) : "-");
        waits.push_back(dataWaitText(speed, i));
    }
    table.push_back(seconds);
    table.push_back(rates);
    table.push_back(times);
    table.push_back(waits);
}

void appendMetricRows(const std::string& title, const std::vector<ComparedMetric>& metrics,
                      std::vector<std::vector<std::string>>& table) {
    table.push_back({});
    table.push_back({title});
    for (const ComparedMetric& m : metrics) {
        std::vector<std::string> row{"  " + m.name};
        for (std::size_t i = 0; i < m.values.size(); ++i)
            row.push_back(numberText(m.values[i], m.best == static_cast<int>(i)));
        table.push_back(row);
    }
}

int compareRuns(const RunStore& store, const RunsArgs& args) {
    for (const std::int64_t id : args.runIds) {
        if (!store.run(id))
            return noSuchRun(store, id);
    }
    const RunComparison comparison = tb::engine::compareRuns(store, args.runIds);
    std::vector<std::vector<std::string>> table;
    std::vector<std::string> header{""};
    for (const RunRecord& run : comparison.runs)
        header.push_back("run " + std::to_string(run.id));
    table.push_back(header);
    std::vector<const ComparedField*> fields = comparison.differingFields();
    if (args.all) {
        fields.clear();
        for (const ComparedField& f : comparison.config)
            fields.push_back(&f);
    }
    table.push_back({args.all ? "config, every field" : "config, the fields that differ"});
    if (fields.empty())
        table.push_back({"  none (--all lists every field)"});
    for (const ComparedField* f : fields) {
        std::vector<std::string> row{"  " + f->key};
        for (const std::string& value : f->values)
            row.push_back(value.empty() ? "-" : value);
        table.push_back(row);
    }
    if (comparison.speed)
        appendSpeedRows(*comparison.speed, table);
    appendMetricRows("final metrics (* best)", comparison.metrics, table);
    if (!comparison.classF1.empty())
        appendMetricRows("test F1 per class (* best)", comparison.classF1, table);
    std::cout << alignedColumns(table, "  ");
    for (const std::string& note : comparison.notes)
        std::cout << "note: " << note << "\n";
    return kSuccess;
}

int speedLedger(const RunStore& store) {
    const SpeedLedger ledger = SpeedLedger::fromStore(store);
    if (ledger.empty()) {
        std::cerr << "error: no finished or stopped run in " << store.path()
                  << " has a timed epoch yet\n";
        return kNotFound;
    }
    std::vector<std::vector<std::string>> table{
        {"experiment", "device", "epoch", "samples/s", "runs", "vs fastest"}};
    for (const SpeedRow& row : ledger.rows()) {
        for (std::size_t i = 0; i < row.cells.size(); ++i) {
            const SpeedCell& cell = row.cells[i];
            char throughput[32];
            std::snprintf(throughput, sizeof(throughput), "%.0f", cell.samplesPerSec);
            table.push_back({i == 0 ? row.experiment : "", cell.device,
                             secondsText(cell.epochSeconds), throughput,
                             std::to_string(cell.runIds.size()), timesText(cell.timesFastest)});
        }
    }
    std::cout << alignedColumns(table);
    for (const std::string& note : ledger.skipped())
        std::cout << "note: " << note << "\n";
    return kSuccess;
}

int exportRun(const RunStore& store, const RunsArgs& args) {
    if (!store.run(args.runId))
        return noSuchRun(store, args.runId);
    const std::string csv = store.exportMetricsCsv(args.runId);
    if (args.output.empty()) {
        std::cout << csv;
        return kSuccess;
    }
    return writeOutputFile(args.output, csv, {args.database}) ? kSuccess : kStoreError;
}

int noteRun(RunStore& store, const RunsArgs& args) {
    std::optional<RunRecord> run = store.run(args.runId);
    if (!run)
        return noSuchRun(store, args.runId);
    if (args.notes)
        run->notes = *args.notes;
    if (args.tags)
        run->tags = *args.tags;
    if (args.star || args.unstar)
        run->starred = args.star;
    store.setRunNotes(run->id, run->notes, run->tags, run->starred);
    run = store.run(run->id); // as stored: tags trimmed and without repeats
    std::cout << "run " << run->id << ": " << (run->starred ? "starred" : "not starred")
              << ", tags: " << (run->tags.empty() ? "none" : run->tags) << "\n"
              << (run->notes.empty() ? "no notes" : run->notes) << "\n";
    return kSuccess;
}

/// Merges each file's runs into the workspace, each file on its own: one that cannot be
/// merged is reported and the others still are.
int mergeWorkspaces(RunStore& store, const RunsArgs& args) {
    int exitCode = kSuccess;
    for (const std::string& file : args.files) {
        try {
            const MergeCounts counts = store.mergeFrom(file);
            std::cout << "merged " << file << ": " << counts.added << " new run"
                      << (counts.added == 1 ? "" : "s");
            if (counts.updated > 0)
                std::cout << ", " << counts.updated << " brought up to date";
            if (counts.alreadyHere > 0)
                std::cout << ", " << counts.alreadyHere << " already here";
            std::cout << "\n";
        } catch (const StoreError& e) {
            std::cerr << "error: " << e.what() << "\n";
            exitCode = kStoreError;
        }
    }
    return exitCode;
}

int deleteStoredRuns(RunStore& store, const RunsArgs& args) {
    for (const std::int64_t id : args.runIds) {
        if (!store.run(id))
            return noSuchRun(store, id);
    }
    const DeletionReport report = deleteRuns(store, args.runIds);
    std::cout << "deleted " << report.runs << (report.runs == 1 ? " run" : " runs") << " and "
              << report.files << (report.files == 1 ? " file" : " files") << "\n";
    if (report.filesElsewhere > 0)
        std::cout << "left " << report.filesElsewhere << " file(s) outside " << store.path()
                  << ".artifacts (another workspace's)\n";
    for (const std::string& problem : report.problems)
        std::cerr << "warning: " << problem << "\n";
    return kSuccess;
}

template <typename Action> int withStore(const std::string& database, Action action) {
    try {
        const RunStore store = RunStore::openForReading(database);
        return action(store);
    } catch (const StoreError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kStoreError;
    }
}

/// As withStore, writing: a missing file is an error, not a new workspace.
template <typename Action> int withWritableStore(const std::string& database, Action action) {
    try {
        RunStore::openForReading(database);
        RunStore store = RunStore::open(database);
        return action(store);
    } catch (const StoreError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kStoreError;
    }
}

} // namespace

void addRunsCommand(CLI::App& app, int& exitCode) {
    auto args = std::make_shared<RunsArgs>();
    CLI::App* runs = app.add_subcommand("runs", "List, show, compare, time and export stored runs");
    runs->add_option("--db", args->database, "Workspace database")->capture_default_str();
    runs->require_subcommand(1);
    // `runs list --db FILE` as well as `runs --db FILE list`: the subcommands added below
    // inherit this and hand options they do not know to `runs`.
    runs->fallthrough();

    CLI::App* list = runs->add_subcommand("list", "Every run, newest first");
    list->add_option("--field", args->fields,
                     "A config field as a column, e.g. train.batch_size (repeatable)");
    list->add_option("--metric", args->metrics,
                     "A final metric as a column, e.g. test/mae (repeatable; default val/loss "
                     "and the test accuracy or MSE)");
    list->add_flag("--starred", args->starredOnly, "Only starred runs");
    list->add_option("--tag", args->tag, "Only runs with this tag");
    list->add_option("-n,--limit", args->limit,
                     "Only the newest N runs (of those the filters keep)")
        ->check(atLeastOne());
    list->add_flag("--json", args->json,
                   "As a JSON array, every final metric and the --field values of each run");
    list->callback([args, &exitCode] {
        exitCode = withStore(args->database, [&](const RunStore& s) { return listRuns(s, *args); });
    });
    CLI::App* show = runs->add_subcommand("show", "A run's config, final metrics and files");
    show->add_option("id", args->runId, "Run id")->required();
    show->add_flag("--json", args->json, "As a JSON object");
    show->callback([args, &exitCode] {
        exitCode = withStore(
            args->database, [&](const RunStore& s) { return showRun(s, args->runId, args->json); });
    });
    CLI::App* cmp = runs->add_subcommand(
        "compare", "Runs side by side: the config fields that differ and the final metrics");
    cmp->add_option("ids", args->runIds, "Two or more run ids")->required()->expected(2, -1);
    cmp->add_flag("--all", args->all, "Every config field, not only those that differ");
    cmp->callback([args, &exitCode] {
        exitCode =
            withStore(args->database, [&](const RunStore& s) { return compareRuns(s, *args); });
    });
    runs->add_subcommand("speed", "Each experiment's typical epoch on every device it ran on")
        ->callback([args, &exitCode] {
            exitCode = withStore(args->database, [](const RunStore& s) { return speedLedger(s); });
        });
    CLI::App* note = runs->add_subcommand("note", "Star a run, tag it or write notes on it");
    note->add_option("id", args->runId, "Run id")->required();
    note->add_option("--notes", args->notes, "The run's notes (replaces them; \"\" clears)");
    note->add_option("--tags", args->tags, "Comma-separated tags (replaces them; \"\" clears)");
    CLI::Option* star = note->add_flag("--star", args->star, "Star the run");
    note->add_flag("--unstar", args->unstar, "Unstar the run")->excludes(star);
    note->callback([args, &exitCode] {
        exitCode =
            withWritableStore(args->database, [&](RunStore& s) { return noteRun(s, *args); });
    });
    CLI::App* remove = runs->add_subcommand(
        "delete", "Delete runs with their metrics and the checkpoints and forecasts they wrote");
    remove->add_option("ids", args->runIds, "Run ids")->required()->expected(1, -1);
    remove->callback([args, &exitCode] {
        exitCode = withWritableStore(args->database,
                                     [&](RunStore& s) { return deleteStoredRuns(s, *args); });
    });
    CLI::App* merge = runs->add_subcommand(
        "merge", "Copy other workspaces' runs (a GPU server's file) into this one, created if new");
    merge->add_option("files", args->files, "Workspace files to merge")
        ->required()
        ->expected(1, -1);
    merge->callback([args, &exitCode] {
        createDefaultWorkspaceFolder(args->database);
        try {
            RunStore store = RunStore::open(args->database);
            exitCode = mergeWorkspaces(store, *args);
        } catch (const StoreError& e) {
            std::cerr << "error: " << e.what() << "\n";
            exitCode = kStoreError;
        }
    });
    CLI::App* exp = runs->add_subcommand("export", "A run's metrics, one row per step");
    exp->add_option("id", args->runId, "Run id")->required();
    exp->add_flag("--csv", "As CSV (the default, and the only format so far)");
    exp->add_option("-o,--output", args->output, "File to write (default: standard output)");
    exp->callback([args, &exitCode] {
        exitCode =
            withStore(args->database, [&](const RunStore& s) { return exportRun(s, *args); });
    });
}

} // namespace tb::cli
