// The test predictions a finished image-classification run saved, read back for the Classes
// view.
#pragma once

#include "engine/util/ConfusionMatrix.h"
#include "engine/util/NpyFile.h"

#include <QString>
#include <QStringList>
#include <string>
#include <vector>

namespace tb::ui {

/// What a classifier's test pass wrote (test-classes.json and the files it names): the
/// confusion matrix as its CSV has it (the command line prints the same), and for every test
/// sample its true class and the probability the model gave each class.
struct RunClasses {
    QString imagesPath;     ///< the IDX file whose image i is sample i; empty when unknown
    QStringList imageFiles; ///< or the image file of each sample (data.kind folder); or empty
    QString confusionPath;
    QStringList classNames;
    tb::engine::ConfusionMatrix matrix{std::vector<std::string>{}};
    int samples = 0;
    tb::engine::NpyArray probabilities; ///< [samples, classes]
    std::vector<int> labels;            ///< per sample, its true class
    std::vector<int> predicted;         ///< per sample, the first of its most probable classes

    int classCount() const { return static_cast<int>(classNames.size()); }
    float probability(int sample, int c) const;
    /// The samples of `trueClass` predicted as `predictedClass`: mistakes the most confident
    /// first, right ones the least confident first (what a reviewer wants to see first).
    std::vector<int> samplesOf(int trueClass, int predictedClass) const;
    /// The `count` classes `sample` was given the most probability for, the most first.
    std::vector<int> topClasses(int sample, int count) const;
};

/// Reads the predictions whose description is `jsonPath` (a run's `class_predictions`
/// artifact) and the files beside it. On failure returns false with `error` naming the file
/// and what is wrong.
bool loadRunClasses(const QString& jsonPath, RunClasses& out, QString& error);

} // namespace tb::ui
