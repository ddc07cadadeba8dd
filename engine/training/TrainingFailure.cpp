#include "engine/training/TrainingFailure.h"

#include "engine/config/Config.h"
#include "engine/data/DataError.h"

#include <c10/util/Exception.h>
#include <new>

namespace tb::engine {
namespace {

bool isOutOfMemory(const std::exception& error) {
    if (dynamic_cast<const std::bad_alloc*>(&error))
        return true;
    const std::string what = error.what();
    return what.find("out of memory") != std::string::npos ||
           what.find("DefaultCPUAllocator: can't allocate") != std::string::npos ||
           what.find("not enough memory") != std::string::npos;
}

/// What the precision has to do with a failure, as a sentence to append; empty when nothing.
std::string precisionHint(const std::exception& error, const std::string& amp) {
    if (isOutOfMemory(error))
        return amp == "off" ? " train.amp bf16 (or fp16 on a GPU) also halves activation memory."
                            : "";
    if (dynamic_cast<const NonFiniteLoss*>(&error))
        return amp == "fp16" ? " Under train.amp fp16, activations above 65504 overflow: try bf16."
                             : "";
    if (amp != "off" && dynamic_cast<const c10::Error*>(&error))
        return " This happened under train.amp " + amp +
               ": if the model has an operator that precision does not support, set train.amp "
               "to off.";
    return {};
}

std::string describeCause(const std::exception& error, const Config& config) {
    if (isOutOfMemory(error)) {
        return "out of memory on " + config.getString("device") + " with train.batch_size " +
               std::to_string(config.getInt("train.batch_size")) +
               "; lower train.batch_size (train.grad_accum keeps the effective batch) or use a "
               "smaller model.";
    }
    if (dynamic_cast<const NonFiniteLoss*>(&error) || dynamic_cast<const DataError*>(&error))
        return error.what();
    if (const auto* c10 = dynamic_cast<const c10::Error*>(&error))
        return "LibTorch error: " + firstLineOf(*c10);
    return error.what();
}

} // namespace

NonFiniteLoss::NonFiniteLoss(std::int64_t step, std::int64_t epoch, double value,
                             std::int64_t runId, bool checkpointed)
    : std::runtime_error(
          "the training loss became " + std::to_string(value) + " at step " + std::to_string(step) +
          " (epoch " + std::to_string(epoch) +
          "); lower optim.lr, set train.grad_clip (e.g. 1.0), or check the data for NaN or huge "
          "values." +
          (checkpointed ? " Its checkpoints from before are kept: with model.init_from: run:" +
                              std::to_string(runId) + " a new run starts from them."
                        : std::string())) {}

std::string firstLineOf(const std::exception& error) {
    const std::string text = error.what();
    return text.substr(0, text.find('\n'));
}

std::string describeFailure(const std::exception& error, const Config& config) {
    return describeCause(error, config) + precisionHint(error, config.getString("train.amp"));
}

} // namespace tb::engine
