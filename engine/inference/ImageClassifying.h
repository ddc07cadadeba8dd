// A classifier's classes for image files. Engine-internal: it exposes LibTorch.
#pragma once

#include "engine/inference/Prediction.h"
#include "engine/inference/StoredModel.h"

namespace tb::engine {

/// Classifies the PNG and JPEG files of `request.inputs` (files, and folders searched through
/// with their subfolders, each folder's files in name order) in batches of
/// `request.batchSize`, each image scaled and centre-cropped to the model's size and coloured
/// as it was trained, telling `request.progress` after each batch. Fills `out.classNames`,
/// `out.images` and `out.unreadable`. Throws PredictionError when an input does not exist, no
/// image is found, none can be read, or `request.stopRequested` says so between batches.
void classifyImages(StoredModel& stored, const PredictionRequest& request, Prediction& out);

} // namespace tb::engine
