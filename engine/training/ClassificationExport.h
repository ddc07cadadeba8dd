// The files a classifier's test pass leaves beside its checkpoints for the UI and for analysis.
#pragma once

#include "engine/data/DataSplits.h"
#include "engine/training/Objective.h"
#include "engine/util/ConfusionMatrix.h"

#include <string>
#include <vector>

namespace tb::engine {

/// A classifier's test split, scored.
struct ClassifiedSamples {
    torch::Tensor probabilities; ///< float [samples, classes]: the softmax of the model output
    torch::Tensor labels;        ///< int64 [samples]: the true classes
    ConfusionMatrix confusion;   ///< of the most probable class against the true one
    TestImages images;           ///< where sample i's image is
};

/// Writes into `dir` (created if needed):
/// - `test-probabilities.npy`: float32 [samples, classes]; the predicted class is the first
///   index of a row's maximum (numpy's and torch's argmax);
/// - `test-labels.npy`: float32 [samples], each sample's true class;
/// - `test-confusion.csv`: the confusion matrix, a row per true class (ConfusionMatrix::toCsv);
/// - `test-classes.json`: the class names, the number of samples, where the images are (the
///   IDX file `images`, whose image i is sample i, or the list `image_files`, one per sample;
///   empty when unknown) and the names of the three files above.
/// Returns them as the run's `class_predictions` (the json), `class_probabilities`,
/// `class_labels` and `confusion` artifacts. Throws
/// std::runtime_error or std::system_error naming the file that cannot be written.
std::vector<ObjectiveReport::Artifact> writeClassificationArtifacts(const std::string& dir,
                                                                    const ClassifiedSamples& test);

} // namespace tb::engine
