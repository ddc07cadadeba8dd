#include "ui/classes/RunClasses.h"

#include "ui/util/RunFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace tb::ui {

namespace {

/// The sentence that ends every message about a damaged file: what writes it anew.
QString rewriteAdvice() {
    return QObject::tr("The run's test pass writes its files anew when it trains longer "
                       "(Train longer\u2026 in its menu in Runs).");
}

bool fail(QString& error, const QString& what) {
    error = what + QLatin1Char(' ') + rewriteAdvice();
    return false;
}

/// The first of the most probable classes of a row, as torch.argmax picks it.
int firstMaximum(const float* row, int classes) {
    return static_cast<int>(std::max_element(row, row + classes) - row);
}

bool readConfusion(const QString& path, RunClasses& c, QString& error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(error, QObject::tr("%1 cannot be read: %2.").arg(path, file.errorString()));
    try {
        c.matrix = tb::engine::ConfusionMatrix::fromCsv(file.readAll().toStdString());
    } catch (const std::runtime_error& e) {
        return fail(error, QObject::tr("%1 is not a confusion matrix as Trainbench writes it: %2.")
                               .arg(path, QString::fromUtf8(e.what())));
    }
    QStringList names;
    for (const std::string& name : c.matrix.classNames())
        names << QString::fromStdString(name);
    if (names != c.classNames)
        return fail(error, QObject::tr("%1 names the classes %2, but the run's test-classes.json "
                                       "names %3.")
                               .arg(path, names.join(QStringLiteral(", ")),
                                    c.classNames.join(QStringLiteral(", "))));
    if (c.matrix.total() != c.samples)
        return fail(error, QObject::tr("%1 counts %2 test images, but the run's test-classes.json "
                                       "says %3.")
                               .arg(path)
                               .arg(c.matrix.total())
                               .arg(c.samples));
    return true;
}

bool readArrays(const QDir& folder, const QJsonObject& json, RunClasses& c, QString& error) {
    const QString probabilitiesPath = folder.filePath(json["probabilities"].toString());
    const QString labelsPath = folder.filePath(json["labels"].toString());
    tb::engine::NpyArray labels;
    try {
        c.probabilities = tb::engine::readNpyFile(probabilitiesPath.toStdString());
        labels = tb::engine::readNpyFile(labelsPath.toStdString());
    } catch (const std::runtime_error& e) {
        return fail(error, QString::fromUtf8(e.what()) + QLatin1Char('.'));
    }
    const std::vector<std::int64_t> probabilityShape{c.samples, c.classCount()};
    const std::vector<std::int64_t> labelShape{c.samples};
    if (c.probabilities.shape != probabilityShape)
        return fail(error, QObject::tr("%1 holds an array of %2, but the run's test-classes.json "
                                       "describes %3 test images of %4 classes: %5.")
                               .arg(probabilitiesPath, shapeText(c.probabilities.shape))
                               .arg(c.samples)
                               .arg(c.classCount())
                               .arg(shapeText(probabilityShape)));
    if (labels.shape != labelShape)
        return fail(error, QObject::tr("%1 holds an array of %2, but the run's test-classes.json "
                                       "describes %3 test images: %4.")
                               .arg(labelsPath, shapeText(labels.shape))
                               .arg(c.samples)
                               .arg(shapeText(labelShape)));
    c.labels.resize(static_cast<std::size_t>(c.samples));
    c.predicted.resize(c.labels.size());
    for (int i = 0; i < c.samples; ++i) {
        const float label = labels.values[static_cast<std::size_t>(i)];
        if (!(label >= 0.0f && label < static_cast<float>(c.classCount())) ||
            label != std::floor(label))
            return fail(error, QObject::tr("%1 gives test image %2 the label %3, which is not "
                                           "one of the %4 classes (0 to %5).")
                                   .arg(labelsPath)
                                   .arg(i)
                                   .arg(static_cast<double>(label))
                                   .arg(c.classCount())
                                   .arg(c.classCount() - 1));
        c.labels[static_cast<std::size_t>(i)] = static_cast<int>(label);
        c.predicted[static_cast<std::size_t>(i)] = firstMaximum(
            c.probabilities.values.data() + static_cast<std::size_t>(i) * c.classNames.size(),
            c.classCount());
    }
    return true;
}

} // namespace

float RunClasses::probability(int sample, int c) const {
    return probabilities
        .values[static_cast<std::size_t>(sample) * classNames.size() + static_cast<std::size_t>(c)];
}

std::vector<int> RunClasses::samplesOf(int trueClass, int predictedClass) const {
    std::vector<int> out;
    for (int i = 0; i < samples; ++i) {
        const auto at = static_cast<std::size_t>(i);
        if (labels[at] == trueClass && predicted[at] == predictedClass)
            out.push_back(i);
    }
    const bool right = trueClass == predictedClass;
    std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
        const float pa = probability(a, predictedClass);
        const float pb = probability(b, predictedClass);
        return right ? pa < pb : pa > pb;
    });
    return out;
}

std::vector<int> RunClasses::topClasses(int sample, int count) const {
    std::vector<int> order(classNames.size());
    std::iota(order.begin(), order.end(), 0);
    const auto top = std::min<std::size_t>(static_cast<std::size_t>(count), order.size());
    std::partial_sort(
        order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
        [&](int a, int b) { return probability(sample, a) > probability(sample, b); });
    order.resize(top);
    return order;
}

bool loadRunClasses(const QString& jsonPath, RunClasses& out, QString& error) {
    QFile file(jsonPath);
    if (!file.exists()) {
        error = missingRunFileText(jsonPath, QObject::tr("its confusion matrix"));
        return false;
    }
    if (!file.open(QIODevice::ReadOnly))
        return fail(error, QObject::tr("%1 cannot be read: %2.").arg(jsonPath, file.errorString()));
    QJsonParseError parseError;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return fail(
            error,
            QObject::tr("%1 is not valid JSON: %2.").arg(jsonPath, parseError.errorString()));

    RunClasses c;
    for (const auto& name : json["class_names"].toArray())
        c.classNames << name.toString();
    c.samples = json["samples"].toInt(-1);
    c.imagesPath = json["images"].toString();
    for (const auto& imageFile : json["image_files"].toArray())
        c.imageFiles << imageFile.toString();
    if (c.classNames.isEmpty() || c.samples < 0)
        return fail(error,
                    QObject::tr("%1 names no classes or no number of test images.").arg(jsonPath));
    const QDir folder = QFileInfo(jsonPath).dir();
    c.confusionPath = folder.filePath(json["confusion"].toString());
    if (!readConfusion(c.confusionPath, c, error) || !readArrays(folder, json, c, error))
        return false;
    out = std::move(c);
    return true;
}

} // namespace tb::ui
