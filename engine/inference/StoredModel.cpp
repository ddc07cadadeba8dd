#include "engine/inference/StoredModel.h"

#include "engine/config/ConfigYaml.h"
#include "engine/data/DataError.h"
#include "engine/data/InputRecipeFile.h"
#include "engine/devices/DeviceInfo.h"
#include "engine/devices/TorchDevice.h"
#include "engine/inference/Prediction.h"
#include "engine/models/ModelRegistry.h"
#include "engine/store/RunStore.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/training/RandomStream.h"
#include "engine/training/RunCheckpoint.h"
#include "engine/training/TrainingFailure.h"
#include "engine/training/WeightTransfer.h"

#include <filesystem>

namespace tb::engine {
namespace {

using Kind = PredictionError::Kind;

Config runConfig(const RunStore& store, std::int64_t runId) {
    const std::optional<RunRecord> run = store.run(runId);
    if (!run)
        throw PredictionError(Kind::NoRun, "no run " + std::to_string(runId) + " in " +
                                               store.path() + " (trainbench-cli runs lists them)");
    ConfigParseResult parsed = parseConfigYaml(run->configYaml, experimentSchema());
    if (!parsed.issues.empty())
        throw PredictionError(Kind::Unusable, "the config of run " + std::to_string(runId) +
                                                  " is not valid in this Trainbench:\n" +
                                                  formatIssues(parsed.issues));
    return parsed.config;
}

/// The run's inputs.yaml; a run from before runs kept one has its training data read again.
DataSplits modelInputs(const RunStore& store, std::int64_t runId, const Config& config,
                       std::vector<std::string>& notes) {
    const std::optional<ArtifactRecord> recipe = store.latestArtifact(runId, kInputRecipeKind);
    try {
        if (recipe && std::filesystem::exists(recipe->path))
            return readInputRecipe(recipe->path);
        notes.push_back("run " + std::to_string(runId) + " kept no " + kInputRecipeFile +
                        ": its inputs are scaled as its training data scales them now");
        DataSplits splits = loadDataSplits(config);
        splits.train = splits.val = splits.test = nullptr;
        return splits;
    } catch (const DataError& e) {
        throw PredictionError(Kind::Unusable, "how run " + std::to_string(runId) +
                                                  " scales its inputs is unknown: " + e.what());
    }
}

c10::Device usableDevice(const std::string& id) {
    std::string reason;
    if (!deviceUsable(id, reason))
        throw PredictionError(Kind::Unusable,
                              id + " cannot be used: " + reason +
                                  "; pick another device (trainbench-cli devices lists them)");
    return torchDevice(id);
}

/// The weights run `runId`'s test used: its checkpoint `checkpoint` names, or for a run that
/// trained no epoch (train.epochs 0), those its model.init_from names.
RunCheckpoint testedWeights(std::int64_t runId, const std::string& checkpoint,
                            const std::string& databasePath) {
    std::string problem;
    if (std::optional<RunCheckpoint> file =
            findRunCheckpoint({runId, checkpoint}, databasePath, problem))
        return *file;
    throw PredictionError(Kind::Unusable, problem + "; pick another run");
}

/// Whether the run tested weights of which some started afresh (model.init_strict off): those
/// are rebuilt from its seed as the run built them, since no file kept them.
bool partlyFresh(const Config& config) {
    return config.getInt("train.epochs") == 0 && !config.getBool("model.init_strict");
}

std::shared_ptr<Model> trainedModel(const Config& config, const DataSplits& inputs,
                                    const RunCheckpoint& checkpoint) {
    const std::string name = config.getString("model.name");
    const ModelFamily* family = findModelFamily(name);
    if (!family)
        throw PredictionError(Kind::Unusable, "this Trainbench has no model '" + name + "'");
    // As the run built it: what a partly fresh test did not take started from its seed.
    RandomStream random(static_cast<std::uint64_t>(config.getInt("seed")), torch::kCPU);
    std::shared_ptr<Model> model;
    {
        const RandomStream::Turn turn(random);
        model = family->build(config, inputs);
    }
    WeightTransfer transfer;
    try {
        transfer = transferWeights(*model, checkpoint.path);
    } catch (const std::exception& e) {
        throw PredictionError(Kind::Unusable, checkpoint.origin + " cannot be read (" +
                                                  firstLineOf(e) + "); " + checkpoint.path +
                                                  " is damaged");
    }
    if (!transfer.complete() && !(partlyFresh(config) && !transfer.taken.empty()))
        throw PredictionError(
            Kind::Unusable,
            checkpoint.origin + " does not fit the " + name + " model its config describes (" +
                std::to_string(transfer.absent.size() + transfer.mismatched.size()) +
                " weights missing or of another shape); it was not saved by "
                "this run");
    return model;
}

} // namespace

StoredModel loadStoredModel(const std::string& databasePath, std::int64_t runId,
                            const std::string& checkpoint, const std::string& device) {
    const RunStore store = RunStore::openForReading(databasePath);
    Config config = runConfig(store, runId);
    const c10::Device onDevice = usableDevice(device);
    const RunCheckpoint file = testedWeights(runId, checkpoint, databasePath);
    std::vector<std::string> notes;
    DataSplits inputs = modelInputs(store, runId, config, notes);
    std::shared_ptr<Model> model = trainedModel(config, inputs, file);
    model->to(onDevice);
    model->eval();
    return {std::move(config), std::move(inputs), std::move(model),
            onDevice,          file.origin,       std::move(notes)};
}

} // namespace tb::engine
