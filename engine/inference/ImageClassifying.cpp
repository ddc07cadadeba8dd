#include "engine/inference/ImageClassifying.h"

#include "engine/data/DataError.h"
#include "engine/data/ImageDataset.h"
#include "engine/data/images/ImageDecoding.h"
#include "engine/data/images/ImageFile.h"
#include "engine/data/images/ImageFolderLayout.h"

#include <algorithm>
#include <filesystem>

namespace tb::engine {
namespace {

namespace fs = std::filesystem;
using Kind = PredictionError::Kind;

std::vector<std::string> imagesIn(const std::string& folder) {
    try {
        return imageFilesUnder(folder);
    } catch (const DataError& e) {
        throw PredictionError(Kind::Unusable, e.what());
    }
}

std::vector<std::string> imageFiles(const std::vector<std::string>& inputs) {
    std::vector<std::string> files;
    for (const std::string& input : inputs) {
        std::error_code error;
        const fs::file_status status = fs::status(input, error);
        if (fs::is_directory(status)) {
            const std::vector<std::string> found = imagesIn(input);
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(status)) {
            if (!isImageFileName(input))
                throw PredictionError(Kind::Unusable,
                                      input + " is not a .png, .jpg or .jpeg file; this run "
                                              "classifies images: give it image files or "
                                              "folders of them");
            files.push_back(input);
        } else {
            throw PredictionError(Kind::Unusable, input + " does not exist");
        }
    }
    if (files.empty())
        throw PredictionError(Kind::Unusable, "no .png, .jpg or .jpeg file in " + inputs.front() +
                                                  (inputs.size() > 1 ? " and the rest" : ""));
    return files;
}

/// Class probabilities of the decoded samples of `rows`, [rows.size(), classes] on the host.
torch::Tensor probabilitiesOf(StoredModel& stored, const torch::Tensor& pixels,
                              const std::vector<std::int64_t>& rows) {
    const auto labels = torch::zeros({pixels.size(0)}, torch::kInt64);
    const ImageDataset images(pixels, labels, stored.inputs.recipe.pixels);
    const Batch batch = images.gather(rows).to(stored.device);
    torch::NoGradGuard noGrad;
    return torch::softmax(stored.model->forward(batch).to(torch::kFloat64), 1).cpu();
}

} // namespace

void classifyImages(StoredModel& stored, const std::vector<std::string>& inputs,
                    std::int64_t batchSize, Prediction& out) {
    const std::vector<std::string> files = imageFiles(inputs);
    const std::vector<std::int64_t>& shape = stored.inputs.sampleShape;
    const auto channels = static_cast<int>(shape[0]);
    const auto side = static_cast<int>(shape[1]);
    // A model of non-square images takes files of its own size only.
    const bool fit = shape[1] == shape[2];
    const int threads = imageDecodingThreads(0);
    out.classNames = stored.inputs.classNames;
    const auto step = static_cast<std::size_t>(std::max<std::int64_t>(1, batchSize));
    for (std::size_t first = 0; first < files.size(); first += step) {
        const std::vector<std::string> chunk(
            files.begin() + static_cast<std::ptrdiff_t>(first),
            files.begin() + static_cast<std::ptrdiff_t>(std::min(files.size(), first + step)));
        const DecodedImages decoded = decodeImageFiles(chunk, channels, side, fit, threads);
        std::vector<std::int64_t> rows;
        std::size_t nextFailure = 0;
        for (std::size_t i = 0; i < chunk.size(); ++i) {
            if (nextFailure < decoded.failures.size() && decoded.failures[nextFailure].index == i)
                out.unreadable.push_back(decoded.failures[nextFailure++].message);
            else
                rows.push_back(static_cast<std::int64_t>(i));
        }
        if (rows.empty())
            continue;
        const torch::Tensor probabilities = probabilitiesOf(stored, decoded.pixels, rows);
        const auto* p = probabilities.data_ptr<double>();
        const auto classes = static_cast<std::size_t>(probabilities.size(1));
        for (std::size_t r = 0; r < rows.size(); ++r, p += classes) {
            ImageClasses image{chunk[static_cast<std::size_t>(rows[r])], 0, {p, p + classes}};
            image.predicted = std::max_element(p, p + classes) - p;
            out.images.push_back(std::move(image));
        }
    }
    if (out.images.empty())
        throw PredictionError(Kind::Unusable, "none of the " + std::to_string(files.size()) +
                                                  " images can be read: " + out.unreadable.front());
}

} // namespace tb::engine
