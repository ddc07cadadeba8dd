#include "engine/training/InitialWeights.h"

#include "engine/config/RunReference.h"
#include "engine/data/InputRecipeFile.h"
#include "engine/store/RunStore.h"
#include "engine/training/RunCheckpoint.h"
#include "engine/training/TrainingFailure.h"
#include "engine/training/WeightTransfer.h"

#include <algorithm>
#include <filesystem>

namespace tb::engine {
namespace {

constexpr const char* kInitField = "model.init_from";

/// A file's path was checked by preflightConfig; a run reference is looked up here.
std::optional<RunCheckpoint> weightsFile(const std::string& value, const std::string& databasePath,
                                         ConfigIssues& issues) {
    std::string problem;
    std::optional<RunCheckpoint> found = findInitialCheckpoint(value, databasePath, problem);
    if (!found)
        issues.push_back({kInitField, problem + "; name another run of this workspace (its id in "
                                                "the runs list) or a checkpoint file"});
    return found;
}

/// The classes, or else the CSV columns, in the order `data` gives its samples them.
std::vector<std::string> inputNames(const DataSplits& data) {
    return data.task == "classification" ? data.classNames : data.recipe.columns;
}

/// The inputs of run `runId` as its inputs.yaml records them; none where it kept none.
std::optional<DataSplits> recordedInputs(std::int64_t runId, const std::string& databasePath) {
    try {
        const std::optional<ArtifactRecord> recipe =
            RunStore::openForReading(databasePath).latestArtifact(runId, kInputRecipeKind);
        if (recipe && std::filesystem::exists(recipe->path))
            return readInputRecipe(recipe->path);
    } catch (const std::exception&) {
        // An unreadable workspace or file: initializeWeights says what it can.
    }
    return std::nullopt;
}

} // namespace

void checkTestedInputs(const Config& config, const DataSplits& data,
                       const std::string& databasePath, ConfigIssues& issues) {
    const std::optional<RunReference> ref = parseRunReference(config.getString(kInitField));
    if (config.getInt("train.epochs") > 0 || !ref)
        return;
    const std::optional<DataSplits> source = recordedInputs(ref->runId, databasePath);
    if (!source)
        return;
    const std::vector<std::string> trained = inputNames(*source);
    const std::vector<std::string> here = inputNames(data);
    if (trained.empty() || trained == here)
        return;
    const bool classes = data.task == "classification";
    const std::string run = "run " + std::to_string(ref->runId) + "'s weights ";
    const std::string fix = classes ? "test on data with the same classes in the same order (an "
                                      "image folder's classes are its folder names, sorted)"
                                    : "test on a CSV with the same columns (data.target last)";
    if (trained.size() != here.size()) {
        issues.push_back({kInitField, run + "were trained on " + std::to_string(trained.size()) +
                                          (classes ? " classes" : " columns") + "; this data has " +
                                          std::to_string(here.size()) + ": " + fix});
        return;
    }
    std::size_t first = trained.size();
    std::size_t differing = 0;
    for (std::size_t i = 0; i < trained.size(); ++i)
        if (trained[i] != here[i]) {
            first = std::min(first, i);
            ++differing;
        }
    const std::string what = classes ? "class " : "column ";
    issues.push_back({kInitField, run + "give their " + (classes ? "outputs" : "channels") +
                                      " other " + (classes ? "classes" : "columns") + ": " + what +
                                      std::to_string(first) + " is " + trained[first] + " there, " +
                                      here[first] + " here (" + std::to_string(differing) + " of " +
                                      std::to_string(trained.size()) +
                                      " differ), so each would be scored against another; " + fix});
}

std::string initializeWeights(torch::nn::Module& model, const Config& config,
                              const std::string& databasePath, ConfigIssues& issues) {
    const std::string value = config.getString(kInitField);
    if (value.empty())
        return {};
    const std::optional<RunCheckpoint> file = weightsFile(value, databasePath, issues);
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
    const std::size_t total = transfer.taken.size() + transfer.leftOut().size();
    if (transfer.taken.empty()) {
        issues.push_back({kInitField, file->origin + " holds none of the " + std::to_string(total) +
                                          " weights of this " + config.getString("model.name") +
                                          " model; it was saved by another model"});
        return {};
    }
    if (!transfer.complete() && config.getBool("model.init_strict")) {
        issues.push_back({kInitField, file->origin +
                                          " does not fit this model: " + transfer.someLeftOut() +
                                          "; start from a run of the same model and sizes, or "
                                          "set model.init_strict to false to start those "
                                          "weights afresh"});
        return {};
    }
    std::string note = "initial weights from " + file->origin + ": " +
                       std::to_string(transfer.taken.size()) + " of " + std::to_string(total);
    if (!transfer.complete())
        note += "; started afresh: " + transfer.someLeftOut();
    return note;
}

} // namespace tb::engine
