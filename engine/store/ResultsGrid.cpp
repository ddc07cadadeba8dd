#include "engine/store/ResultsGrid.h"

#include "engine/config/RunReference.h"
#include "engine/store/ExperimentSettings.h"
#include "engine/store/RunStore.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <yaml-cpp/yaml.h>

namespace tb::engine {
namespace {

constexpr const char* kForecastKind = "csv";

/// Why a finished forecasting run cannot join the grid, phrased for the user.
class LeftOut : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Config fields that leave a run's test figures alone (or, as data.path, are placed by the
/// dataset already): runs differing only in these repeat one experiment.
bool ignoredForResults(const std::string& key) {
    for (const char* exact : {"name", "seed", "device", "threads", "data.path", "data.num_workers",
                              "data.prefetch", "train.checkpoints", "train.log_every",
                              "dist.master_addr", "dist.master_port", "dist.timeout_s"}) {
        if (key == exact)
            return true;
    }
    for (const char* section : {"telemetry.", "cuda."}) {
        if (key.rfind(section, 0) == 0)
            return true;
    }
    return false;
}

/// Fields that only steer training: a run of no epochs (a test of other weights) that differs
/// from another test only in these tested the same.
bool trainingOnly(const std::string& key) {
    for (const char* exact : {"data.flip", "data.crop_padding", "dist.world_size"}) {
        if (key == exact)
            return true;
    }
    for (const char* section : {"optim.", "schedule.", "train."}) {
        if (key.rfind(section, 0) == 0)
            return key != "train.epochs" && key != "train.amp";
    }
    return false;
}

bool testedOnly(const ExperimentSettings& settings) {
    const auto epochs = settings.find("train.epochs");
    return epochs != settings.end() && epochs->second == "0";
}

/// The fields of a run that place it in the grid, and its two numbers.
struct ForecastRun {
    std::string dataset;
    std::string features;
    std::int64_t predLen = 0;
    std::string model;
    ExperimentSettings settings;
    std::int64_t seed = 0;
    double mse = 0.0;
    double mae = 0.0;
};

/// `map[key]`, or an undefined node when `map` is not a map or has no such key. yaml-cpp
/// throws when a missing key's node is inspected or subscripted, so it never escapes here.
YAML::Node child(const YAML::Node& map, const char* key) {
    if (!map.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node value = map[key];
    return value.IsDefined() ? value : YAML::Node(YAML::NodeType::Undefined);
}

/// `section.key` of the stored config, or `key` at the top when `section` is null.
YAML::Node fieldNode(const YAML::Node& root, const char* section, const char* key) {
    return child(section == nullptr ? root : child(root, section), key);
}

std::string fieldName(const char* section, const char* key) {
    return section == nullptr ? key : std::string(section) + '.' + key;
}

std::string requiredText(const YAML::Node& root, const char* section, const char* key) {
    const YAML::Node node = fieldNode(root, section, key);
    if (!node.IsScalar() || node.Scalar().empty())
        throw LeftOut("the stored config has no " + fieldName(section, key));
    return node.Scalar();
}

std::optional<std::int64_t> wholeNumber(const YAML::Node& root, const char* section,
                                        const char* key) {
    const YAML::Node node = fieldNode(root, section, key);
    if (!node.IsDefined() || node.IsNull())
        return std::nullopt;
    const std::string text = node.IsScalar() ? node.Scalar() : std::string();
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        throw LeftOut("the stored config's " + fieldName(section, key) + " is '" + text +
                      "', not a whole number");
    return value;
}

double finalMetric(const std::vector<MetricValue>& metrics, const std::string& name) {
    for (const MetricValue& metric : metrics) {
        if (metric.name != name)
            continue;
        if (!std::isfinite(metric.value))
            throw LeftOut(name + " is " + std::to_string(metric.value) +
                          "; the run diverged, so there is nothing to average");
        return metric.value;
    }
    throw LeftOut("no " + name +
                  " was recorded (the run ended before its test split was "
                  "evaluated)");
}

YAML::Node parsedConfig(const std::string& yamlText) {
    try {
        return YAML::Load(yamlText);
    } catch (const YAML::Exception& e) {
        throw LeftOut("the stored config is not valid YAML (line " +
                      std::to_string(e.mark.line + 1) + ": " + e.msg + ")");
    }
}

/// The run's place in the grid; nullopt for a run that is not finished or not forecasting.
/// Throws LeftOut for a finished forecasting run that cannot be placed.
std::optional<ForecastRun> forecastRun(const RunSummary& summary) {
    if (summary.run.status != RunStatus::Finished)
        return std::nullopt;
    const YAML::Node root = parsedConfig(summary.run.configYaml);
    const YAML::Node kind = fieldNode(root, "data", "kind");
    if (!kind.IsScalar() || kind.Scalar() != kForecastKind)
        return std::nullopt;

    ForecastRun run;
    const std::string path = requiredText(root, "data", "path");
    run.dataset = std::filesystem::path(path).stem().string();
    if (run.dataset.empty())
        throw LeftOut("the stored config's data.path '" + path + "' names no file");
    run.features = requiredText(root, "data", "features");
    const std::optional<std::int64_t> predLen = wholeNumber(root, "data", "pred_len");
    if (!predLen || *predLen <= 0)
        throw LeftOut("the stored config has no positive data.pred_len");
    run.predLen = *predLen;
    run.model = requiredText(root, "model", "name");
    run.settings = experimentSettings(flatConfig(root), ignoredForResults);
    if (testedOnly(run.settings))
        for (auto field = run.settings.begin(); field != run.settings.end();)
            field = trainingOnly(field->first) ? run.settings.erase(field) : std::next(field);
    run.seed = wholeNumber(root, nullptr, "seed").value_or(summary.run.seed);
    run.mse = finalMetric(summary.finalMetrics, "test/mse");
    run.mae = finalMetric(summary.finalMetrics, "test/mae");
    return run;
}

struct Sample {
    std::int64_t runId = 0;
    std::int64_t seed = 0;
    double mse = 0.0;
    double mae = 0.0;
};

/// Runs left out for one reason, in listing order.
struct LeftOutRuns {
    std::string name;
    std::string reason;
    std::vector<std::int64_t> ids;
};

/// "run 7 (dlinear-etth1-96): why", or for many "runs 9, 8, 7 and 40 more (...): why".
std::string leftOutLine(const LeftOutRuns& runs) {
    constexpr std::size_t kNamed = 3;
    std::string ids;
    const std::size_t named = runs.ids.size() <= kNamed + 1 ? runs.ids.size() : kNamed;
    for (std::size_t i = 0; i < named; ++i)
        ids += (i == 0                     ? ""
                : i + 1 == runs.ids.size() ? " and "
                                           : ", ") +
               std::to_string(runs.ids[i]);
    if (named < runs.ids.size())
        ids += " and " + std::to_string(runs.ids.size() - named) + " more";
    return (runs.ids.size() == 1 ? "run " : "runs ") + ids + " (" + runs.name + "): " + runs.reason;
}

/// One line per run name and reason: a workspace of a thousand runs stopped before their test
/// says so once.
std::vector<std::string>
leftOutLines(const std::vector<std::pair<const RunRecord*, std::string>>& leftOut) {
    std::vector<LeftOutRuns> groups;
    std::map<std::pair<std::string, std::string>, std::size_t> groupOf;
    for (const auto& [run, reason] : leftOut) {
        const auto [at, added] = groupOf.emplace(std::pair(run->name, reason), groups.size());
        if (added)
            groups.push_back({run->name, reason, {}});
        groups[at->second].ids.push_back(run->id);
    }
    std::vector<std::string> lines;
    for (const LeftOutRuns& group : groups)
        lines.push_back(leftOutLine(group));
    return lines;
}

/// Dataset, features, horizon and model: the cells of one key are one model's experiments on
/// one dataset and horizon.
using CellKey = std::tuple<std::string, std::string, std::int64_t, std::string>;

ResultsCell cellOf(const CellKey& key, std::string variant, std::vector<Sample> samples) {
    // By run id, so the sums (and so the last digits) do not depend on the listing order.
    std::sort(samples.begin(), samples.end(),
              [](const Sample& a, const Sample& b) { return a.runId < b.runId; });
    ResultsCell cell;
    std::tie(cell.dataset, cell.features, cell.predLen, cell.model) = key;
    cell.variant = std::move(variant);
    std::vector<double> mses;
    std::vector<double> maes;
    for (const Sample& sample : samples) {
        cell.runIds.push_back(sample.runId);
        cell.seeds.push_back(sample.seed);
        mses.push_back(sample.mse);
        maes.push_back(sample.mae);
    }
    cell.mse = meanStd(mses);
    cell.mae = meanStd(maes);
    return cell;
}

/// A test of another run's weights (no epochs trained) is never taken for a model trained on
/// the data of its row: its cell names the weights even where nothing else differs.
std::set<std::string> alwaysNamed(const ExperimentSettings& settings) {
    if (!testedOnly(settings))
        return {};
    return {"model.init_from", "train.epochs"};
}

/// The dataset the weights a test of other weights (by its model.init_from) were trained on:
/// the first run along its tests that trained, when the grid holds it.
std::optional<std::string> trainedOn(const std::map<std::int64_t, ForecastRun>& runs,
                                     const ForecastRun& test) {
    constexpr int kMostTests = 16; // a longer chain is a loop in a hand-edited workspace
    const ForecastRun* at = &test;
    for (int hops = 0; hops < kMostTests && testedOnly(at->settings); ++hops) {
        const auto weights = at->settings.find("model.init_from");
        const std::optional<RunReference> ref =
            weights == at->settings.end() ? std::nullopt : parseRunReference(weights->second);
        const auto source = ref ? runs.find(ref->runId) : runs.end();
        if (source == runs.end())
            return std::nullopt;
        at = &source->second;
    }
    return testedOnly(at->settings) ? std::nullopt : std::optional<std::string>(at->dataset);
}

/// Names the training data in each test's model.init_from (`run:1 (trained on ETTh1)`): a
/// grid of tests on other data reads as trained-on against tested-on.
void nameTrainingData(std::map<std::int64_t, ForecastRun>& runs) {
    std::vector<std::pair<ForecastRun*, std::string>> named;
    for (auto& [id, run] : runs)
        if (testedOnly(run.settings))
            if (const std::optional<std::string> dataset = trainedOn(runs, run))
                named.emplace_back(&run, *dataset);
    // Only once all are found: a test of a test reads its source's value as it was.
    for (auto& [run, dataset] : named)
        run->settings["model.init_from"] += " (trained on " + dataset + ")";
}

} // namespace

MeanStd meanStd(const std::vector<double>& values) {
    MeanStd result;
    if (values.empty())
        return result;
    double sum = 0.0;
    for (const double value : values)
        sum += value;
    result.mean = sum / static_cast<double>(values.size());
    if (values.size() < 2)
        return result;
    double squares = 0.0;
    for (const double value : values)
        squares += (value - result.mean) * (value - result.mean);
    result.stddev = std::sqrt(squares / static_cast<double>(values.size() - 1));
    return result;
}

ResultsGrid ResultsGrid::fromStore(const RunStore& store) {
    return fromRuns(store.listRuns());
}

ResultsGrid ResultsGrid::fromRuns(const std::vector<RunSummary>& runs) {
    ResultsGrid grid;
    std::map<std::int64_t, ForecastRun> placed;
    std::vector<std::pair<const RunRecord*, std::string>> leftOut;
    for (const RunSummary& summary : runs) {
        try {
            if (std::optional<ForecastRun> run = forecastRun(summary))
                placed.emplace(summary.run.id, std::move(*run));
        } catch (const LeftOut& reason) {
            leftOut.emplace_back(&summary.run, reason.what());
        } catch (const YAML::Exception& e) {
            leftOut.emplace_back(&summary.run,
                                 std::string("the stored config cannot be read: ") + e.what());
        }
    }
    grid.m_skipped = leftOutLines(leftOut);
    nameTrainingData(placed);
    std::map<CellKey, std::map<ExperimentSettings, std::vector<Sample>>> samples;
    for (const auto& [id, run] : placed)
        samples[{run.dataset, run.features, run.predLen, run.model}][run.settings].push_back(
            {id, run.seed, run.mse, run.mae});
    for (auto& [key, experiments] : samples) {
        for (auto& [settings, cellSamples] : experiments) {
            // Tests keep no training fields, so they are told apart from tests, and trained
            // models from trained models.
            std::vector<const ExperimentSettings*> alike;
            for (const auto& [other, runsOf] : experiments)
                if (testedOnly(other) == testedOnly(settings))
                    alike.push_back(&other);
            grid.m_cells.push_back(cellOf(key,
                                          differingFields(settings, alike, alwaysNamed(settings)),
                                          std::move(cellSamples)));
        }
    }
    // A row's cells together: by dataset, features, horizon, then variant (none first), model.
    std::sort(grid.m_cells.begin(), grid.m_cells.end(),
              [](const ResultsCell& a, const ResultsCell& b) {
                  if (std::tie(a.dataset, a.features, a.predLen) !=
                      std::tie(b.dataset, b.features, b.predLen))
                      return std::tie(a.dataset, a.features, a.predLen) <
                             std::tie(b.dataset, b.features, b.predLen);
                  if (a.variant != b.variant)
                      return inValueOrder(a.variant, b.variant);
                  return a.model < b.model;
              });
    return grid;
}

std::vector<std::string> ResultsGrid::models() const {
    std::vector<std::string> names;
    for (const ResultsCell& cell : m_cells)
        names.push_back(cell.model);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

std::vector<ResultsRow> ResultsGrid::rows() const {
    const std::vector<std::string> names = models();
    std::vector<ResultsRow> rows;
    for (const ResultsCell& cell : m_cells) {
        // Cells are sorted by the row's fields first, so a row's cells are adjacent.
        if (rows.empty() || rows.back().dataset != cell.dataset ||
            rows.back().features != cell.features || rows.back().predLen != cell.predLen ||
            rows.back().variant != cell.variant)
            rows.push_back({cell.dataset, cell.features, cell.predLen, cell.variant,
                            std::vector<const ResultsCell*>(names.size(), nullptr)});
        const auto column = std::lower_bound(names.begin(), names.end(), cell.model);
        rows.back().cells[static_cast<std::size_t>(column - names.begin())] = &cell;
    }
    return rows;
}

std::string rowLabel(const ResultsRow& row) {
    return row.features == "M" ? row.dataset : row.dataset + " (" + row.features + ")";
}

} // namespace tb::engine
