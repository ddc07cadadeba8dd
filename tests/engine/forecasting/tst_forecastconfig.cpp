// Forecasting configs: the csv fields, their cross-field rules, the file checks and the presets.
#include "ForecastTestHelpers.h"
#include "engine/config/ConfigYaml.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/training/RunController.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>

using namespace tb::engine;
using namespace tb::test;

namespace {

const ConfigIssue* issueFor(const ConfigIssues& issues, const std::string& field) {
    for (const auto& issue : issues) {
        if (issue.field == field)
            return &issue;
    }
    return nullptr;
}

} // namespace

class TestForecastConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void csvFieldsApplyToCsvDataOnly() {
        Config c(experimentSchema());
        c.set("data.kind", std::string{"csv"});
        c.set("data.path", std::string{"/tmp/x.csv"});
        c.set("model.name", std::string{"dlinear"});
        QVERIFY2(validateConfig(c).empty(), formatIssues(validateConfig(c)).c_str());
        QCOMPARE(c.getString("data.target"), std::string{"OT"});
        QCOMPARE(c.getInt("data.seq_len"), std::int64_t{96});
        QCOMPARE(c.getInt("model.moving_avg"), std::int64_t{25});

        Config idx(experimentSchema());
        idx.set("data.seq_len", std::int64_t{10});
        const auto issues = validateConfig(idx);
        QVERIFY(issueFor(issues, "data.seq_len") != nullptr);
    }

    void crossFieldRulesNameTheFieldAndTheFix_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("label longer than the input")
            << "data.label_len" << qint64{200} << "data.label_len"
            << "set data.label_len to at most 96";
        QTest::newRow("no horizon") << "data.pred_len" << qint64{0} << "data.pred_len"
                                    << "at least 1";
        QTest::newRow("no input") << "data.seq_len" << qint64{0} << "data.seq_len"
                                  << "at least 1";
    }
    void crossFieldRulesNameTheFieldAndTheFix() {
        QFETCH(QString, key);
        QFETCH(qint64, value);
        QFETCH(QString, field);
        QFETCH(QString, fragment);
        Config c = quickForecastConfig("/tmp/x.csv", "dlinear");
        c.set("data.seq_len", std::int64_t{96});
        c.set(key.toStdString(), std::int64_t{value});
        const auto issues = validateConfig(c);
        const auto* issue = issueFor(issues, field.toStdString());
        QVERIFY2(issue != nullptr, formatIssues(issues).c_str());
        QVERIFY2(QString::fromStdString(issue->message).contains(fragment), issue->message.c_str());
    }

    void anEmptyPathIsAnIssue() {
        Config c = quickForecastConfig("", "dlinear");
        QVERIFY(issueFor(validateConfig(c), "data.path") != nullptr);
    }

    void preflightChecksTheFile_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("missing file") << "data.path"
                                      << "missing.csv"
                                      << "data.path"
                                      << "does not exist";
        QTest::newRow("missing ETT file")
            << "data.path"
            << "ETTh1.csv"
            << "data.path"
            << "download it from https://github.com/zhouhaoyi/ETDataset";
        QTest::newRow("missing illness file") << "data.path"
                                              << "national_illness.csv"
                                              << "data.path"
                                              << "links in https://github.com/thuml/Autoformer";
        QTest::newRow("a folder") << "data.path"
                                  << "."
                                  << "data.path"
                                  << "is a folder; point data.path at a CSV file in it";
        QTest::newRow("malformed file") << "data.path"
                                        << "bad.csv"
                                        << "data.path"
                                        << "line 3, column 'OT'";
        QTest::newRow("missing target") << "data.target"
                                        << "oil"
                                        << "data.target"
                                        << "not a column";
        QTest::newRow("channel count") << "data.channels"
                                       << "7"
                                       << "data.channels"
                                       << "gives 3 channels";
        QTest::newRow("too few rows") << "data.pred_len"
                                      << "400"
                                      << "data.seq_len"
                                      << "too few for one window";
    }
    void preflightChecksTheFile() {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, field);
        QFETCH(QString, fragment);
        QTemporaryDir dir;
        const std::string good = writeFile(dir, "good.csv", syntheticCsv(500, 3));
        writeFile(dir, "bad.csv", "date,x,OT\n2020-01-01 00:00,1,2\n2020-01-01 01:00,1,two\n");
        Config c = quickForecastConfig(good, "dlinear");
        QVERIFY2(preflightConfig(c).empty(), formatIssues(preflightConfig(c)).c_str());
        if (key == "data.path")
            c.set("data.path", dir.filePath(value).toStdString());
        else if (key == "data.target")
            c.set("data.target", value.toStdString());
        else
            c.set(key.toStdString(), std::int64_t{value.toLongLong()});
        const auto issues = preflightConfig(c);
        const auto* issue = issueFor(issues, field.toStdString());
        QVERIFY2(issue != nullptr, formatIssues(issues).c_str());
        QVERIFY2(QString::fromStdString(issue->message).contains(fragment), issue->message.c_str());
    }

    void anEarlyStopMonitorTheTaskLacksIsRefused() {
        QTemporaryDir dir;
        Config c = quickForecastConfig(writeFile(dir, "good.csv", syntheticCsv(500, 3)), "dlinear");
        c.set("train.early_stop.monitor", std::string("val/accuracy"));
        const auto issues = preflightConfig(c);
        const auto* issue = issueFor(issues, "train.early_stop.monitor");
        QVERIFY(issue != nullptr);
        QCOMPARE(QString::fromStdString(issue->message),
                 QString("a forecasting run reports no val/accuracy; monitor one of val/loss, "
                         "val/mse, val/mae, val/rmse, val/mape, val/mspe"));
        c.set("train.early_stop.monitor", std::string("val/mape"));
        QVERIFY2(preflightConfig(c).empty(), formatIssues(preflightConfig(c)).c_str());
    }

    void relativePathsStartAtTheConfigFilesFolder() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("configs"));
        const std::string csv = writeFile(dir, "series.csv", syntheticCsv(300, 2));
        const std::string yaml =
            writeFile(dir, "configs/run.yaml",
                      "data:\n  kind: csv\n  path: ../series.csv\nmodel:\n  name: dlinear\n");
        const ConfigParseResult parsed = loadConfigFile(yaml, experimentSchema());
        QVERIFY2(parsed.issues.empty(), formatIssues(parsed.issues).c_str());
        QCOMPARE(std::filesystem::path(parsed.config.getString("data.path")),
                 std::filesystem::path(csv).lexically_normal());
    }

    void everyForecastingPresetIsValid() {
        const QStringList presets = QDir(QStringLiteral(TB_PRESET_DIR))
                                        .entryList({"*-etth*.yaml", "*-ili-*.yaml"}, QDir::Files);
        QVERIFY2(presets.size() >= 34, qPrintable(QStringLiteral(TB_PRESET_DIR)));
        const bool haveEtt = !sharedDataFile("ett/ETTh1.csv").empty();
        const bool haveIllness = !sharedDataFile("other/national_illness.csv").empty();
        for (const QString& name : presets) {
            const bool haveData = name.contains(QStringLiteral("-ili-")) ? haveIllness : haveEtt;
            const auto parsed = loadConfigFile(
                (QStringLiteral(TB_PRESET_DIR) + "/" + name).toStdString(), experimentSchema());
            QVERIFY2(parsed.issues.empty(),
                     qPrintable(name + ": " + QString::fromStdString(formatIssues(parsed.issues))));
            const auto issues = validateConfig(parsed.config);
            QVERIFY2(issues.empty(),
                     qPrintable(name + ": " + QString::fromStdString(formatIssues(issues))));
            QCOMPARE(QString::fromStdString(parsed.config.getString("name")) + ".yaml", name);
            if (haveData) {
                const auto preflight = preflightConfig(parsed.config);
                QVERIFY2(preflight.empty(),
                         qPrintable(name + ": " + QString::fromStdString(formatIssues(preflight))));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestForecastConfig)
#include "tst_forecastconfig.moc"
