// Where a new run's weights start from (model.init_from): another run's checkpoint or a
// checkpoint file, for fine-tuning or for going on with changed settings. Engine-internal:
// it exposes LibTorch.
#pragma once

#include "engine/config/Config.h"
#include "engine/config/ConfigIssue.h"
#include "engine/data/DataSplits.h"

#include <string>
#include <torch/nn/module.h>

namespace tb::engine {

/// Copies the weights model.init_from names into `model` (on the CPU, before training) and
/// returns a line for the run's log saying where they came from and what kept its initial
/// values; empty when model.init_from is empty. With model.init_strict every weight of the
/// model must be in the checkpoint with its shape, otherwise at least one. Any problem (an
/// unknown run, no checkpoint, a missing or unreadable file, a model it does not fit) is
/// added to `issues` on model.init_from, naming what to do.
std::string initializeWeights(torch::nn::Module& model, const Config& config,
                              const std::string& databasePath, ConfigIssues& issues);

/// A run of no epochs (train.epochs 0) tests model.init_from's weights on its own data, which
/// must then give its samples the classes, or the CSV columns, those weights were trained on,
/// in the same order: else each output would be scored against another class or column. Adds
/// an issue on model.init_from where the run it names kept an inputs.yaml that says otherwise;
/// nothing for a checkpoint file, a run without one, or a run that trains.
void checkTestedInputs(const Config& config, const DataSplits& data,
                       const std::string& databasePath, ConfigIssues& issues);

} // namespace tb::engine
