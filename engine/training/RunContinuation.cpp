#include "engine/training/RunContinuation.h"

#include "engine/training/Checkpoint.h"
#include "engine/training/TrainingFailure.h"
#include "engine/util/Environment.h"

#include <filesystem>

namespace tb::engine {
namespace {

std::string epochsText(std::int64_t n) {
    return std::to_string(n) + (n == 1 ? " epoch" : " epochs");
}

} // namespace

std::optional<Continuation> findContinuation(const RunStore& store, std::int64_t runId,
                                             const Config& config, ConfigIssues& issues) {
    const std::string run = "run " + std::to_string(runId);
    const auto refuse = [&](const std::string& field, const std::string& why) {
        issues.push_back({field, run + " " + why});
        return std::nullopt;
    };
    const std::optional<RunRecord> record = store.run(runId);
    if (!record)
        return refuse("", "is not in " + store.path());
    if (!hasEnded(record->status))
        return refuse("", "has not ended (it is training, paused, or was never started); stop it "
                          "first or wait for it to end");
    // A copy merged from another machine: continued here, it would be this machine's run, and
    // the next merge of the server's file would bring the server's run in beside it.
    if (record->pid == 0 && !record->host.empty() && record->host != hostName())
        return refuse("", "was trained on " + record->host +
                              " and merged into this workspace; continue it in the workspace it "
                              "was trained in, there, and merge that file again");
    // The newest `last` checkpoint holds where the run stopped.
    const std::optional<ArtifactRecord> last = store.latestArtifact(runId, "last");
    if (!last)
        return refuse("", "saved no checkpoint to go on from (train.checkpoints was off, it "
                          "trained no epoch, or it ended before its first one); train its config "
                          "again");
    if (!std::filesystem::exists(last->path))
        return refuse("", "cannot go on: its checkpoint " + missingCheckpointText(last->path));
    std::optional<ResumePoint> point;
    try {
        point = readResumePoint(readCheckpointBytes(last->path));
    } catch (const std::exception& e) {
        return refuse("", "cannot go on: its checkpoint " + last->path + " cannot be read (" +
                              firstLineOf(e) + ")");
    }
    if (!point)
        return refuse("", "cannot go on: its last checkpoint holds weights only (saved by a "
                          "Trainbench from before runs could be continued); train its config "
                          "again");
    const std::int64_t trained = point->epoch - 1;
    const std::int64_t epochs = config.getInt("train.epochs");
    if (record->status == RunStatus::Finished) {
        const std::int64_t patience = config.getInt("train.early_stop.patience");
        if (patience > 0 && point->earlyStopping.badRounds >= patience)
            return refuse("train.early_stop.patience",
                          "ended by early stopping: its validation had not improved for " +
                              std::to_string(patience) + " validations, and would stop again");
        if (trained >= epochs)
            return refuse("train.epochs", "finished its " + epochsText(trained) +
                                              "; give it more epochs to train it longer");
    }
    const std::int64_t reached = point->batchInEpoch > 0 ? point->epoch : trained;
    if (reached > epochs)
        return refuse("train.epochs", "has reached epoch " + std::to_string(reached) +
                                          " already; give it at least that many epochs");
    return Continuation{last->path, *point};
}

} // namespace tb::engine
