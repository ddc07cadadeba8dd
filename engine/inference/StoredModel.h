// A run's trained model, rebuilt from the workspace to be applied to new files.
// Engine-internal: it exposes LibTorch.
#pragma once

#include "engine/config/Config.h"
#include "engine/data/DataSplits.h"
#include "engine/models/Model.h"

#include <memory>
#include <string>
#include <vector>

namespace tb::engine {

/// The model of a run with its trained weights, on its device and in eval mode, with what
/// its inputs need.
struct StoredModel {
    Config config; ///< the run's own
    /// What the model takes and how raw files are scaled for it (no datasets).
    DataSplits inputs;
    std::shared_ptr<Model> model;
    c10::Device device = c10::Device(c10::kCPU);
    std::string origin; ///< "run 7's best epoch (epoch 9)"
    std::vector<std::string> notes;
};

/// Loads run `runId` of the workspace at `databasePath` with the weights of its checkpoint
/// `checkpoint` (best, last, or empty: the best, else the last; a run that trained no epoch
/// has those its model.init_from names, which its test used) onto `device`. Throws
/// PredictionError naming what is missing or unusable and what to do, StoreError when the
/// workspace cannot be read.
StoredModel loadStoredModel(const std::string& databasePath, std::int64_t runId,
                            const std::string& checkpoint, const std::string& device);

} // namespace tb::engine
