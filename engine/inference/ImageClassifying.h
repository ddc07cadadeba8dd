// A classifier's classes for image files. Engine-internal: it exposes LibTorch.
#pragma once

#include "engine/inference/Prediction.h"
#include "engine/inference/StoredModel.h"

namespace tb::engine {

/// Classifies the PNG and JPEG files of `inputs` (files, and folders searched through with
/// their subfolders, each folder's files in name order) in batches of `batchSize`, each image
/// scaled and centre-cropped to the model's size and coloured as it was trained. Fills
/// `out.classNames`, `out.images` and `out.unreadable`. Throws PredictionError when an input
/// does not exist, no image is found, or none can be read.
void classifyImages(StoredModel& stored, const std::vector<std::string>& inputs,
                    std::int64_t batchSize, Prediction& out);

} // namespace tb::engine
