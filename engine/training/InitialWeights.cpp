#include "engine/training/InitialWeights.h"

#include "engine/training/RunCheckpoint.h"
#include "engine/training/TrainingFailure.h"
#include "engine/training/WeightTransfer.h"

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
