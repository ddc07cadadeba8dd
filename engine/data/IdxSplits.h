// MNIST-style IDX files (MNIST, Fashion-MNIST) as train / validation / test splits.
#pragma once

#include "engine/data/DataSplits.h"
#include "engine/data/ImageAugmentation.h"

#include <cstdint>
#include <string>

namespace tb::engine {

/// Where the IDX files are and how to split and scale them.
///
/// Example:
/// ```
/// IdxSplitOptions o;
/// o.root = "/usr/share/datasets/fashion-mnist"; o.valFraction = 0.1; o.seed = 42;
/// DataSplits splits = loadIdxSplits(o);
/// ```
struct IdxSplitOptions {
    /// Folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte
    /// and t10k-labels-idx1-ubyte, each plain or with `.gz`. A folder name containing
    /// "fashion" selects Fashion-MNIST's class names.
    std::string root;
    /// Share of the train files held out for validation, in [0, 1); 0 leaves `val` null.
    double valFraction = 0.1;
    /// Standardize every split with the train split's mean and std; otherwise scale to [0, 1].
    bool normalize = true;
    /// Seeds the train / validation shuffle.
    std::uint64_t seed = 0;
    /// Varies each training batch's images.
    AugmentOptions augment;

    /// Reads data.root, data.val_fraction, data.normalize, data.flip, data.crop_padding and
    /// seed.
    static IdxSplitOptions fromConfig(const Config& config);
};

/// Why `root` cannot be read as the four IDX files (not a folder, files missing), as
/// loadIdxSplits() would say it; empty when they are all there. Reads no file.
std::string idxRootProblem(const std::string& root);

/// Loads the four IDX files as ImageDatasets: images float [N,1,H,W], labels int64 [N], the
/// train files split into train and validation, t10k as test. Throws DataError naming the
/// file or folder and what to do.
DataSplits loadIdxSplits(const IdxSplitOptions& options);

} // namespace tb::engine
