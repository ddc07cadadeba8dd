#include "engine/store/RunComparison.h"

#include "engine/store/FlatConfig.h"
#include "engine/store/RunStore.h"
#include "engine/store/SpeedLedger.h"
#include "engine/util/ConfusionMatrix.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string_view>

namespace tb::engine {
namespace {

std::vector<ComparedField> compareConfigs(const std::vector<FlatConfig>& configs) {
    std::vector<ComparedField> fields;
    std::map<std::string, std::size_t> rowOfKey;
    for (std::size_t run = 0; run < configs.size(); ++run) {
        for (const auto& [key, text] : configs[run]) {
            auto [it, added] = rowOfKey.emplace(key, fields.size());
            if (added)
                fields.push_back({key, std::vector<std::string>(configs.size()), false});
            fields[it->second].values[run] = text;
        }
    }
    for (ComparedField& field : fields) {
        field.differs = std::adjacent_find(field.values.begin(), field.values.end(),
                                           std::not_equal_to<>()) != field.values.end();
    }
    return fields;
}

bool endsWith(std::string_view text, std::string_view tail) {
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

enum class Better { Lower, Higher, Neither };

Better betterDirection(const std::string& name) {
    // Settings (a learning rate, fp16's loss scale) and diagnoses (the gradient's norm, the
    // share of an epoch spent waiting for data) are not scores.
    for (const std::string_view setting : {"lr", "loss_scale", "grad_norm", "data_wait"})
        if (name == setting || endsWith(name, "/" + std::string(setting)))
            return Better::Neither;
    if (endsWith(name, "accuracy") || endsWith(name, "macro_f1") || endsWith(name, "samples_per_s"))
        return Better::Higher;
    return Better::Lower;
}

int bestRun(const ComparedMetric& metric, Better better) {
    if (better == Better::Neither)
        return -1;
    int best = -1;
    int present = 0;
    bool tie = false;
    for (std::size_t i = 0; i < metric.values.size(); ++i) {
        if (!metric.values[i])
            continue;
        ++present;
        const double value = *metric.values[i];
        if (best < 0) {
            best = static_cast<int>(i);
            continue;
        }
        const double current = *metric.values[static_cast<std::size_t>(best)];
        if (value == current) {
            tie = true;
        } else if ((better == Better::Lower) == (value < current)) {
            best = static_cast<int>(i);
            tie = false;
        }
    }
    return present >= 2 && !tie ? best : -1;
}

int bestRun(const ComparedMetric& metric) {
    return bestRun(metric, betterDirection(metric.name));
}

std::vector<ComparedMetric> compareMetrics(const std::vector<std::vector<MetricValue>>& finals) {
    std::map<std::string, ComparedMetric> byName;
    for (std::size_t run = 0; run < finals.size(); ++run) {
        for (const MetricValue& m : finals[run]) {
            ComparedMetric& metric = byName[m.name];
            metric.name = m.name;
            metric.values.resize(finals.size());
            metric.values[run] = m.value;
        }
    }
    std::vector<ComparedMetric> metrics;
    for (auto& [name, metric] : byName) {
        metric.best = bestRun(metric);
        metrics.push_back(std::move(metric));
    }
    std::stable_sort(metrics.begin(), metrics.end(),
                     [](const ComparedMetric& a, const ComparedMetric& b) {
                         return metricShownBefore(a.name, b.name);
                     });
    return metrics;
}

ComparedMetric typicalEpochs(const std::vector<std::vector<MetricPoint>>& series,
                             const char* name) {
    ComparedMetric metric{name, {}, -1};
    for (const std::vector<MetricPoint>& perEpoch : series)
        metric.values.push_back(typicalEpochValue(perEpoch));
    metric.best = bestRun(metric);
    return metric;
}

std::vector<std::vector<MetricPoint>>
seriesOfRuns(const RunStore& store, const std::vector<std::int64_t>& runIds, const char* name) {
    std::vector<std::vector<MetricPoint>> series;
    for (const std::int64_t id : runIds)
        series.push_back(store.metricSeries(id, name));
    return series;
}

std::optional<ComparedSpeed> compareSpeed(const RunStore& store,
                                          const std::vector<std::int64_t>& runIds) {
    const auto durations = seriesOfRuns(store, runIds, kEpochDurationMetric);
    ComparedSpeed speed{
        typicalEpochs(durations, kEpochDurationMetric),
        typicalEpochs(seriesOfRuns(store, runIds, kEpochSamplesPerSecMetric),
                      kEpochSamplesPerSecMetric),
        typicalEpochs(seriesOfRuns(store, runIds, kEpochDataWaitMetric), kEpochDataWaitMetric),
        {}};
    for (const std::vector<MetricPoint>& perEpoch : durations)
        speed.firstEpochOnly.push_back(perEpoch.size() == 1);
    const auto& seconds = speed.epochSeconds.values;
    if (std::none_of(seconds.begin(), seconds.end(), [](const auto& s) { return s.has_value(); }))
        return std::nullopt;
    return speed;
}

/// The confusion matrix run `id`'s test saved, if it saved one that can be read.
std::optional<ConfusionMatrix> savedConfusion(const RunStore& store, std::int64_t id,
                                              std::vector<std::string>& notes) {
    const std::optional<ArtifactRecord> artifact = store.latestArtifact(id, "confusion");
    if (!artifact)
        return std::nullopt;
    try {
        return ConfusionMatrix::readCsvFile(artifact->path);
    } catch (const std::runtime_error& e) {
        notes.push_back("run " + std::to_string(id) + " has no F1 per class: " + e.what());
        return std::nullopt;
    }
}

std::vector<ComparedMetric> compareClassF1(const RunStore& store,
                                           const std::vector<std::int64_t>& runIds,
                                           std::vector<std::string>& notes) {
    std::vector<ComparedMetric> classes;
    std::map<std::string, std::size_t> rowOfClass;
    for (std::size_t run = 0; run < runIds.size(); ++run) {
        const std::optional<ConfusionMatrix> matrix = savedConfusion(store, runIds[run], notes);
        if (!matrix)
            continue;
        for (int c = 0; c < matrix->classCount(); ++c) {
            const std::string& name = matrix->classNames()[static_cast<std::size_t>(c)];
            auto [it, added] = rowOfClass.emplace(name, classes.size());
            if (added)
                classes.push_back({name, std::vector<std::optional<double>>(runIds.size()), -1});
            classes[it->second].values[run] = matrix->f1(c);
        }
    }
    for (ComparedMetric& metric : classes)
        metric.best = bestRun(metric, Better::Higher);
    return classes;
}

int metricGroup(const std::string& name) {
    if (endsWith(name, "/lr"))
        return 4;
    if (name.rfind("test/", 0) == 0)
        return 0;
    if (name.rfind("val/", 0) == 0)
        return 1;
    if (name.rfind("train/", 0) == 0)
        return 2;
    return 3;
}

} // namespace

std::optional<double> ComparedSpeed::timesFastest(std::size_t run) const {
    const auto& seconds = epochSeconds.values;
    std::optional<double> fastest;
    for (const std::optional<double>& s : seconds)
        if (s && *s > 0.0 && (!fastest || *s < *fastest))
            fastest = s;
    if (!fastest || run >= seconds.size() || !seconds[run])
        return std::nullopt;
    return *seconds[run] / *fastest;
}

std::vector<const ComparedField*> RunComparison::differingFields() const {
    std::vector<const ComparedField*> differing;
    for (const ComparedField& field : config) {
        if (field.differs)
            differing.push_back(&field);
    }
    return differing;
}

RunComparison compareRuns(const RunStore& store, const std::vector<std::int64_t>& runIds) {
    RunComparison comparison;
    std::vector<FlatConfig> configs;
    std::vector<std::vector<MetricValue>> finals;
    for (const std::int64_t id : runIds) {
        std::optional<RunRecord> run = store.run(id);
        if (!run)
            throw StoreError("no run " + std::to_string(id) + " in " + store.path());
        configs.push_back(flatConfig(*run, comparison.notes));
        finals.push_back(store.finalMetrics(id));
        comparison.runs.push_back(std::move(*run));
    }
    comparison.config = compareConfigs(configs);
    comparison.metrics = compareMetrics(finals);
    comparison.speed = compareSpeed(store, runIds);
    comparison.classF1 = compareClassF1(store, runIds, comparison.notes);
    return comparison;
}

bool metricShownBefore(const std::string& a, const std::string& b) {
    const int ga = metricGroup(a);
    const int gb = metricGroup(b);
    return ga != gb ? ga < gb : a < b;
}

} // namespace tb::engine
