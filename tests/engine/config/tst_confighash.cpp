// configHash: one digest per effective config, whatever way it was written.
#include "TestSchemaHelpers.h"
#include "engine/config/ConfigYaml.h"

#include <QRegularExpression>
#include <QTest>

using namespace tb::engine;
using namespace tb::engine::test;

namespace {

using I = std::int64_t;

QString hashOf(const QString& yaml) {
    const ConfigParseResult r = parseConfigYaml(yaml.toStdString(), testSchema());
    if (!r.issues.empty())
        qFatal("test YAML does not parse: %s", formatIssues(r.issues).c_str());
    return QString::fromStdString(configHash(r.config));
}

} // namespace

class TestConfigHash : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void isSixteenHexDigitsOfFnv1a();
    void sameEffectiveConfigSameHash_data();
    void sameEffectiveConfigSameHash();
    void differentEffectiveConfigDifferentHash_data();
    void differentEffectiveConfigDifferentHash();
    void ignoresValuesOutOfScope();
};

void TestConfigHash::isSixteenHexDigitsOfFnv1a() {
    // Digests of the canonical text "a=1\n" and "a=1\nb=\"yes\"\n", computed independently.
    Schema s;
    s.add(FieldSpec{"a", FieldType::Int, I{1}});
    QCOMPARE(QString::fromStdString(configHash(Config(s))), QString("ed9ed282c45f76f4"));
    s.add(FieldSpec{"b", FieldType::String, std::string{"yes"}});
    QCOMPARE(QString::fromStdString(configHash(Config(s))), QString("2bdbea3ecaaae47c"));
    QCOMPARE(QString::fromStdString(configHash(Config(Schema{}))), QString("cbf29ce484222325"));

    const QString hash = QString::fromStdString(configHash(Config(testSchema())));
    QVERIFY(QRegularExpression("^[0-9a-f]{16}$").match(hash).hasMatch());
}

void TestConfigHash::sameEffectiveConfigSameHash_data() {
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");

    QTest::newRow("key order") << "seed: 1\ntrain: {epochs: 4, batch_size: 8}"
                               << "train: {batch_size: 8, epochs: 4}\nseed: 1";
    QTest::newRow("default written out") << ""
                                         << "train: {epochs: 3}\noptim: {name: adamw}";
    QTest::newRow("all defaults written out")
        << "" << QString::fromStdString(toYaml(Config(testSchema())));
    QTest::newRow("float spelling") << "optim: {lr: 1e-3}"
                                    << "optim: {lr: 0.0010}";
    QTest::newRow("int for float") << "optim: {lr: 1}"
                                   << "optim: {lr: 1.0}";
    QTest::newRow("dotted vs nested") << "train.early_stop.patience: 2"
                                      << "train:\n  early_stop:\n    patience: 2\n";
    QTest::newRow("bool spelling") << "train: {shuffle: no}"
                                   << "train: {shuffle: false}";
    QTest::newRow("family default") << "model: {name: cnn}"
                                    << "model: {name: cnn, hidden: 128, channels: 32}";
}

void TestConfigHash::sameEffectiveConfigSameHash() {
    QFETCH(QString, a);
    QFETCH(QString, b);
    QCOMPARE(hashOf(a), hashOf(b));
}

void TestConfigHash::differentEffectiveConfigDifferentHash_data() {
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");

    QTest::newRow("int value") << "train: {epochs: 3}"
                               << "train: {epochs: 4}";
    QTest::newRow("float last bit") << "optim: {lr: 0.30000000000000004}"
                                    << "optim: {lr: 0.3}";
    QTest::newRow("string") << "name: a"
                            << "name: b";
    QTest::newRow("family") << ""
                            << "model: {name: cnn}";
    QTest::newRow("data kind") << ""
                               << "data: {kind: csv}";
    QTest::newRow("swapped values") << "seed: 1\ntrain: {epochs: 2}"
                                    << "seed: 2\ntrain: {epochs: 1}";
}

void TestConfigHash::differentEffectiveConfigDifferentHash() {
    QFETCH(QString, a);
    QFETCH(QString, b);
    QVERIFY(hashOf(a) != hashOf(b));
}

void TestConfigHash::ignoresValuesOutOfScope() {
    Config c(testSchema());
    const std::string before = configHash(c);
    c.set("model.channels", I{8});
    c.set("data.target", std::string{"price"});
    QCOMPARE(configHash(c), before);
    c.set("model.name", std::string{"cnn"});
    QVERIFY(configHash(c) != before);
}

QTEST_GUILESS_MAIN(TestConfigHash)
#include "tst_confighash.moc"
