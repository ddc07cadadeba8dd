#include "engine/training/RunCheckpoint.h"

#include "engine/config/ConfigYaml.h"
#include "engine/store/RunStore.h"
#include "engine/training/Checkpoint.h"
#include "engine/training/ExperimentSchema.h"

#include <filesystem>

namespace tb::engine {
namespace {

/// How many test-only runs a lookup follows to the weights they tested: a chain that long is
/// a loop (a hand-edited workspace), not a user's history.
constexpr int kMaxTestedHops = 16;

/// `via`, the tests of other weights a lookup went through ("run 9 trained no epoch: it tested
/// the weights of run:7, which tested those of run:4"), then what stopped it.
std::string throughTests(const std::string& via, const std::string& problem) {
    return via.empty() ? problem : via + ", but " + problem;
}

std::optional<RunCheckpoint> initialCheckpoint(const std::string& initFrom,
                                               const std::string& databasePath,
                                               std::string& problem, int hops,
                                               const std::string& via);

std::string checkpointOrigin(const RunReference& ref, const ArtifactRecord& artifact) {
    const std::string run = "run " + std::to_string(ref.runId);
    if (artifact.kind == "best")
        return run + "'s best epoch (epoch " + std::to_string(artifact.epoch) + ")";
    return run + "'s last checkpoint (epoch " + std::to_string(artifact.epoch) + ", step " +
           std::to_string(artifact.step) + ")";
}

/// The model.init_from of a run that trained no epoch (train.epochs 0); empty for any other
/// run, or one whose config this Trainbench cannot read.
std::string testedInitFrom(const RunRecord& run) {
    const ConfigParseResult parsed = parseConfigYaml(run.configYaml, experimentSchema());
    if (!parsed.issues.empty() || parsed.config.getInt("train.epochs") != 0)
        return {};
    return parsed.config.getString("model.init_from");
}

/// A test-only run saved no checkpoint: the weights it tested are those its model.init_from
/// names, found the same way (they may be another test's).
std::optional<RunCheckpoint> testedCheckpoint(std::int64_t runId, const std::string& initFrom,
                                              const std::string& databasePath, std::string& problem,
                                              int hops, const std::string& via) {
    const std::string run = "run " + std::to_string(runId);
    if (hops >= kMaxTestedHops) {
        problem = run + "'s model.init_from leads through more than " +
                  std::to_string(kMaxTestedHops) + " runs that trained no epoch";
        return std::nullopt;
    }
    const std::string tested = via.empty()
                                   ? run + " trained no epoch: it tested the weights of " + initFrom
                                   : via + ", which tested those of " + initFrom;
    std::optional<RunCheckpoint> file =
        initialCheckpoint(initFrom, databasePath, problem, hops + 1, tested);
    if (file && !std::filesystem::exists(file->path)) {
        problem = throughTests(tested, file->path + " is not there any more");
        return std::nullopt;
    }
    if (file)
        file->origin = run + ", which tested " + file->origin;
    return file;
}

std::optional<RunCheckpoint> runCheckpoint(const RunReference& ref, const std::string& databasePath,
                                           std::string& problem, int hops, const std::string& via) {
    const std::string run = "run " + std::to_string(ref.runId);
    std::optional<ArtifactRecord> chosen;
    std::string tested;
    try {
        const RunStore store = RunStore::openForReading(databasePath);
        const std::optional<RunRecord> record = store.run(ref.runId);
        if (!record) {
            problem = throughTests(via, run + " is not in " + databasePath);
            return std::nullopt;
        }
        if (ref.kind != "last")
            chosen = store.latestArtifact(ref.runId, "best");
        if (!chosen && ref.kind != "best")
            chosen = store.latestArtifact(ref.runId, "last");
        if (!chosen)
            tested = testedInitFrom(*record);
    } catch (const StoreError& e) {
        problem = throughTests(via, e.what());
        return std::nullopt;
    }
    if (!tested.empty())
        return testedCheckpoint(ref.runId, tested, databasePath, problem, hops, via);
    const std::string which = ref.kind.empty() ? "" : ref.kind + " ";
    if (!chosen) {
        problem = throughTests(
            via, run + " saved no " + which +
                     "checkpoint (train.checkpoints was off, or it ended before its first "
                     "epoch did)");
        return std::nullopt;
    }
    if (!std::filesystem::exists(chosen->path)) {
        problem = throughTests(via, run + "'s checkpoint " + missingCheckpointText(chosen->path));
        return std::nullopt;
    }
    return RunCheckpoint{chosen->path, checkpointOrigin(ref, *chosen)};
}

std::optional<RunCheckpoint> initialCheckpoint(const std::string& initFrom,
                                               const std::string& databasePath,
                                               std::string& problem, int hops,
                                               const std::string& via) {
    const std::optional<RunReference> ref = parseRunReference(initFrom);
    if (!ref)
        return RunCheckpoint{initFrom, "checkpoint " + initFrom};
    return runCheckpoint(*ref, databasePath, problem, hops, via);
}

} // namespace

std::optional<RunCheckpoint>
findRunCheckpoint(const RunReference& ref, const std::string& databasePath, std::string& problem) {
    return runCheckpoint(ref, databasePath, problem, 0, {});
}

std::optional<RunCheckpoint> findInitialCheckpoint(const std::string& initFrom,
                                                   const std::string& databasePath,
                                                   std::string& problem) {
    return initialCheckpoint(initFrom, databasePath, problem, 0, {});
}

} // namespace tb::engine
