// A run's inputs.yaml: what its model takes and how raw files are scaled into it.
#pragma once

#include "engine/data/DataSplits.h"

#include <string>

namespace tb::engine {

/// The artifact kind and file name a run keeps its input recipe under.
inline constexpr const char* kInputRecipeKind = "inputs";
inline constexpr const char* kInputRecipeFile = "inputs.yaml";

/// Writes the task, sample shape, class names and InputRecipe of `splits` to `path`, whole or
/// not at all. Throws std::system_error when it cannot be written.
void writeInputRecipe(const DataSplits& splits, const std::string& path);

/// What writeInputRecipe() wrote, as DataSplits without datasets: enough to build the model
/// and to scale new raw samples for it. Throws DataError naming the file and what is wrong.
DataSplits readInputRecipe(const std::string& path);

} // namespace tb::engine
