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

/// Decodes and classifies `files`, adding a row per readable image and a line per other.
void classifyBatch(StoredModel& stored, const std::vector<std::string>& files, Prediction& out) {
    const std::vector<std::int64_t>& shape = stored.inputs.sampleShape;
    // A model of non-square images takes files of its own size only.
    const bool fit = shape[1] == shape[2];
    const DecodedImages decoded =
        decodeImageFiles(files, static_cast<int>(shape[0]), static_cast<int>(shape[1]), fit,
                         imageDecodingThreads(0));
    std::vector<std::int64_t> rows;
    std::size_t nextFailure = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (nextFailure < decoded.failures.size() && decoded.failures[nextFailure].index == i)
            out.unreadable.push_back(decoded.failures[nextFailure++].message);
        else
            rows.push_back(static_cast<std::int64_t>(i));
    }
    if (rows.empty())
        return;
    const torch::Tensor probabilities = probabilitiesOf(stored, decoded.pixels, rows);
    const auto* p = probabilities.data_ptr<double>();
    const auto classes = static_cast<std::size_t>(probabilities.size(1));
    for (std::size_t r = 0; r < rows.size(); ++r, p += classes) {
        ImageClasses image{files[static_cast<std::size_t>(rows[r])], 0, {p, p + classes}};
        image.predicted = std::max_element(p, p + classes) - p;
        out.images.push_back(std::move(image));
    }
}

} // namespace

void classifyImages(StoredModel& stored, const PredictionRequest& request, Prediction& out) {
    const std::vector<std::string> files = imageFiles(request.inputs);
    out.classNames = stored.inputs.classNames;
    const auto step = static_cast<std::size_t>(std::max<std::int64_t>(1, request.batchSize));
    for (std::size_t first = 0; first < files.size(); first += step) {
        if (request.stopRequested && request.stopRequested())
            throw PredictionError(Kind::Stopped, "stopped after " + std::to_string(first) + " of " +
                                                     std::to_string(files.size()) + " images");
        const std::size_t end = std::min(files.size(), first + step);
        classifyBatch(stored,
                      {files.begin() + static_cast<std::ptrdiff_t>(first),
                       files.begin() + static_cast<std::ptrdiff_t>(end)},
                      out);
        if (request.progress)
            request.progress(end, files.size());
    }
    if (out.images.empty())
        throw PredictionError(Kind::Unusable, "none of the " + std::to_string(files.size()) +
                                                  " images can be read: " + out.unreadable.front());
}

} // namespace tb::engine
