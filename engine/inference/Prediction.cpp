#include "engine/inference/Prediction.h"

#include "engine/inference/ImageClassifying.h"
#include "engine/inference/SeriesForecasting.h"
#include "engine/inference/StoredModel.h"
#include "engine/util/BlasThreads.h"

namespace tb::engine {

LabelAgreement labelAgreement(const std::vector<ImageClasses>& images) {
    LabelAgreement agreement;
    for (const ImageClasses& image : images)
        if (image.label >= 0) {
            ++agreement.labelled;
            agreement.right += image.predicted == image.label ? 1 : 0;
        }
    return agreement;
}

Prediction predict(const PredictionRequest& request) {
    using Kind = PredictionError::Kind;
    if (request.inputs.empty())
        throw PredictionError(Kind::Unusable, "no input given: name image files or folders for "
                                              "a classifier, a CSV file for a forecaster");
    keepBlasOnCallingThread();
    StoredModel stored =
        loadStoredModel(request.databasePath, request.runId, request.checkpoint, request.device);
    Prediction out;
    out.task = stored.inputs.task;
    out.sampleShape = stored.inputs.sampleShape;
    out.origin = stored.origin;
    out.notes = stored.notes;
    if (out.task == "classification") {
        classifyImages(stored, request, out);
        return out;
    }
    if (request.inputs.size() != 1)
        throw PredictionError(Kind::Unusable, "a forecaster reads one CSV file; " +
                                                  std::to_string(request.inputs.size()) +
                                                  " inputs were given");
    out.forecast = forecastCsv(stored, request.inputs.front(), request.forecastFrom, out.notes);
    return out;
}

} // namespace tb::engine
