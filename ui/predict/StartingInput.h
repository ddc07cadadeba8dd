// What a run's prediction dialog predicts on to begin with.
#pragma once

#include <QString>

namespace tb::engine {
class Config;
}

namespace tb::ui {

/// A forecaster's training CSV (data.path); an IDX classifier's test images (data.root's
/// t10k-images-idx3-ubyte); an image folder classifier's test/ folder. Empty where there is
/// none: an image folder without test/, files that are not there.
QString startingPredictionInput(const tb::engine::Config& config);

} // namespace tb::ui
