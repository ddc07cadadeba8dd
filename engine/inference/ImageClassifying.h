// A classifier's classes for images. Engine-internal: it exposes LibTorch.
#pragma once

#include "engine/inference/Prediction.h"
#include "engine/inference/StoredModel.h"

namespace tb::engine {

/// Classifies the images of `request.inputs` (see ImageInputs: files, folders searched through
/// with their subfolders, IDX images files) in batches of `request.batchSize`, each image
/// scaled and centre-cropped to the model's size and coloured as it was trained, telling
/// `request.progress` after each batch. Fills `out.classNames`, `out.images` (with the labels
/// the inputs carry) and `out.unreadable`, and adds to `out.notes` where labels came from.
/// Throws PredictionError when an input does not exist or cannot be used, no image is found,
/// none can be read, or `request.stopRequested` says so between batches.
void classifyImages(StoredModel& stored, const PredictionRequest& request, Prediction& out);

} // namespace tb::engine
