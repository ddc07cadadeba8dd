#include "engine/store/SpeedLedger.h"

#include "engine/config/SweepGrid.h"
#include "engine/store/ExperimentSettings.h"
#include "engine/store/RunStore.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace tb::engine {
namespace {

/// Config fields that leave an epoch's work unchanged: runs differing only in these time the
/// same experiment.
bool ignoredForSpeed(const std::string& key) {
    for (const char* exact :
         {"name", "seed", "device", "train.epochs", "train.checkpoints", "optim.lr",
          "dist.master_addr", "dist.master_port", "dist.timeout_s"}) {
        if (key == exact)
            return true;
    }
    for (const char* section : {"telemetry.", "schedule.", "train.early_stop."}) {
        if (key.rfind(section, 0) == 0)
            return true;
    }
    return false;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

using SeriesByRun = std::map<std::int64_t, std::vector<MetricPoint>>;

std::optional<double> typicalEpochValue(const SeriesByRun& series, std::int64_t runId) {
    const auto found = series.find(runId);
    return found == series.end() ? std::nullopt : typicalEpochValue(found->second);
}

struct TimedRun {
    RunRecord run;
    ExperimentSettings work; ///< the fields that set an epoch's work
    double epochSeconds = 0.0;
    double samplesPerSec = 0.0;
};

using HostAndDevice = std::pair<std::string, std::string>;

/// The device models recorded by a host's runs, newest first: runs from before models were
/// recorded take the one the same device of the same host has since, rather than a column of
/// their own.
std::map<HostAndDevice, std::string> deviceModels(const std::vector<RunSummary>& runs) {
    std::map<HostAndDevice, std::string> models;
    for (const RunSummary& summary : runs)
        if (!summary.run.deviceName.empty())
            models.emplace(HostAndDevice{summary.run.host, summary.run.device},
                           summary.run.deviceName);
    return models;
}

std::vector<TimedRun> timedRuns(const RunStore& store, std::vector<std::string>& skipped) {
    // Two reads for the whole workspace: a query per run made the ledger of 2,000 runs take
    // 0.3 s on the GUI thread.
    const SeriesByRun durations = store.metricSeriesOfEveryRun(kEpochDurationMetric);
    const SeriesByRun throughputs = store.metricSeriesOfEveryRun(kEpochSamplesPerSecMetric);
    const std::vector<RunSummary> runs = store.listRuns();
    const std::map<HostAndDevice, std::string> models = deviceModels(runs);
    std::vector<TimedRun> timed;
    for (const RunSummary& summary : runs) {
        const RunRecord& run = summary.run;
        if (run.status != RunStatus::Finished && run.status != RunStatus::Stopped)
            continue;
        const auto seconds = typicalEpochValue(durations, run.id);
        if (!seconds)
            continue;
        std::vector<std::string> notes;
        const FlatConfig config = flatConfig(run, notes);
        if (config.empty()) {
            skipped.insert(skipped.end(), notes.begin(), notes.end());
            continue;
        }
        timed.push_back({run, experimentSettings(config, ignoredForSpeed), *seconds,
                         typicalEpochValue(throughputs, run.id).value_or(0.0)});
        if (const auto model = models.find({run.host, run.device});
            run.deviceName.empty() && model != models.end())
            timed.back().run.deviceName = model->second;
    }
    return timed;
}

/// The device's model where known: the same `cuda:0` is an H100 on one server and an A100 on
/// another, and two GPUs of one model are one column.
std::string deviceLabel(const RunRecord& run, bool oneHost) {
    const std::string& device = run.deviceName.empty() ? run.device : run.deviceName;
    return oneHost || run.host.empty() ? device : device + " @ " + run.host;
}

bool hasOneHost(const std::vector<TimedRun>& runs) {
    std::set<std::string> hosts;
    for (const TimedRun& timed : runs)
        hosts.insert(timed.run.host);
    return hosts.size() <= 1;
}

struct Experiment {
    const ExperimentSettings* work = nullptr;
    /// Of its latest run, less a sweep's values: they may name fields that do not set the work
    /// (`optim.lr=0.01`), which other runs of the experiment set otherwise.
    std::string name;
    std::map<std::string, std::vector<const TimedRun*>> runsByDevice;
};

SpeedCell cellOf(const std::string& device, const std::vector<const TimedRun*>& runs) {
    SpeedCell cell{device, {}, 0.0, 0.0, 1.0};
    std::vector<double> seconds;
    std::vector<double> throughput;
    for (const TimedRun* timed : runs) {
        cell.runIds.push_back(timed->run.id);
        seconds.push_back(timed->epochSeconds);
        throughput.push_back(timed->samplesPerSec);
    }
    cell.epochSeconds = median(seconds);
    cell.samplesPerSec = median(throughput);
    return cell;
}

/// `name`, or `name (key=value, ...)` with the fields in which this experiment differs from
/// the others of the same name.
std::string experimentLabel(const Experiment& experiment, const std::vector<Experiment>& all) {
    std::vector<const ExperimentSettings*> namesakes;
    for (const Experiment& other : all) {
        if (other.name == experiment.name)
            namesakes.push_back(other.work);
    }
    const std::string differing = differingFields(*experiment.work, namesakes);
    return differing.empty() ? experiment.name : experiment.name + " (" + differing + ")";
}

SpeedRow rowOf(const Experiment& experiment, const std::vector<Experiment>& all) {
    SpeedRow row{experimentLabel(experiment, all), {}};
    for (const auto& [device, runs] : experiment.runsByDevice)
        row.cells.push_back(cellOf(device, runs));
    std::sort(row.cells.begin(), row.cells.end(), [](const SpeedCell& a, const SpeedCell& b) {
        return a.epochSeconds < b.epochSeconds;
    });
    const double fastest = row.cells.front().epochSeconds;
    for (SpeedCell& cell : row.cells)
        cell.timesFastest = fastest > 0.0 ? cell.epochSeconds / fastest : 1.0;
    return row;
}

} // namespace

std::optional<double> typicalEpochValue(const std::vector<MetricPoint>& perEpoch) {
    std::vector<double> values;
    for (const MetricPoint& point : perEpoch)
        values.push_back(point.value);
    if (values.empty())
        return std::nullopt;
    if (values.size() > 1)
        values.erase(values.begin());
    return median(values);
}

SpeedLedger SpeedLedger::fromStore(const RunStore& store) {
    SpeedLedger ledger;
    const std::vector<TimedRun> runs = timedRuns(store, ledger.m_skipped);
    const bool oneHost = hasOneHost(runs);
    std::map<ExperimentSettings, std::size_t> experimentOfWork;
    std::vector<Experiment> experiments;
    for (const TimedRun& timed : runs) {
        auto [it, added] = experimentOfWork.emplace(timed.work, experiments.size());
        if (added) // listRuns() is newest first: the latest run names the experiment
            experiments.push_back({&it->first, sweepBaseName(timed.run.name), {}});
        experiments[it->second].runsByDevice[deviceLabel(timed.run, oneHost)].push_back(&timed);
    }
    for (const Experiment& experiment : experiments)
        ledger.m_rows.push_back(rowOf(experiment, experiments));
    std::sort(ledger.m_rows.begin(), ledger.m_rows.end(), [](const SpeedRow& a, const SpeedRow& b) {
        return inValueOrder(a.experiment, b.experiment);
    });
    return ledger;
}

std::vector<std::string> SpeedLedger::devices() const {
    std::set<std::string> devices;
    for (const SpeedRow& row : m_rows) {
        for (const SpeedCell& cell : row.cells)
            devices.insert(cell.device);
    }
    return {devices.begin(), devices.end()};
}

} // namespace tb::engine
