#include "engine/training/ClassificationObjective.h"

#include "engine/training/ClassificationExport.h"

#include <cstdio>
#include <torch/nn/functional/loss.h>

namespace tb::engine {
namespace {

namespace F = torch::nn::functional;

std::vector<std::string> namedClasses(std::int64_t numClasses, std::vector<std::string> names) {
    if (static_cast<std::int64_t>(names.size()) == numClasses)
        return names;
    names.clear();
    for (std::int64_t c = 0; c < numClasses; ++c)
        names.push_back(std::to_string(c));
    return names;
}

ConfusionMatrix confusionOf(const torch::Tensor& counts, const std::vector<std::string>& names) {
    ConfusionMatrix matrix(names);
    const auto values = counts.to(torch::kCPU);
    const auto count = values.accessor<std::int64_t, 1>();
    for (int t = 0; t < matrix.classCount(); ++t)
        for (int p = 0; p < matrix.classCount(); ++p)
            matrix.add(t, p, count[t * matrix.classCount() + p]);
    return matrix;
}

/// "'Shirt' (1000 images, most taken for 'T-shirt/top')": a class the model never gets right.
std::string missedClassText(const ConfusionMatrix& m, int c) {
    const auto& names = m.classNames();
    const int other = m.mostConfusedWith(c);
    return "'" + names[static_cast<std::size_t>(c)] + "' (" + std::to_string(m.support(c)) +
           " samples" +
           (other < 0 ? "" : ", most taken for '" + names[static_cast<std::size_t>(other)] + "'") +
           ")";
}

/// Accuracy hides a class the model gives up on when the classes are unbalanced: say so.
std::vector<std::string> missedClassWarnings(const ConfusionMatrix& m) {
    std::string missed;
    int count = 0;
    for (int c = 0; c < m.classCount(); ++c) {
        if (m.support(c) == 0 || m.count(c, c) > 0)
            continue;
        missed += (missed.empty() ? "" : ", ") + missedClassText(m, c);
        ++count;
    }
    if (count == 0)
        return {};
    char figures[120];
    std::snprintf(figures, sizeof(figures), "test accuracy %.4g, macro F1 %.4g", m.accuracy(),
                  m.macroF1());
    return {"no test sample of " + std::string(count == 1 ? "class " : "the classes ") + missed +
            " is classified right (" + figures +
            "); train longer, or weigh or resample the classes"};
}

} // namespace

ClassificationObjective::ClassificationObjective(std::int64_t numClasses,
                                                 std::vector<std::string> classNames,
                                                 TestImages testImages)
    : m_numClasses(numClasses)
    , m_classNames(namedClasses(numClasses, std::move(classNames)))
    , m_testImages(std::move(testImages)) {}

ClassificationObjective::~ClassificationObjective() = default;

torch::Tensor ClassificationObjective::loss(const torch::Tensor& prediction, const Batch& batch) {
    return F::cross_entropy(prediction, batch.target);
}

void ClassificationObjective::accumulate(const torch::Tensor& prediction, const Batch& batch) {
    auto lossSum = F::cross_entropy(prediction, batch.target,
                                    F::CrossEntropyFuncOptions().reduction(torch::kSum));
    const auto probabilities = torch::softmax(prediction.detach().to(torch::kFloat32), 1);
    const auto pairs = batch.target * m_numClasses + probabilities.argmax(1);
    auto confusion = torch::bincount(pairs, {}, m_numClasses * m_numClasses);
    m_lossSum = m_lossSum.defined() ? m_lossSum + lossSum : lossSum;
    m_confusion = m_confusion.defined() ? m_confusion + confusion : confusion;
    m_probabilities.push_back(probabilities);
    m_labels.push_back(batch.target);
    m_samples += batch.size();
}

std::vector<MetricValue> ClassificationObjective::summarize(const std::string& split) {
    if (m_samples == 0)
        return {};
    ConfusionMatrix matrix = confusionOf(m_confusion, m_classNames);
    std::vector<MetricValue> out{
        {split + "/loss", m_lossSum.item<double>() / static_cast<double>(m_samples)},
        {split + "/accuracy", matrix.accuracy()},
        {split + "/macro_f1", matrix.macroF1()}};
    if (split == "test")
        m_test = std::make_unique<ClassifiedSamples>(ClassifiedSamples{
            torch::cat(m_probabilities).to(torch::kCPU), torch::cat(m_labels).to(torch::kCPU),
            std::move(matrix), m_testImages});
    m_lossSum = torch::Tensor();
    m_confusion = torch::Tensor();
    m_probabilities.clear();
    m_labels.clear();
    m_samples = 0;
    return out;
}

bool ClassificationObjective::higherIsBetter(const std::string& metric) const {
    const auto endsWith = [&](const std::string& tail) {
        return metric.size() >= tail.size() &&
               metric.compare(metric.size() - tail.size(), tail.size(), tail) == 0;
    };
    return endsWith("accuracy") || endsWith("macro_f1");
}

ObjectiveReport ClassificationObjective::finish(const std::string& split,
                                                const std::string& artifactDir) {
    ObjectiveReport report;
    if (split != "test" || !m_test)
        return report;
    report.warnings = missedClassWarnings(m_test->confusion);
    if (artifactDir.empty())
        return report;
    try {
        report.artifacts = writeClassificationArtifacts(artifactDir, *m_test);
    } catch (const std::exception& e) {
        report.warnings.push_back(std::string("the test predictions were not saved: ") + e.what());
    }
    return report;
}

} // namespace tb::engine
