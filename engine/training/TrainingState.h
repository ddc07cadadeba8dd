// What continuing a stopped run needs besides its weights, kept in its `last` checkpoint.
// Engine-internal: it exposes LibTorch.
#pragma once

#include "engine/training/EarlyStopping.h"
#include "engine/training/MixedPrecision.h"
#include "engine/training/RandomStream.h"

#include <cstdint>
#include <optional>
#include <string>
#include <torch/nn/module.h>
#include <torch/optim/optimizer.h>
#include <vector>

namespace tb::engine {

/// What an epoch in progress has added up, so that a continued run reports it whole.
struct EpochTotals {
    double lossSum = 0.0; ///< the loss summed over the epoch's trained batches
    std::int64_t samples = 0;
    double seconds = 0.0;       ///< training time so far
    double windowLossSum = 0.0; ///< of the batches since the last logged step
    std::int64_t windowBatches = 0;
    double dataWaitS = 0.0; ///< of `seconds`, the time spent waiting for batches
};

/// Where a run stands between two optimizer steps, and the counters it goes on with.
struct ResumePoint {
    std::int64_t epoch = 1;        ///< the epoch in progress, or the next one at an epoch's end
    std::int64_t batchInEpoch = 0; ///< that epoch's batches already trained
    EpochTotals epochTotals;       ///< what they added up
    std::int64_t step = 0;         ///< optimizer steps taken
    std::int64_t batchesDone = 0;  ///< training batches of the whole run, for the ETA
    double trainingS = 0.0;        ///< the time those took
    double elapsedS = 0.0;         ///< the run's clock, the time base of its events
    double lr = 0.0;
    EarlyStopping::State earlyStopping;
};

/// A stopped run to go on with: its checkpoint and where that left it.
struct Continuation {
    std::string checkpoint;
    ResumePoint point;
};

/// The parts of a trainer whose state a checkpoint carries, and the device it trains on.
struct TrainingParts {
    torch::nn::Module& model;
    torch::optim::Optimizer& optimizer;
    MixedPrecision& precision;
    torch::Device device;
    RandomStream& random; ///< what its dropout masks are drawn from
};

/// A checkpoint file read whole: process 0 of a data-parallel run reads it and gives it to the
/// other processes, which may not see the file.
struct CheckpointBytes {
    std::string path; ///< the file it was read from, for messages
    std::string data;
};

/// Throws std::system_error when the file cannot be read.
CheckpointBytes readCheckpointBytes(const std::string& path);

/// Writes the weights as saveCheckpoint does (loadCheckpoint and Python read the file as
/// one), plus the optimizer's state, the loss scale, this process's random generators and
/// `point`; in a data-parallel run also the generators of processes 1, 2, ... (its weights
/// and optimizer state are every process's). Atomically, as saveCheckpoint. Throws
/// std::system_error / c10::Error.
void saveTrainingState(const std::string& path, const TrainingParts& parts,
                       const ResumePoint& point,
                       const std::vector<GeneratorStates>& otherProcesses = {});

/// The resume point in a checkpoint; nullopt when it holds weights only (a `best` one, or a
/// `last` one of a Trainbench before runs could be continued). Throws c10::Error when the
/// data is not a checkpoint.
std::optional<ResumePoint> readResumePoint(const CheckpointBytes& checkpoint);

/// Takes back what saveTrainingState wrote, the tensors onto the parts' device, and the random
/// generators of data-parallel process `process` (a CUDA one only when it trained on one of
/// that kind too; none for a process above 0 of a checkpoint written before data-parallel runs
/// could go on: it keeps its own). Throws c10::Error when the checkpoint does not fit the parts
/// (another model's), std::runtime_error when it holds weights only.
void loadTrainingState(const CheckpointBytes& checkpoint, const TrainingParts& parts,
                       int process = 0);

} // namespace tb::engine
