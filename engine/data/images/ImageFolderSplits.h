// Folders of PNG and JPEG images, a subfolder per class, as train / validation / test splits.
#pragma once

#include "engine/data/DataSplits.h"
#include "engine/data/ImageAugmentation.h"
#include "engine/data/images/ImageFolderLayout.h"

namespace tb::engine {

/// Where the images are, how to split them and the size and colour the model takes.
struct ImageFolderSplitOptions {
    ImageFolderOptions layout;
    /// Every image is scaled (shorter side) and centre-cropped to side x side; 0 keeps the
    /// files' size, which must then be the same for all.
    int imageSize = 64;
    int channels = 3; ///< 1 (gray) or 3 (RGB)
    /// Standardize each channel by the training images' mean and std; otherwise scale to [0, 1].
    bool normalize = true;
    /// Threads decoding the files; 0 uses every core.
    int threads = 0;
    /// Varies each training batch's images.
    AugmentOptions augment;

    /// Reads the layout's fields, data.image_size, data.color, data.normalize, data.flip,
    /// data.crop_padding and threads.
    static ImageFolderSplitOptions fromConfig(const Config& config);
};

/// Decodes every image once, in parallel, and holds them as bytes (scaled per batch); the
/// bytes are kept in the image cache (ImageCache.h), and a later load of the same unchanged
/// files at the same size and colour reads them from there instead. Throws
/// DataError naming the folder or the files that cannot be used (all unreadable files are
/// counted, the first few named) and what to do; also when the decoded images would not fit in
/// the memory available.
DataSplits loadImageFolderSplits(const ImageFolderSplitOptions& options);

} // namespace tb::engine
