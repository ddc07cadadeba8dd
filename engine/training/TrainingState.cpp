#include "engine/training/TrainingState.h"

#include "engine/training/Checkpoint.h"

#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

namespace tb::engine {
namespace {

// Beside the module's own keys; no model has a part of this name.
constexpr const char* kStateKey = "trainbench_state";

using torch::serialize::InputArchive;
using torch::serialize::OutputArchive;

void writeInt(OutputArchive& archive, const std::string& key, std::int64_t value) {
    archive.write(key, torch::scalar_tensor(value, torch::kLong));
}

void writeReal(OutputArchive& archive, const std::string& key, double value) {
    archive.write(key, torch::scalar_tensor(value, torch::kDouble));
}

std::int64_t readInt(InputArchive& archive, const std::string& key) {
    torch::Tensor t;
    archive.read(key, t);
    return t.item<std::int64_t>();
}

double readReal(InputArchive& archive, const std::string& key) {
    torch::Tensor t;
    archive.read(key, t);
    return t.item<double>();
}

/// For a value a checkpoint of an earlier Trainbench lacks.
double readReal(InputArchive& archive, const std::string& key, double missing) {
    torch::Tensor t;
    return archive.try_read(key, t) ? t.item<double>() : missing;
}

void writePoint(OutputArchive& archive, const ResumePoint& p) {
    writeInt(archive, "epoch", p.epoch);
    writeInt(archive, "batch_in_epoch", p.batchInEpoch);
    writeInt(archive, "step", p.step);
    writeInt(archive, "batches_done", p.batchesDone);
    writeReal(archive, "training_s", p.trainingS);
    writeReal(archive, "elapsed_s", p.elapsedS);
    writeReal(archive, "epoch_loss_sum", p.epochTotals.lossSum);
    writeInt(archive, "epoch_samples", p.epochTotals.samples);
    writeReal(archive, "epoch_s", p.epochTotals.seconds);
    writeReal(archive, "epoch_data_wait_s", p.epochTotals.dataWaitS);
    writeReal(archive, "window_loss_sum", p.epochTotals.windowLossSum);
    writeInt(archive, "window_batches", p.epochTotals.windowBatches);
    writeReal(archive, "lr", p.lr);
    writeReal(archive, "early_stop_best", p.earlyStopping.best);
    writeInt(archive, "early_stop_has_best", p.earlyStopping.hasBest ? 1 : 0);
    writeInt(archive, "early_stop_bad_rounds", p.earlyStopping.badRounds);
}

ResumePoint readPoint(InputArchive& archive) {
    ResumePoint p;
    p.epoch = readInt(archive, "epoch");
    p.batchInEpoch = readInt(archive, "batch_in_epoch");
    p.step = readInt(archive, "step");
    p.batchesDone = readInt(archive, "batches_done");
    p.trainingS = readReal(archive, "training_s");
    p.elapsedS = readReal(archive, "elapsed_s");
    p.epochTotals.lossSum = readReal(archive, "epoch_loss_sum");
    p.epochTotals.samples = readInt(archive, "epoch_samples");
    p.epochTotals.seconds = readReal(archive, "epoch_s");
    p.epochTotals.dataWaitS = readReal(archive, "epoch_data_wait_s", 0.0);
    p.epochTotals.windowLossSum = readReal(archive, "window_loss_sum");
    p.epochTotals.windowBatches = readInt(archive, "window_batches");
    p.lr = readReal(archive, "lr");
    p.earlyStopping.best = readReal(archive, "early_stop_best");
    p.earlyStopping.hasBest = readInt(archive, "early_stop_has_best") != 0;
    p.earlyStopping.badRounds = readInt(archive, "early_stop_bad_rounds");
    return p;
}

/// Process 0's keys are those of a one-process run.
std::string generatorKey(const std::string& kind, int process) {
    return kind + "_generator" + (process == 0 ? "" : "_process" + std::to_string(process));
}

void writeGenerators(OutputArchive& archive, const GeneratorStates& states, int process) {
    archive.write(generatorKey("cpu", process), states.cpu);
    if (states.cuda.defined())
        archive.write(generatorKey("cuda", process), states.cuda);
}

void restoreGenerators(InputArchive& archive, RandomStream& random, int process) {
    GeneratorStates saved; // a key it lacks leaves its part undefined
    archive.try_read(generatorKey("cpu", process), saved.cpu);
    archive.try_read(generatorKey("cuda", process), saved.cuda);
    random.restore(saved);
}

InputArchive archiveOf(const CheckpointBytes& checkpoint, const torch::Device& device) {
    InputArchive archive;
    archive.load_from(checkpoint.data.data(), checkpoint.data.size(), device);
    return archive;
}

} // namespace

CheckpointBytes readCheckpointBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::system_error(errno, std::generic_category());
    std::ostringstream data;
    data << in.rdbuf();
    if (in.bad())
        throw std::system_error(errno, std::generic_category());
    std::string bytes = data.str();
    if (bytes.empty()) // an insertion of nothing fails, with no errno to tell why
        throw std::runtime_error("the file is empty: it was cut short as it was written");
    return {path, std::move(bytes)};
}

void saveTrainingState(const std::string& path, const TrainingParts& parts,
                       const ResumePoint& point,
                       const std::vector<GeneratorStates>& otherProcesses) {
    OutputArchive archive;
    parts.model.save(archive);
    OutputArchive state;
    writePoint(state, point);
    OutputArchive optimizer;
    parts.optimizer.save(optimizer);
    state.write("optimizer", optimizer);
    writeGenerators(state, parts.random.states(), 0);
    for (std::size_t i = 0; i < otherProcesses.size(); ++i)
        writeGenerators(state, otherProcesses[i], static_cast<int>(i) + 1);
    if (const std::optional<GradScaler::State> scaler = parts.precision.scalerState()) {
        writeReal(state, "loss_scale", scaler->scale);
        writeInt(state, "loss_scale_good_steps", scaler->goodSteps);
    }
    archive.write(kStateKey, state);
    writeArchive(archive, path);
}

std::optional<ResumePoint> readResumePoint(const CheckpointBytes& checkpoint) {
    InputArchive archive = archiveOf(checkpoint, torch::kCPU);
    InputArchive state;
    if (!archive.try_read(kStateKey, state))
        return std::nullopt;
    return readPoint(state);
}

void loadTrainingState(const CheckpointBytes& checkpoint, const TrainingParts& parts, int process) {
    InputArchive archive = archiveOf(checkpoint, parts.device);
    parts.model.load(archive);
    InputArchive state;
    if (!archive.try_read(kStateKey, state))
        throw std::runtime_error(checkpoint.path +
                                 " holds weights only, not the state training goes on from");
    InputArchive optimizer;
    state.read("optimizer", optimizer);
    parts.optimizer.load(optimizer);
    restoreGenerators(state, parts.random, process);
    torch::Tensor scale;
    if (state.try_read("loss_scale", scale))
        parts.precision.restoreScaler(
            {scale.item<double>(), readInt(state, "loss_scale_good_steps")});
}

} // namespace tb::engine
