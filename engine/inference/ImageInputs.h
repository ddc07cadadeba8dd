// The images a classifier is given: PNG and JPEG files, folders searched for them, and
// MNIST-style IDX image files; each image with the class its folder or labels file names.
// Engine-internal: it exposes LibTorch.
#pragma once

#include "engine/data/images/ImageDecoding.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tb::engine {

/// One image to classify.
struct ImageInput {
    std::string file;        ///< the image file, or the IDX file holding the image
    std::int64_t index = -1; ///< the image's place in an IDX file; -1 for an image file
    std::int64_t label = -1; ///< the class its folder or labels file names; -1: not known
};

/// Every image of the inputs, in the order given (a folder's in path order, an IDX file's in
/// its own), and their pixels as the model takes them, a range at a time.
class ImageInputs {
public:
    /// Lists the images of `inputs` for a model of `classNames` taking [channels, height,
    /// width] `shape`d images. An IDX file is read whole, with its labels file beside it
    /// (`t10k-images-idx3-ubyte.gz` -> `t10k-labels-idx1-ubyte.gz`) when that fits. An image
    /// below a folder named after a class is labelled with that class. Throws PredictionError
    /// when an input does not exist, is neither an image, a folder nor an IDX images file, or
    /// holds no image, and when an IDX file cannot be read or fitted to the model.
    ImageInputs(const std::vector<std::string>& inputs, const std::vector<std::int64_t>& shape,
                const std::vector<std::string>& classNames);

    const std::vector<ImageInput>& images() const { return m_images; }
    /// Lines for the user: where the labels came from, and a labels file left unused.
    const std::vector<std::string>& notes() const { return m_notes; }

    /// Images [first, end) as uint8 [end - first, channels, height, width], scaled and
    /// centre-cropped to the model's size (a model of non-square images takes its own size
    /// only) and coloured as it was trained. Files that cannot be read are listed in
    /// `failures`, indexed from `first`; their samples hold no image.
    DecodedImages pixels(std::size_t first, std::size_t end) const;

private:
    void addFolder(const std::string& folder, const std::vector<std::string>& classNames);
    void addIdxFile(const std::string& path, std::size_t classCount);

    std::vector<std::int64_t> m_shape;
    std::vector<ImageInput> m_images;
    std::vector<std::string> m_notes;
    /// Each IDX file's images, fitted to m_shape: uint8 [N, channels, height, width].
    std::map<std::string, torch::Tensor> m_idxPixels;
};

} // namespace tb::engine
