// The training loop of one run, executed on the engine thread.
#pragma once

#include "engine/config/Config.h"
#include "engine/data/DataSplits.h"
#include "engine/events/Event.h"
#include "engine/models/Model.h"
#include "engine/training/DataParallel.h"
#include "engine/training/EventPublisher.h"
#include "engine/training/RandomStream.h"
#include "engine/training/RunCommands.h"
#include "engine/training/TrainingState.h"

#include <memory>
#include <optional>
#include <string>

namespace tb::engine {

/// Everything a run needs, prepared by RunController before the engine thread starts.
struct TrainerSetup {
    Config config;
    DataSplits data;
    std::shared_ptr<Model> model;
    std::string device;      ///< `cpu`, `cuda:0`
    std::string artifactDir; ///< where checkpoints go; empty: none
    /// Data-parallel: the group this process joins before training; none: train alone.
    std::optional<ProcessGroupSpec> group;
    /// A stopped run going on from its checkpoint; none: a new run. For a data-parallel
    /// process other than 0, an empty one: process 0 gives it the checkpoint.
    std::optional<Continuation> continued;
    /// Where model.init_from's weights came from, for the log; empty: initialised afresh.
    std::string weightsOrigin;
    /// What the run draws from, where building the model left it.
    RandomStream random;
};

/// Trains, validates, checkpoints and tests one model, publishing events as it goes.
/// Lives on the engine thread; only RunCommands crosses threads.
class Trainer {
public:
    Trainer(TrainerSetup setup, const EventPublisher& events, RunCommands& commands);
    ~Trainer();

    /// Runs to the end (finished, stopped, early-stopped or failed) and returns the RunEnded
    /// event, already published. Never throws: failures become a Failed status with the
    /// reason phrased for the user.
    RunEnded run();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tb::engine
