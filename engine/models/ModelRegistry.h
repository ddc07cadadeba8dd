// The one place model families are registered.
#pragma once

#include "engine/config/FieldSpec.h"
#include "engine/data/DataSplits.h"
#include "engine/models/Model.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tb::engine {

class Config;

/// A model family: its name, task, hyperparameters (as schema fields `model.<param>`, tagged
/// with the family) and how to build it for a config and its data.
struct ModelFamily {
    std::string name;
    std::string task; ///< `classification` or `forecasting`
    std::string description;
    std::vector<FieldSpec> hyperparameters;
    std::function<std::shared_ptr<Model>(const Config&, const DataSplits&)> build;
};

/// Every registered family, in display order (explicit registration, no static initialisers).
const std::vector<ModelFamily>& modelRegistry();

/// The family named `name`, or nullptr.
const ModelFamily* findModelFamily(const std::string& name);

} // namespace tb::engine
