// The dataset browser's IDX reader on any bytes: an error naming the file, or images whose
// every pixel lies inside what was read.
#include "FuzzInput.h"
#include "ui/dataset/IdxImageSet.h"

using namespace tb::ui;
using tb::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const tb::fuzz::FuzzFile file(data, size, "-images-idx3-ubyte");
    ImageDataset dataset;
    QString error;
    if (!loadIdxImagesFile(QString::fromStdString(file.path()), dataset, error)) {
        require(!error.isEmpty(), "a file that cannot be browsed says why");
        return 0;
    }
    require(dataset.splits.size() == 1, "one file is one split");
    const ImageSplit& split = dataset.splits.front();
    require(split.pixels.size() == static_cast<std::size_t>(split.count) *
                                       static_cast<std::size_t>(split.rows) *
                                       static_cast<std::size_t>(split.cols),
            "the pixels are count x rows x columns");
    if (split.count > 0) {
        // The first and the last image: ASan reports any read outside the pixels.
        split.image(0);
        split.image(split.count - 1);
    }
    return 0;
}
