// The forecasting loss, the five metrics per split and per step, and the saved forecasts.
#include "ForecastTestHelpers.h"
#include "engine/data/csv/CsvSplits.h"
#include "engine/training/ForecastObjective.h"
#include "engine/util/NpyFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <map>
#include <numeric>

using namespace tb::engine;
using namespace tb::test;

namespace {

std::map<std::string, double> byName(const std::vector<MetricValue>& metrics) {
    std::map<std::string, double> out;
    for (const auto& m : metrics)
        out[m.name] = m.value;
    return out;
}

/// Two windows, label 1, pred 2, two channels; the forecast steps hold `truth`.
Batch batchWithTruth(const std::vector<float>& truth) {
    Batch b;
    b.input = torch::zeros({2, 3, 2});
    auto target = torch::full({2, 3, 2}, 99.0f); // the label row must be ignored
    target.narrow(1, 1, 2).copy_(torch::tensor(truth).view({2, 2, 2}));
    b.target = target;
    return b;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray{};
}

} // namespace

class TestForecastObjective : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scoresTheForecastStepsOnly() {
        const Batch b = batchWithTruth({1, 2, 4, -2, 1, 1, 2, 2});
        const auto prediction =
            torch::tensor(std::vector<float>{2, 2, 4, -1, 1, 3, 2, 2}).view({2, 2, 2});
        ForecastObjective objective(nullptr);
        objective.accumulate(prediction, b);
        const auto m = byName(objective.summarize("val"));
        // errors: 1, 0, 0, 1, 0, 2, 0, 0 over 8 values
        QCOMPARE(m.at("val/mse"), 6.0 / 8.0);
        QCOMPARE(m.at("val/loss"), 6.0 / 8.0);
        QCOMPARE(m.at("val/mae"), 4.0 / 8.0);
        QCOMPARE(m.at("val/rmse"), std::sqrt(6.0 / 8.0));
        // |e / t|: 1, 0, 0, 0.5, 0, 2, 0, 0
        QCOMPARE(m.at("val/mape"), 3.5 / 8.0);
        QCOMPARE(m.at("val/mspe"), 5.25 / 8.0);
        QVERIFY(objective.summarize("val").empty()); // totals were reset
    }

    void lossIsTheMeanSquaredErrorWithGradient() {
        const Batch b = batchWithTruth({1, 2, 4, -2, 1, 1, 2, 2});
        auto prediction = torch::zeros({2, 2, 2}, torch::requires_grad());
        ForecastObjective objective(nullptr);
        const auto loss = objective.loss(prediction, b);
        QCOMPARE(loss.item<double>(), (1 + 4 + 16 + 4 + 1 + 1 + 4 + 4) / 8.0);
        loss.backward();
        QVERIFY(prediction.grad().defined());
    }

    void forecastsOfTheTargetChannelAreScoredAgainstTheLastChannel() {
        const Batch b = batchWithTruth({1, 2, 4, -2, 1, 1, 2, 2});
        ForecastObjective objective(nullptr);
        // one output channel: compared with channel 1 (2, -2, 1, 2)
        objective.accumulate(torch::tensor(std::vector<float>{2, -2, 1, 2}).view({2, 2, 1}), b);
        QCOMPARE(byName(objective.summarize("test")).at("test/mse"), 0.0);
    }

    void rejectsAForecastOfTheWrongShape() {
        const Batch b = batchWithTruth({1, 2, 4, -2, 1, 1, 2, 2});
        ForecastObjective objective(nullptr);
        QVERIFY_EXCEPTION_THROWN(objective.loss(torch::zeros({2, 4, 2}), b), std::invalid_argument);
        QVERIFY_EXCEPTION_THROWN(objective.loss(torch::zeros({2, 2, 3}), b), std::invalid_argument);
        QVERIFY_EXCEPTION_THROWN(objective.loss(torch::zeros({3, 2, 2}), b), std::invalid_argument);
        QVERIFY_EXCEPTION_THROWN(objective.accumulate(torch::zeros({2, 2}), b),
                                 std::invalid_argument);
    }

    void warnsWhenTargetsNearZeroDominateMape() {
        const Batch b = batchWithTruth({0.001f, 2, 4, -2, 0, 1, 2, 2});
        ForecastObjective objective(nullptr);
        objective.accumulate(
            torch::tensor(std::vector<float>{1, 2, 4, -2, 1, 1, 2, 2}).view({2, 2, 2}), b);
        const auto m = byName(objective.summarize("test"));
        QVERIFY(std::isfinite(m.at("test/mape")));
        // The exact zero is left out: one error of 0.999 on a target of 0.001, over 7 targets.
        const double nearZero = static_cast<double>(0.001f);
        QVERIFY(std::abs(m.at("test/mape") - (1.0 - nearZero) / nearZero / 7.0) < 1e-6);
        const auto report = objective.finish("test", {});
        QCOMPARE(report.warnings.size(), std::size_t{2});
        QVERIFY2(QString::fromStdString(report.warnings[0]).contains("dominated by 1 targets"),
                 report.warnings[0].c_str());
        QVERIFY(
            QString::fromStdString(report.warnings[1]).contains("1 test targets are exactly 0"));
        QVERIFY(report.artifacts.empty());
    }

    void staysQuietOnOrdinaryTargets() {
        const Batch b = batchWithTruth({1, 2, 4, -2, 1, 1, 2, 2});
        ForecastObjective objective(nullptr);
        objective.accumulate(torch::zeros({2, 2, 2}), b);
        objective.summarize("test");
        QVERIFY(objective.finish("test", {}).warnings.empty());
    }

    void savesTheTestForecastsPerStepAndTheScaler() {
        QTemporaryDir dir;
        CsvSplitOptions o;
        o.path = writeFile(dir, "synthetic.csv", syntheticCsv(300, 3));
        o.window = {24, 8, 6};
        o.features = "MS";
        const DataSplits splits = loadCsvSplits(o);
        const auto test = std::dynamic_pointer_cast<const WindowDataset>(splits.test);
        ForecastObjective objective(test);
        std::vector<std::int64_t> all(static_cast<std::size_t>(test->size()));
        std::iota(all.begin(), all.end(), 0);
        const Batch batch = test->gather(all);
        // Forecast the last input value: the error grows with the step.
        const auto last = batch.input.narrow(1, 23, 1).narrow(2, 2, 1).expand({-1, 6, -1});
        objective.accumulate(last, batch);
        const auto overall = byName(objective.summarize("test"));

        const QString artifacts = dir.filePath("run-1");
        const auto report = objective.finish("test", artifacts.toStdString());
        // Every file written is named, so that deleting the run deletes them all.
        QStringList named;
        for (const auto& a : report.artifacts)
            named << QFileInfo(QString::fromStdString(a.path)).fileName();
        named.sort();
        QCOMPARE(named, QDir(artifacts).entryList(QDir::Files, QDir::Name));
        QCOMPARE(named.size(), 6);

        const auto forecast =
            QJsonDocument::fromJson(readAll(artifacts + "/test-forecast.json")).object();
        QCOMPARE(forecast["windows"].toInt(), static_cast<int>(test->size()));
        QCOMPARE(forecast["pred_len"].toInt(), 6);
        QCOMPARE(forecast["columns"].toArray().size(), 1);
        QCOMPARE(forecast["columns"].toArray()[0].toString(), QString("OT"));
        QCOMPARE(forecast["first_forecast_row"].toInt(), static_cast<int>(test->forecastRow(0)));
        // The series and its dates start seq_len rows earlier, at the first window's input.
        const auto firstRow = test->forecastRow(0) - 24;
        QCOMPARE(forecast["first_row"].toInt(), static_cast<int>(firstRow));
        QCOMPARE(forecast["dates"].toArray().size(), static_cast<int>(24 + test->size() + 5));
        QCOMPARE(forecast["dates"].toArray()[0].toString(),
                 QString::fromStdString(
                     test->info().dates[static_cast<std::size_t>(firstRow)].toString()));
        QCOMPARE(forecast["mean"].toArray()[0].toDouble(), test->info().scaler.mean()[2]);

        const QByteArray npy = readAll(artifacts + "/test-predictions.npy");
        const int headerLength =
            static_cast<unsigned char>(npy[8]) | static_cast<unsigned char>(npy[9]) << 8;
        QCOMPARE((10 + headerLength) % 64, 0);
        const auto predictions = readNpyFile((artifacts + "/test-predictions.npy").toStdString());
        QCOMPARE(predictions.shape, (std::vector<std::int64_t>{test->size(), 6, 1}));
        QCOMPARE(predictions.values[0], last[0][0][0].item<float>());
        QCOMPARE(predictions.values.back(), last[-1][-1][0].item<float>());

        const auto truth = readNpyFile((artifacts + "/test-truth.npy").toStdString());
        QCOMPARE(truth.shape, predictions.shape);
        QCOMPARE(truth.values[0], batch.target[0][8][2].item<float>());

        // Window i's input is series rows [i, i + 24), its truth rows [i + 24, i + 30).
        const auto series = readNpyFile((artifacts + "/test-series.npy").toStdString());
        QCOMPARE(series.shape, (std::vector<std::int64_t>{24 + test->size() + 5, 1}));
        const auto lastWindow = test->size() - 1;
        QCOMPARE(series.values[static_cast<std::size_t>(lastWindow)],
                 batch.input[lastWindow][0][2].item<float>());
        QCOMPARE(series.values.back(), truth.values.back());

        const auto lines = QString(readAll(artifacts + "/test-horizon-metrics.csv"))
                               .split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 7);
        QCOMPARE(lines[0], QString("step,mse,mae,rmse,mape,mspe"));
        double meanOfSteps = 0.0;
        for (int step = 1; step <= 6; ++step)
            meanOfSteps += lines[step].split(',')[1].toDouble() / 6.0;
        QVERIFY(std::abs(meanOfSteps - overall.at("test/mse")) < 1e-6);
        QVERIFY(lines[6].split(',')[1].toDouble() > lines[1].split(',')[1].toDouble());

        const auto scaler = QJsonDocument::fromJson(readAll(artifacts + "/scaler.json")).object();
        QCOMPARE(scaler["columns"].toArray().size(), 3);
    }

    void aFailedSaveIsAWarningNotAnError() {
        QTemporaryDir dir;
        CsvSplitOptions o;
        o.path = writeFile(dir, "synthetic.csv", syntheticCsv(300, 2));
        o.window = {24, 8, 6};
        const DataSplits splits = loadCsvSplits(o);
        const auto test = std::dynamic_pointer_cast<const WindowDataset>(splits.test);
        ForecastObjective objective(test);
        std::vector<std::int64_t> all(static_cast<std::size_t>(test->size()));
        std::iota(all.begin(), all.end(), 0);
        objective.accumulate(torch::zeros({test->size(), 6, 2}), test->gather(all));
        objective.summarize("test");
        const std::string blocked = writeFile(dir, "a-file", "x") + "/artifacts";
        const auto report = objective.finish("test", blocked);
        QVERIFY(report.artifacts.empty());
        QCOMPARE(report.warnings.size(), std::size_t{1});
        QVERIFY(QString::fromStdString(report.warnings[0])
                    .startsWith("the test forecasts were not saved"));
    }
};

QTEST_GUILESS_MAIN(TestForecastObjective)
#include "tst_forecastobjective.moc"
