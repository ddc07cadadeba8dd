// How a loader turned raw data into a model's inputs: what applying the model to new files
// later needs.
#pragma once

#include "engine/data/ImageDataset.h"
#include "engine/data/csv/StandardScaler.h"

#include <string>
#include <vector>

namespace tb::engine {

/// Each loader records here how it scaled its samples, so that a trained model can be given
/// new files exactly as it saw its training data, without that data at hand (each run keeps
/// it as inputs.yaml; trainbench-cli predict reads it). The rest of what is needed (image
/// size, colour, columns' count, window lengths, time features) is in the sample shape and
/// the run's config.
struct InputRecipe {
    /// Classification: each byte b of channel c becomes (b / 255 - mean[c]) / std[c].
    PixelScaling pixels;
    /// Forecasting: the CSV columns read, in channel order (the target last), ...
    std::vector<std::string> columns;
    /// ... and how each was standardized (fit on the training rows).
    StandardScaler scaler = StandardScaler::identity(0);
};

} // namespace tb::engine
