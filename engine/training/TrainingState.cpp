#include "engine/training/TrainingState.h"

#include "engine/training/Checkpoint.h"

#include <ATen/Context.h>
#include <mutex>
#include <stdexcept>
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
    p.epochTotals.windowLossSum = readReal(archive, "window_loss_sum");
    p.epochTotals.windowBatches = readInt(archive, "window_batches");
    p.lr = readReal(archive, "lr");
    p.earlyStopping.best = readReal(archive, "early_stop_best");
    p.earlyStopping.hasBest = readInt(archive, "early_stop_has_best") != 0;
    p.earlyStopping.badRounds = readInt(archive, "early_stop_bad_rounds");
    return p;
}

// The default generators dropout draws from: the CPU's and a CUDA device's own. (An NPU run's
// masks after a continuation differ from an uninterrupted run's: torch_npu's generator is not
// reached from here.)
torch::Tensor generatorState(const torch::Device& device) {
    at::Generator generator = at::globalContext().defaultGenerator(device);
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get_state();
}

void setGeneratorState(const torch::Device& device, const torch::Tensor& state) {
    at::Generator generator = at::globalContext().defaultGenerator(device);
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state.to(torch::kCPU));
}

} // namespace

void saveTrainingState(const std::string& path, const TrainingParts& parts,
                       const ResumePoint& point) {
    OutputArchive archive;
    parts.model.save(archive);
    OutputArchive state;
    writePoint(state, point);
    OutputArchive optimizer;
    parts.optimizer.save(optimizer);
    state.write("optimizer", optimizer);
    state.write("cpu_generator", generatorState(torch::kCPU));
    if (parts.device.is_cuda())
        state.write("cuda_generator", generatorState(parts.device));
    if (const std::optional<GradScaler::State> scaler = parts.precision.scalerState()) {
        writeReal(state, "loss_scale", scaler->scale);
        writeInt(state, "loss_scale_good_steps", scaler->goodSteps);
    }
    archive.write(kStateKey, state);
    writeArchive(archive, path);
}

std::optional<ResumePoint> readResumePoint(const std::string& path) {
    InputArchive archive;
    archive.load_from(path, torch::kCPU);
    InputArchive state;
    if (!archive.try_read(kStateKey, state))
        return std::nullopt;
    return readPoint(state);
}

void loadTrainingState(const std::string& path, const TrainingParts& parts) {
    InputArchive archive;
    archive.load_from(path, parts.device);
    parts.model.load(archive);
    InputArchive state;
    if (!archive.try_read(kStateKey, state))
        throw std::runtime_error(path + " holds weights only, not the state training goes on from");
    InputArchive optimizer;
    state.read("optimizer", optimizer);
    parts.optimizer.load(optimizer);
    torch::Tensor generator;
    state.read("cpu_generator", generator);
    setGeneratorState(torch::kCPU, generator);
    if (parts.device.is_cuda() && state.try_read("cuda_generator", generator))
        setGeneratorState(parts.device, generator);
    torch::Tensor scale;
    if (state.try_read("loss_scale", scale))
        parts.precision.restoreScaler(
            {scale.item<double>(), readInt(state, "loss_scale_good_steps")});
}

} // namespace tb::engine
