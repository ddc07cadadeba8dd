#include "engine/training/RunCheckpoint.h"

#include "engine/store/RunStore.h"
#include "engine/training/Checkpoint.h"

#include <filesystem>

namespace tb::engine {
namespace {

std::string checkpointOrigin(const RunReference& ref, const ArtifactRecord& artifact) {
    const std::string run = "run " + std::to_string(ref.runId);
    if (artifact.kind == "best")
        return run + "'s best epoch (epoch " + std::to_string(artifact.epoch) + ")";
    return run + "'s last checkpoint (epoch " + std::to_string(artifact.epoch) + ", step " +
           std::to_string(artifact.step) + ")";
}

} // namespace

std::optional<RunCheckpoint>
findRunCheckpoint(const RunReference& ref, const std::string& databasePath, std::string& problem) {
    const std::string run = "run " + std::to_string(ref.runId);
    std::optional<ArtifactRecord> chosen;
    try {
        const RunStore store = RunStore::openForReading(databasePath);
        if (!store.run(ref.runId)) {
            problem = run + " is not in " + databasePath;
            return std::nullopt;
        }
        if (ref.kind != "last")
            chosen = store.latestArtifact(ref.runId, "best");
        if (!chosen && ref.kind != "best")
            chosen = store.latestArtifact(ref.runId, "last");
    } catch (const StoreError& e) {
        problem = e.what();
        return std::nullopt;
    }
    const std::string which = ref.kind.empty() ? "" : ref.kind + " ";
    if (!chosen) {
        problem =
            run + " saved no " + which +
            "checkpoint (train.checkpoints was off, it trained no epoch, or it ended before its "
            "first epoch did)";
        return std::nullopt;
    }
    if (!std::filesystem::exists(chosen->path)) {
        problem = run + "'s checkpoint " + missingCheckpointText(chosen->path);
        return std::nullopt;
    }
    return RunCheckpoint{chosen->path, checkpointOrigin(ref, *chosen)};
}

std::optional<RunCheckpoint> findInitialCheckpoint(const std::string& initFrom,
                                                   const std::string& databasePath,
                                                   std::string& problem) {
    const std::optional<RunReference> ref = parseRunReference(initFrom);
    if (!ref)
        return RunCheckpoint{initFrom, "checkpoint " + initFrom};
    return findRunCheckpoint(*ref, databasePath, problem);
}

} // namespace tb::engine
