// A folder of PNG and JPEG images in a subfolder per class (data.kind `folder`), read for
// browsing: the engine's own scan, so the browser shows the splits training will use.
#pragma once

#include "engine/data/images/ImageFolderLayout.h"
#include "ui/dataset/ModelImage.h"

#include <QString>

namespace tb::engine {
class Config;
}

namespace tb::ui {

struct ImageDataset;

/// Which images of the folder make which split, and how the model sees them.
struct FolderImageOptions {
    tb::engine::ImageFolderOptions
        split;             ///< data.root, data.val_fraction, data.test_fraction, seed
    ImageLook look{64, 3}; ///< data.image_size, data.color

    /// Reads the config's fields; a field of the wrong type (the config form lists it) reads
    /// as its default meanwhile.
    static FolderImageOptions fromConfig(const tb::engine::Config& config);
    /// The options as text, to tell whether a folder must be read again.
    QString signature() const;
};

/// data.image_size and data.color of `config`; the defaults when they cannot be read.
ImageLook imageLookOf(const tb::engine::Config& config);

/// Lists the folder's images into train, validation and test splits with the engine's
/// scanImageFolder() (reads no pixels: the grid decodes what it shows). Splits the folder
/// does not have and holds none out for are left out. On failure returns false with `error`
/// the engine's message: no class folders, a class without images, ...
bool loadImageFolder(const FolderImageOptions& options, ImageDataset& out, QString& error);

} // namespace tb::ui
