// The schema of an experiment config: base fields plus every model family's hyperparameters.
#pragma once

#include "engine/config/Schema.h"

#include <string>
#include <vector>

namespace tb::engine {

/// Built once (thread-safe) from the base fields and the model registry.
const Schema& experimentSchema();

/// One registered model family, for pickers and docs.
struct ModelFamilyInfo {
    std::string name; ///< `mlp`, `cnn`, `dlinear`
    std::string task; ///< `classification` or `forecasting`
    std::string description;
};

std::vector<ModelFamilyInfo> modelFamilies();

/// LibTorch's version, e.g. `1.13.1`.
std::string torchVersion();

} // namespace tb::engine
