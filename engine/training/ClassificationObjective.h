// Cross-entropy loss, and accuracy, macro F1 and the confusion matrix for classifiers.
#pragma once

#include "engine/data/DataSplits.h"
#include "engine/training/Objective.h"

#include <memory>

namespace tb::engine {

struct ClassifiedSamples;

/// Scores a classifier by its most probable class. The test split's probabilities, true
/// labels and confusion matrix are kept and saved by finish(), with the images they belong
/// to, for the desktop app's Classes view and for analysis in Python.
class ClassificationObjective : public Objective {
public:
    /// `classNames` may be empty (the classes are then named by their index).
    ClassificationObjective(std::int64_t numClasses, std::vector<std::string> classNames,
                            TestImages testImages);
    ~ClassificationObjective() override;

    torch::Tensor loss(const torch::Tensor& prediction, const Batch& batch) override;
    void accumulate(const torch::Tensor& prediction, const Batch& batch) override;
    std::vector<MetricValue> summarize(const std::string& split) override;
    bool higherIsBetter(const std::string& metric) const override;
    static std::vector<std::string> metricNames() { return {"loss", "accuracy", "macro_f1"}; }
    ObjectiveReport finish(const std::string& split, const std::string& artifactDir) override;

private:
    std::int64_t m_numClasses;
    std::vector<std::string> m_classNames;
    TestImages m_testImages;

    torch::Tensor m_lossSum;   // summed per-sample loss, on the device
    torch::Tensor m_confusion; // int64 [true * classes + predicted] counts, on the device
    std::vector<torch::Tensor> m_probabilities;
    std::vector<torch::Tensor> m_labels;
    std::int64_t m_samples = 0;

    std::unique_ptr<ClassifiedSamples> m_test; // kept by summarize("test") for finish()
};

} // namespace tb::engine
