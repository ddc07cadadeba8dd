// The experiment schema: presets, model families and cross-field rules.
#include "engine/config/ConfigYaml.h"
#include "engine/training/ExperimentSchema.h"

#include <QDir>
#include <QtTest>

using namespace tb::engine;

namespace {

bool mentions(const ConfigIssues& issues, const std::string& field) {
    for (const auto& i : issues) {
        if (i.field == field)
            return true;
    }
    return false;
}

} // namespace

class TestExperimentSchema : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyPresetIsValid_data() {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(TB_PRESET_DIR));
        const auto files = dir.entryList({"*.yaml"}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void everyPresetIsValid() {
        QFETCH(QString, path);
        const auto parsed = loadConfigFile(path.toStdString(), experimentSchema());
        QVERIFY2(parsed.issues.empty(), formatIssues(parsed.issues).c_str());
        const auto issues = validateConfig(parsed.config);
        QVERIFY2(issues.empty(), formatIssues(issues).c_str());
    }

    void everyModelFamilyDeclaresItsHyperparameters() {
        const auto families = modelFamilies();
        QVERIFY(families.size() >= 2);
        for (const auto& family : families) {
            Config c(experimentSchema());
            c.set("model.name", family.name);
            int modelFields = 0;
            for (const FieldSpec* f : experimentSchema().activeFields(c))
                modelFields += f->modelFamily == family.name ? 1 : 0;
            QVERIFY2(modelFields > 0, family.name.c_str());
        }
    }

    void rules_data() {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("field");
        QTest::newRow("device spelled wrong") << "device: gpu"
                                              << "device";
        QTest::newRow("early stopping without validation")
            << "data: {val_fraction: 0}\ntrain: {early_stop: {patience: 2}}"
            << "train.early_stop.patience";
        QTest::newRow("no epochs and no weights to test") << "train: {epochs: 0}"
                                                          << "train.epochs";
        QTest::newRow("batch size zero") << "train: {batch_size: 0}"
                                         << "train.batch_size";
        QTest::newRow("non-finite lr") << "optim: {lr: .nan}"
                                       << "optim.lr";
        QTest::newRow("unknown optimizer") << "optim: {name: adamx}"
                                           << "optim.name";
        QTest::newRow("cnn field on mlp") << "model: {name: mlp, channels: 8}"
                                          << "model.channels";
        QTest::newRow("classifier on a time series")
            << "data: {kind: csv, path: /tmp/x.csv}\nmodel: {name: cnn}"
            << "model.name";
        QTest::newRow("forecaster on images") << "model: {name: dlinear}"
                                              << "model.name";
        QTest::newRow("a name of two lines") << "name: \"first\\nsecond\""
                                             << "name";
        QTest::newRow("a terminal escape in the name") << "name: \"red \\e[31m\""
                                                       << "name";
    }

    void aModelForAnotherTaskNamesTheOnesThatFit() {
        auto parsed = parseConfigYaml("model: {name: patchtst}", experimentSchema());
        QVERIFY(parsed.issues.empty());
        const ConfigIssues issues = validateConfig(parsed.config);
        QCOMPARE(issues.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(issues.front().message),
                 QStringLiteral("model 'patchtst' is for forecasting, but data.kind idx is for "
                                "classification; pick one of cnn, mlp, resnet, or data of "
                                "another kind"));
    }

    void rules() {
        QFETCH(QString, yaml);
        QFETCH(QString, field);
        auto parsed = parseConfigYaml(yaml.toStdString(), experimentSchema());
        auto issues = parsed.issues;
        if (issues.empty())
            issues = validateConfig(parsed.config);
        QVERIFY2(mentions(issues, field.toStdString()), formatIssues(issues).c_str());
    }

    void aCsvStopsEarlyOnItsOwnValidationRows() {
        // data.val_fraction holds out images; a CSV's validation rows follow data.split.
        auto parsed = parseConfigYaml("data: {kind: csv, path: x.csv, val_fraction: 0}\n"
                                      "model: {name: dlinear}\n"
                                      "train: {early_stop: {patience: 2}}",
                                      experimentSchema());
        QVERIFY2(parsed.issues.empty(), formatIssues(parsed.issues).c_str());
        const auto issues = validateConfig(parsed.config);
        QVERIFY2(!mentions(issues, "train.early_stop.patience"), formatIssues(issues).c_str());
    }
};

QTEST_GUILESS_MAIN(TestExperimentSchema)
#include "tst_experimentschema.moc"
