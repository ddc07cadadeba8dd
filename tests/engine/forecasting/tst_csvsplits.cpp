// The papers' protocol: ETT and ratio splits, windows, scaling, channels and field checks.
#include "ForecastTestHelpers.h"
#include "engine/data/DataError.h"
#include "engine/data/csv/CsvSplits.h"
#include "engine/training/ForecastObjective.h"

#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <numeric>
#include <thread>

using namespace tb::engine;
using namespace tb::test;

namespace {

CsvSplitOptions ettOptions(const std::string& path, std::int64_t seqLen, std::int64_t predLen) {
    CsvSplitOptions o;
    o.path = path;
    o.split = "ett";
    o.window = {seqLen, 48, predLen};
    return o;
}

std::vector<std::int64_t> range(std::int64_t begin, std::int64_t end) {
    std::vector<std::int64_t> out(static_cast<std::size_t>(end - begin));
    std::iota(out.begin(), out.end(), begin);
    return out;
}

const WindowDataset& windows(const std::shared_ptr<const Dataset>& dataset) {
    return dynamic_cast<const WindowDataset&>(*dataset);
}

QString issueText(const ConfigIssues& issues) {
    QString text;
    for (const auto& issue : issues)
        text += QString::fromStdString(issue.field + ": " + issue.message + "\n");
    return text;
}

} // namespace

