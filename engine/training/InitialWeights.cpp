#include "engine/training/InitialWeights.h"

#include "engine/config/RunReference.h"
#include "engine/store/RunStore.h"
#include "engine/training/Checkpoint.h"
#include "engine/training/TrainingFailure.h"
#include "engine/training/WeightTransfer.h"

#include <filesystem>

namespace tb::engine {
namespace {

constexpr const char* kInitField = "model.init_from";

/// A checkpoint file and how the run's log names it.
struct WeightsFile {
    std::string path;
    std::string origin; ///< "run 12's best epoch (epoch 7)", "checkpoint /x/best.pt"
};

std::string originOf(const RunReference& ref, const ArtifactRecord& artifact) {
    const std::string run = "run " + std::to_string(ref.runId);
    if (artifact.kind == "best")
        return run + "'s best epoch (epoch " + std::to_string(artifact.epoch) + ")";
    return run + "'s last checkpoint (epoch " + std::to_string(artifact.epoch) + ", step " +
           std::to_string(artifact.step) + ")";
}

std::optional<WeightsFile> runCheckpoint(const RunReference& ref, const std::string& databasePath,
                                         ConfigIssues& issues) {
    const std::string run = "run " + std::to_string(ref.runId);
    const auto refuse = [&](const std::string& why) {
        issues.push_back({kInitField, why});
        return std::nullopt;
    };
    std::optional<ArtifactRecord> chosen;
    try {
        const RunStore store = RunStore::openForReading(databasePath);
        if (!store.run(ref.runId))
            return refuse(run + " is not in " + databasePath +
                          "; name a run of this workspace (its id in the runs list) or a "
                          "checkpoint file");
        if (ref.kind != "last")
            chosen = store.latestArtifact(ref.runId, "best");
        if (!chosen && ref.kind != "best")
            chosen = store.latestArtifact(ref.runId, "last");
    } catch (const StoreError& e) {
        return refuse(e.what());
    }
    const std::string which = ref.kind.empty() ? "" : ref.kind + " ";
    if (!chosen)
        return refuse(run + " saved no " + which +
                      "checkpoint (train.checkpoints was off, or it ended before its first "
                      "epoch did); pick another run or a checkpoint file");
    if (!std::filesystem::exists(chosen->path))
        return refuse(run + "'s checkpoint " + missingCheckpointText(chosen->path) +
                      "; pick another run or a checkpoint file");
    return WeightsFile{chosen->path, originOf(ref, *chosen)};
}

/// A file's path was checked by preflightConfig; a run reference is looked up here.
std::optional<WeightsFile> weightsFile(const std::string& value, const std::string& databasePath,
                                       ConfigIssues& issues) {
    if (const std::optional<RunReference> ref = parseRunReference(value))
        return runCheckpoint(*ref, databasePath, issues);
    return WeightsFile{value, "checkpoint " + value};
}

/// "a, b, c and 4 more"
std::string someOf(const std::vector<std::string>& names) {
    constexpr std::size_t kShown = 3;
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < kShown; ++i)
        text += (i == 0 ? "" : "; ") + names[i];
    if (names.size() > kShown)
        text += " and " + std::to_string(names.size() - kShown) + " more";
    return text;
}

/// The weights that did not come over, the differing shapes first.
std::vector<std::string> leftOut(const WeightTransfer& transfer) {
    std::vector<std::string> names = transfer.mismatched;
    for (const std::string& name : transfer.absent)
        names.push_back(name + " (not there)");
    return names;
}

} // namespace

std::string initializeWeights(torch::nn::Module& model, const Config& config,
                              const std::string& databasePath, ConfigIssues& issues) {
    const std::string value = config.getString(kInitField);
    if (value.empty())
        return {};
    const std::optional<WeightsFile> file = weightsFile(value, databasePath, issues);
    if (!file)
        return {};
    WeightTransfer transfer;
    try {
        transfer = transferWeights(model, file->path);
    } catch (const std::exception& e) {
        issues.push_back({kInitField, file->origin + " cannot be read (" + firstLineOf(e) +
                                          "); is it a whole checkpoint saved by Trainbench?"});
        return {};
    }
    const std::size_t total = transfer.taken.size() + leftOut(transfer).size();
    if (transfer.taken.empty()) {
        issues.push_back({kInitField, file->origin + " holds none of the " + std::to_string(total) +
                                          " weights of this " + config.getString("model.name") +
                                          " model; it was saved by another model"});
        return {};
    }
    if (!transfer.complete() && config.getBool("model.init_strict")) {
        issues.push_back({kInitField, file->origin +
                                          " does not fit this model: " + someOf(leftOut(transfer)) +
                                          "; start from a run of the same model and sizes, or "
                                          "set model.init_strict to false to start those "
                                          "weights afresh"});
        return {};
    }
    std::string note = "initial weights from " + file->origin + ": " +
                       std::to_string(transfer.taken.size()) + " of " + std::to_string(total);
    if (!transfer.complete())
        note += "; started afresh: " + someOf(leftOut(transfer));
    return note;
}

} // namespace tb::engine
