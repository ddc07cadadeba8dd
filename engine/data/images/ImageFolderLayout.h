// Which image files of a folder make the train, validation and test splits, without LibTorch:
// the UI's dataset browser shows the same splits the engine trains on.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tb::engine {

class Config;

/// Where the images are and how much of the training images to hold out.
struct ImageFolderOptions {
    /// A folder with a subfolder per class, or with `train/` (and optionally `val/` and
    /// `test/`) folders that each have one.
    std::string root;
    /// Share of each class's training images held out for validation when there is no `val/`.
    double valFraction = 0.1;
    /// Share of each class's training images held out for testing when there is no `test/`.
    double testFraction = 0.1;
    /// Seeds which images are held out.
    std::uint64_t seed = 0;

    /// Reads data.root, data.val_fraction, data.test_fraction and seed.
    static ImageFolderOptions fromConfig(const Config& config);
};

/// The image files of one split, each with its class index.
struct ImageFolderSplit {
    std::vector<std::string> files; ///< absolute paths, sorted within each class
    std::vector<std::int64_t> labels;
    /// Where the split comes from: "train/", "held out of train/", "the class folders".
    std::string source;

    std::size_t size() const { return files.size(); }
};

struct ImageFolderLayout {
    std::vector<std::string> classNames; ///< the training class folders' names, sorted
    ImageFolderSplit train;
    ImageFolderSplit val;  ///< empty with no `val/` and a val_fraction of 0
    ImageFolderSplit test; ///< empty with no `test/` and a test_fraction of 0
};

/// Lists the images (.png, .jpg, .jpeg, in class folders at any depth; hidden files and other
/// files are skipped) and deals them into splits. Held-out images are drawn per class, so that
/// every split keeps the classes' proportions, and repeat for a seed. Reads no pixels. Throws
/// DataError naming the folder and what to do: no class folders, a class folder without
/// images, a `val/` or `test/` class that `train/` lacks, no training images left.
///
/// Example:
/// ```
/// ImageFolderLayout pets = scanImageFolder({"/data/pets", 0.1, 0.1, 42});
/// // pets.classNames == {"cat", "dog"}; pets.test.source == "test/"
/// ```
ImageFolderLayout scanImageFolder(const ImageFolderOptions& options);

/// The PNG and JPEG files under `folder` at any depth, hidden files and folders left out,
/// sorted by path. Throws DataError when the folder cannot be listed.
std::vector<std::string> imageFilesUnder(const std::string& folder);

} // namespace tb::engine