class TestCsvSplits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ettSplitsTwelveFourFourMonths_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("rowsPerHour");
        QTest::newRow("hourly") << "ett/ETTh1.csv" << qint64{1};
        QTest::newRow("15 minutes") << "ett/ETTm1.csv" << qint64{4};
    }
    void ettSplitsTwelveFourFourMonths() {
        QFETCH(QString, file);
        QFETCH(qint64, rowsPerHour);
        const std::string path = sharedDataFile(file.toStdString());
        if (path.empty())
            QSKIP("the shared data files are not beside the repository");
        const auto options = ettOptions(path, 336, 96);
        const auto plan = planSplits(readCsvTable(path), options);
        const std::int64_t month = 30 * 24 * rowsPerHour;
        QCOMPARE(plan[0].begin, std::int64_t{0});
        QCOMPARE(plan[0].end, 12 * month); // 8640 hourly
        QCOMPARE(plan[1].begin, 12 * month - 336);
        QCOMPARE(plan[1].end, 16 * month);
        QCOMPARE(plan[2].begin, 16 * month - 336);
        QCOMPARE(plan[2].end, 20 * month);

        const DataSplits splits = loadCsvSplits(options);
        QCOMPARE(splits.task, std::string{"forecasting"});
        QCOMPARE(splits.sampleShape, (std::vector<std::int64_t>{336, 7}));
        QCOMPARE(splits.train->size(), 12 * month - 336 - 96 + 1);
        QCOMPARE(splits.test->size(), 4 * month - 96 + 1); // 2785 hourly: every window kept
        QCOMPARE(windows(splits.test).forecastRow(0), 16 * month);
    }

    // The reference's deterministic protocol check (forecasting.md): repeating the last input
    // value must give these test figures to 4 decimals.
    void repeatingTheLastValueMatchesThePublishedProtocol_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("predLen");
        QTest::addColumn<qint64>("windowCount");
        QTest::addColumn<double>("mse");
        QTest::addColumn<double>("mae");
        QTest::newRow("ETTh1 96") << "ett/ETTh1.csv" << qint64{96} << qint64{2785} << 1.29437
                                  << 0.71318;
        QTest::newRow("ETTh1 192")
            << "ett/ETTh1.csv" << qint64{192} << qint64{2689} << 1.32488 << 0.73310;
        QTest::newRow("ETTh1 336")
            << "ett/ETTh1.csv" << qint64{336} << qint64{2545} << 1.32993 << 0.74597;
        QTest::newRow("ETTh1 720")
            << "ett/ETTh1.csv" << qint64{720} << qint64{2161} << 1.33512 << 0.75505;
        QTest::newRow("ETTh2 96") << "ett/ETTh2.csv" << qint64{96} << qint64{2785} << 0.43166
                                  << 0.42162;
        QTest::newRow("ETTh2 720")
            << "ett/ETTh2.csv" << qint64{720} << qint64{2161} << 0.59447 << 0.51899;
        QTest::newRow("ETTm1 96") << "ett/ETTm1.csv" << qint64{96} << qint64{11425} << 1.21390
                                  << 0.66478;
        QTest::newRow("ETTm2 96") << "ett/ETTm2.csv" << qint64{96} << qint64{11425} << 0.26646
                                  << 0.32776;
    }
    void repeatingTheLastValueMatchesThePublishedProtocol() {
        QFETCH(QString, file);
        QFETCH(qint64, predLen);
        QFETCH(qint64, windowCount);
        QFETCH(double, mse);
        QFETCH(double, mae);
        const std::string path = sharedDataFile(file.toStdString());
        if (path.empty())
            QSKIP("the shared data files are not beside the repository");
        const DataSplits splits = loadCsvSplits(ettOptions(path, 336, predLen));
        QCOMPARE(splits.test->size(), windowCount);

        ForecastObjective objective(nullptr);
        constexpr std::int64_t kBatch = 1024;
        for (std::int64_t begin = 0; begin < windowCount; begin += kBatch) {
            const Batch batch = splits.test->gather(
                range(begin, std::min<std::int64_t>(begin + kBatch, windowCount)));
            const auto last = batch.input.narrow(1, batch.input.size(1) - 1, 1);
            objective.accumulate(last.expand({-1, predLen, -1}), batch);
        }
        double ourMse = 0.0;
        double ourMae = 0.0;
        for (const auto& m : objective.summarize("test")) {
            if (m.name == "test/mse")
                ourMse = m.value;
            if (m.name == "test/mae")
                ourMae = m.value;
        }
        QVERIFY2(std::abs(ourMse - mse) < 5e-5,
                 qPrintable(QString("MSE %1 vs %2").arg(ourMse, 0, 'f', 6).arg(mse)));
        QVERIFY2(std::abs(ourMae - mae) < 5e-5,
                 qPrintable(QString("MAE %1 vs %2").arg(ourMae, 0, 'f', 6).arg(mae)));
    }

    void ratioSplitsSeventyTenTwenty() {
        const std::string path = sharedDataFile("other/exchange_rate.csv");
        if (path.empty())
            QSKIP("the shared data files are not beside the repository");
        CsvSplitOptions o;
        o.path = path;
        o.split = "ratio";
        o.window = {96, 48, 96};
        o.freq = "d";
        const auto plan = planSplits(readCsvTable(path), o);
        // 7588 rows: int(0.7 * 7588) = 5311 train, int(0.2 * 7588) = 1517 test.
        QCOMPARE(plan[0].end, std::int64_t{5311});
        QCOMPARE(plan[1].begin, std::int64_t{5311 - 96});
        QCOMPARE(plan[1].end, std::int64_t{7588 - 1517});
        QCOMPARE(plan[2].begin, std::int64_t{7588 - 1517 - 96});
        QCOMPARE(plan[2].end, std::int64_t{7588});
        const DataSplits splits = loadCsvSplits(o);
        QCOMPARE(splits.sampleShape, (std::vector<std::int64_t>{96, 8}));
        QCOMPARE(splits.test->size(), std::int64_t{1517 - 96 + 1});
    }

    void windowsHoldTheRightRowsAndMarks() {
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "synthetic.csv", syntheticCsv(400, 3));
        CsvSplitOptions o;
        o.path = path;
        o.window = {24, 8, 6};
        o.normalize = false;
        const DataSplits splits = loadCsvSplits(o);
        const auto& val = windows(splits.val);
        const CsvTable table = readCsvTable(path);
        const Batch b = val.gather({5, 0});
        QCOMPARE(b.input.sizes(), (c10::IntArrayRef{2, 24, 3}));
        QCOMPARE(b.target.sizes(), (c10::IntArrayRef{2, 14, 3}));
        QCOMPARE(b.inputMark.sizes(), (c10::IntArrayRef{2, 24, 4}));
        QCOMPARE(b.targetMark.sizes(), (c10::IntArrayRef{2, 14, 4}));
        // Window 5 of the validation split reads file rows val.begin + 5 onwards.
        const auto firstRow = val.forecastRow(5) - 24;
        for (std::int64_t c = 0; c < 3; ++c) {
            const auto expected =
                static_cast<float>(table.values[static_cast<std::size_t>(firstRow * 3 + c)]);
            QCOMPARE(b.input[0][0][c].item<float>(), expected);
        }
        // The target starts label_len rows before the input ends and runs pred_len beyond.
        QVERIFY(torch::equal(b.target[0].narrow(0, 0, 8), b.input[0].narrow(0, 16, 8)));
        const auto lastTarget = val.forecastRow(5) + 5;
        QCOMPARE(b.target[0][13][2].item<float>(),
                 static_cast<float>(table.values[static_cast<std::size_t>(lastTarget * 3 + 2)]));
        QVERIFY(torch::equal(b.targetMark[1].narrow(0, 0, 8), b.inputMark[1].narrow(0, 16, 8)));
    }

    void scalerSeesOnlyTheTrainingRows() {
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "synthetic.csv", syntheticCsv(500, 2));
        CsvSplitOptions o;
        o.path = path;
        o.window = {24, 8, 6};
        const DataSplits splits = loadCsvSplits(o);
        const auto& train = windows(splits.train);
        const auto trainRows = train.series();
        QCOMPARE(trainRows.size(0), std::int64_t{350});
        QVERIFY(trainRows.mean(0).abs().max().item<float>() < 1e-5f);
        QVERIFY((trainRows.std(0, false) - 1).abs().max().item<float>() < 1e-4f);
        const CsvTable table = readCsvTable(path);
        double trainSum = 0.0;
        double allSum = 0.0;
        for (std::int64_t row = 0; row < table.rows(); ++row) {
            const double value = table.values[static_cast<std::size_t>(row * 2 + 1)];
            allSum += value;
            trainSum += row < 350 ? value : 0.0;
        }
        const auto& info = train.info();
        QVERIFY(std::abs(info.scaler.mean()[1] - trainSum / 350.0) < 1e-9);
        QVERIFY(std::abs(info.scaler.mean()[1] - allSum / 500.0) > 1e-3);
        const auto back = info.scaler.inverseTransform(trainRows.narrow(0, 0, 1));
        QVERIFY(std::abs(back[0][1].item<float>() - table.values[1]) < 1e-4);
    }

    void channelsFollowTheFeatures_data() {
        QTest::addColumn<QString>("features");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QStringList>("channels");
        QTest::addColumn<qint64>("outputs");
        QTest::newRow("M keeps the file order")
            << "M"
            << "OT" << QStringList{"x0", "x1", "OT"} << qint64{3};
        QTest::newRow("M moves the target last")
            << "M"
            << "x0" << QStringList{"x1", "OT", "x0"} << qint64{3};
        QTest::newRow("S is the target alone") << "S"
                                               << "x1" << QStringList{"x1"} << qint64{1};
        QTest::newRow("MS forecasts the target")
            << "MS"
            << "OT" << QStringList{"x0", "x1", "OT"} << qint64{1};
    }
    void channelsFollowTheFeatures() {
        QFETCH(QString, features);
        QFETCH(QString, target);
        QFETCH(QStringList, channels);
        QFETCH(qint64, outputs);
        QTemporaryDir dir;
        CsvSplitOptions o;
        o.path = writeFile(dir, "synthetic.csv", syntheticCsv(300, 3));
        o.features = features.toStdString();
        o.target = target.toStdString();
        o.window = {24, 8, 6};
        const DataSplits splits = loadCsvSplits(o);
        const auto& info = windows(splits.test).info();
        QStringList names;
        for (const auto& name : info.columns)
            names << QString::fromStdString(name);
        QCOMPARE(names, channels);
        QCOMPARE(info.outputChannels, outputs);
        QCOMPARE(splits.sampleShape[1], static_cast<std::int64_t>(channels.size()));
    }

    void checksTheFieldsAgainstTheFile_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("issueField");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("missing target") << "target"
                                        << "oil"
                                        << "data.target"
                                        << "'x0', 'x1', 'OT'";
        QTest::newRow("channel count") << "channels"
                                       << "5"
                                       << "data.channels"
                                       << "set it to 3";
        QTest::newRow("S gives one channel") << "S channels"
                                             << "3"
                                             << "data.channels"
                                             << "set it to 1";
        QTest::newRow("too long a window") << "pred_len"
                                           << "200"
                                           << "data.seq_len"
                                           << "too few for one window";
        QTest::newRow("ett on a short file")
            << "split"
            << "ett"
            << "data.split"
            << "the test months begin at row 11520 at the spacing of synthetic.csv, which has 300 "
               "rows; use data.split ratio";
    }
    void checksTheFieldsAgainstTheFile() {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, issueField);
        QFETCH(QString, fragment);
        QTemporaryDir dir;
        CsvSplitOptions o;
        o.path = writeFile(dir, "synthetic.csv", syntheticCsv(300, 3));
        o.window = {24, 8, 6};
        if (field == "target")
            o.target = value.toStdString();
        if (field.endsWith("channels"))
            o.channels = value.toLongLong();
        if (field == "S channels")
            o.features = "S";
        if (field == "pred_len")
            o.window.predLen = value.toLongLong();
        if (field == "split")
            o.split = value.toStdString();
        const auto issues = checkCsvOptions(readCsvTable(o.path), o);
        QCOMPARE(issues.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(issues.front().field), issueField);
        QVERIFY2(QString::fromStdString(issues.front().message).contains(fragment),
                 qPrintable(issueText(issues)));
        try {
            loadCsvSplits(o);
            QFAIL("loadCsvSplits accepted what checkCsvOptions rejects");
        } catch (const DataError& e) {
            QVERIFY2(QString(e.what()).startsWith(issueField), e.what());
        }
    }

    void ettNeedsRowsThatDivideADay() {
        QTemporaryDir dir;
        CsvSplitOptions o;
        o.path = writeFile(dir, "odd.csv", "date,OT\n2020-01-01 00:00,1\n2020-01-01 00:07,2\n");
        o.split = "ett";
        const auto issues = checkCsvOptions(readCsvTable(o.path), o);
        QCOMPARE(issues.size(), std::size_t{1});
        QCOMPARE(issues.front().field, std::string{"data.split"});
        QVERIFY(QString::fromStdString(issues.front().message).contains("420 s apart"));
    }

    void gatherIsSafeFromSeveralThreads() {
        QTemporaryDir dir;
        CsvSplitOptions o;
        o.path = writeFile(dir, "synthetic.csv", syntheticCsv(600, 4));
        o.window = {48, 24, 24};
        const DataSplits splits = loadCsvSplits(o);
        const auto expected = splits.train->gather(range(0, 64));
        std::vector<std::thread> threads;
        std::atomic<int> mismatches{0};
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 50; ++i) {
                    const auto b = splits.train->gather(range(0, 64));
                    if (!torch::equal(b.input, expected.input) ||
                        !torch::equal(b.target, expected.target))
                        ++mismatches;
                }
            });
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(mismatches.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCsvSplits)
#include "tst_csvsplits.moc"
