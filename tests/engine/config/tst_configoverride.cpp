// applyOverride: `key=value` from the command line, typed by the field.
#include "TestSchemaHelpers.h"
#include "engine/config/ConfigYaml.h"

#include <QTest>

using namespace tb::engine;
using namespace tb::engine::test;

class TestConfigOverride : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void setsTypedValues_data();
    void setsTypedValues();
    void reportsBadAssignments_data();
    void reportsBadAssignments();
    void familyFieldMayComeBeforeItsFamily();
    void fieldOfAnotherFamilyIsLeftToValidation();
};

void TestConfigOverride::setsTypedValues_data() {
    QTest::addColumn<QString>("assignment");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");

    QTest::newRow("int") << "train.epochs=5"
                         << "train.epochs"
                         << "int 5";
    QTest::newRow("spaces") << "  train.epochs = 5 "
                            << "train.epochs"
                            << "int 5";
    QTest::newRow("float") << "optim.lr=1e-4"
                           << "optim.lr"
                           << "float 0.0001";
    QTest::newRow("int for float") << "optim.lr=2"
                                   << "optim.lr"
                                   << "float 2.0";
    QTest::newRow("bool") << "train.shuffle=no"
                          << "train.shuffle"
                          << "bool false";
    QTest::newRow("enum") << "optim.name=sgd"
                          << "optim.name"
                          << "string 'sgd'";
    QTest::newRow("yes as text") << "name=yes"
                                 << "name"
                                 << "string 'yes'";
    QTest::newRow("number as text") << "name=42"
                                    << "name"
                                    << "string '42'";
    QTest::newRow("quoted colon") << "name='a: b'"
                                  << "name"
                                  << "string 'a: b'";
    QTest::newRow("equals in value") << "name=x=y"
                                     << "name"
                                     << "string 'x=y'";
    QTest::newRow("path with space") << "data.root=/tmp/my data"
                                     << "data.root"
                                     << "string '/tmp/my data'";
    QTest::newRow("family selector") << "model.name=cnn"
                                     << "model.name"
                                     << "string 'cnn'";
}

void TestConfigOverride::setsTypedValues() {
    QFETCH(QString, assignment);
    QFETCH(QString, key);
    QFETCH(QString, expected);

    Config c(testSchema());
    const ConfigIssues issues = applyOverride(c, assignment.toStdString());
    QVERIFY2(issues.empty(), formatIssues(issues).c_str());
    QCOMPARE(c.setValues().size(), std::size_t{1});
    QCOMPARE(describe(c.value(key.toStdString())), expected);
}

void TestConfigOverride::reportsBadAssignments_data() {
    QTest::addColumn<QString>("assignment");
    QTest::addColumn<QString>("issue");

    QTest::newRow("no equals sign")
        << "train.epochs"
        << ": expected key=value, e.g. train.epochs=5 (got 'train.epochs')";
    QTest::newRow("no key") << "=5"
                            << ": expected key=value, e.g. train.epochs=5 (got '=5')";
    QTest::newRow("empty") << ""
                           << ": expected key=value, e.g. train.epochs=5 (got '')";
    QTest::newRow("misspelt key")
        << "train.epoch=5"
        << "train.epoch: unknown field 'train.epoch'; did you mean 'train.epochs'?";
    QTest::newRow("section") << "train=5"
                             << "train: 'train' is a section, not a value; put its fields "
                                "under it";
    QTest::newRow("float for int") << "train.epochs=1.5"
                                   << "train.epochs: expected an integer (got '1.5')";
    QTest::newRow("not a bool") << "train.shuffle=2"
                                << "train.shuffle: expected true or false (got '2')";
    QTest::newRow("no value") << "train.epochs="
                              << "train.epochs: has no value; give it one or leave the field out";
    QTest::newRow("list") << "train.epochs=[1, 2]"
                          << "train.epochs: expected a single value, got a list";
    QTest::newRow("map") << "name=a: b"
                         << "name: expected a single value, got a map of fields";
    QTest::newRow("broken YAML") << "name=[unclosed"
                                 << "name: cannot read the value '[unclosed': end of sequence flow "
                                    "not found; quote it, e.g. key='value'";
}

void TestConfigOverride::reportsBadAssignments() {
    QFETCH(QString, assignment);
    QFETCH(QString, issue);

    Config c(testSchema());
    QCOMPARE(issueLines(applyOverride(c, assignment.toStdString())), QStringList{issue});
    QVERIFY(c.setValues().empty());
}

void TestConfigOverride::familyFieldMayComeBeforeItsFamily() {
    Config c(testSchema());
    QVERIFY(applyOverride(c, "model.channels=8").empty());
    QVERIFY(applyOverride(c, "model.name=cnn").empty());
    QVERIFY(applyOverride(c, "model.hidden=12").empty());
    QVERIFY2(validateConfig(c).empty(), formatIssues(validateConfig(c)).c_str());
    QCOMPARE(c.getInt("model.channels"), std::int64_t{8});
    QCOMPARE(c.getInt("model.hidden"), std::int64_t{12});
}

void TestConfigOverride::fieldOfAnotherFamilyIsLeftToValidation() {
    Config c(testSchema());
    QVERIFY(applyOverride(c, "model.channels=8").empty());
    QCOMPARE(issueLines(validateConfig(c)),
             QStringList{"model.channels: 'model.channels' is not a parameter of model 'mlp' "
                         "(it belongs to: cnn)"});
}

QTEST_GUILESS_MAIN(TestConfigOverride)
#include "tst_configoverride.moc"
