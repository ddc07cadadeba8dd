// The train / validation / test datasets of one experiment and what models need to know.
#pragma once

#include "engine/data/BatchTransform.h"
#include "engine/data/Dataset.h"
#include "engine/data/InputRecipe.h"

#include <memory>
#include <string>
#include <vector>

namespace tb::engine {

/// Classification: where test sample i's image is, so that the test predictions can be shown
/// with their images: image i of an IDX file, or the i-th image file; both empty when the
/// samples come from elsewhere.
struct TestImages {
    std::string idxFile;
    std::vector<std::string> files;
};

struct DataSplits {
    std::shared_ptr<const Dataset> train;
    std::shared_ptr<const Dataset> val;  ///< null when data.val_fraction is 0
    std::shared_ptr<const Dataset> test; ///< null when the data has no test split
    /// Augments each training batch (data.flip, data.crop_padding); null for none.
    std::shared_ptr<const BatchTransform> trainTransform;
    /// `classification` or `forecasting`; picks the loss and metrics.
    std::string task;
    /// Shape of one input sample, without the batch dimension ([1,28,28]; [seq_len, C]).
    std::vector<std::int64_t> sampleShape;
    std::int64_t numClasses = 0;         ///< classification
    std::vector<std::string> classNames; ///< classification, may be empty
    TestImages testImages;               ///< classification
    /// How new raw samples are scaled as these were.
    InputRecipe recipe;
    /// One line for the run log: "Fashion-MNIST: 54000 train / 6000 val / 10000 test".
    std::string description;
};

class Config;

/// Loads the datasets a config names (dispatching on `data.kind`). Throws DataError with a
/// message naming the file and the problem.
DataSplits loadDataSplits(const Config& config);

/// The task (DataSplits::task) of the data a `data.kind` loads: `classification` for idx and
/// folder, `forecasting` for csv; empty for an unknown kind.
std::string dataTask(const std::string& dataKind);

} // namespace tb::engine
