#include "engine/inference/ImageClassifying.h"

#include "engine/data/ImageDataset.h"
#include "engine/inference/ImageInputs.h"

#include <algorithm>

namespace tb::engine {
namespace {

using Kind = PredictionError::Kind;

/// Class probabilities of the decoded samples of `rows`, [rows.size(), classes] on the host.
torch::Tensor probabilitiesOf(StoredModel& stored, const torch::Tensor& pixels,
                              const std::vector<std::int64_t>& rows) {
    const auto labels = torch::zeros({pixels.size(0)}, torch::kInt64);
    const ImageDataset images(pixels, labels, stored.inputs.recipe.pixels);
    const Batch batch = images.gather(rows).to(stored.device);
    torch::NoGradGuard noGrad;
    return torch::softmax(stored.model->forward(batch).to(torch::kFloat64), 1).cpu();
}

/// Classifies images [first, end), adding a row per readable image and a line per other.
void classifyBatch(StoredModel& stored, const ImageInputs& inputs, std::size_t first,
                   std::size_t end, Prediction& out) {
    const DecodedImages decoded = inputs.pixels(first, end);
    std::vector<std::int64_t> rows;
    std::size_t nextFailure = 0;
    for (std::size_t i = 0; i < end - first; ++i) {
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
        const ImageInput& input = inputs.images()[first + static_cast<std::size_t>(rows[r])];
        ImageClasses image{input.file, input.index, 0, {p, p + classes}, input.label};
        image.predicted = std::max_element(p, p + classes) - p;
        out.images.push_back(std::move(image));
    }
}

} // namespace

void classifyImages(StoredModel& stored, const PredictionRequest& request, Prediction& out) {
    const ImageInputs inputs(request.inputs, stored.inputs.sampleShape, stored.inputs.classNames);
    out.classNames = stored.inputs.classNames;
    out.notes.insert(out.notes.end(), inputs.notes().begin(), inputs.notes().end());
    const std::size_t total = inputs.images().size();
    const auto step = static_cast<std::size_t>(std::max<std::int64_t>(1, request.batchSize));
    for (std::size_t first = 0; first < total; first += step) {
        if (request.stopRequested && request.stopRequested())
            throw PredictionError(Kind::Stopped, "stopped after " + std::to_string(first) + " of " +
                                                     std::to_string(total) + " images");
        const std::size_t end = std::min(total, first + step);
        classifyBatch(stored, inputs, first, end, out);
        if (request.progress)
            request.progress(end, total);
    }
    if (out.images.empty())
        throw PredictionError(Kind::Unusable, "none of the " + std::to_string(total) +
                                                  " images can be read: " + out.unreadable.front());
}

} // namespace tb::engine
