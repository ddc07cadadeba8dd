// Config: set values over schema defaults, per model family, and typed reads.
#include "TestSchemaHelpers.h"

#include <QTest>
#include <stdexcept>

using namespace tb::engine;
using namespace tb::engine::test;

namespace {
using I = std::int64_t;
} // namespace

class TestConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void valueIsSetValueOrDefault_data();
    void valueIsSetValueOrDefault();
    void unsetRestoresTheDefault();
    void undeclaredKeyThrowsNamingIt();
    void typedReads();
    void typedReadOfAnotherTypeThrows();
    void setValuesAreSortedAndEqualityComparesThem();
    void inactiveKeysAreTheOtherFamilysAndKinds();
};

void TestConfig::valueIsSetValueOrDefault_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("setIt");
    QTest::addColumn<ConfigValue>("setTo");
    QTest::addColumn<QString>("expected");

    QTest::newRow("default") << "mlp"
                             << "train.epochs" << false << ConfigValue{} << "int 3";
    QTest::newRow("set") << "mlp"
                         << "train.epochs" << true << ConfigValue{I{9}} << "int 9";
    QTest::newRow("mlp default") << "mlp"
                                 << "model.hidden" << false << ConfigValue{} << "int 256";
    QTest::newRow("cnn default") << "cnn"
                                 << "model.hidden" << false << ConfigValue{} << "int 128";
    QTest::newRow("cnn set") << "cnn"
                             << "model.hidden" << true << ConfigValue{I{64}} << "int 64";
    QTest::newRow("inactive: first declaration")
        << "mlp"
        << "model.channels" << false << ConfigValue{} << "int 32";
    QTest::newRow("inactive set") << "mlp"
                                  << "model.channels" << true << ConfigValue{I{8}} << "int 8";
    QTest::newRow("string") << "mlp"
                            << "name" << true << ConfigValue{std::string{"x"}} << "string 'x'";
}

void TestConfig::valueIsSetValueOrDefault() {
    QFETCH(QString, model);
    QFETCH(QString, key);
    QFETCH(bool, setIt);
    QFETCH(ConfigValue, setTo);
    QFETCH(QString, expected);

    Config c(testSchema());
    c.set("model.name", model.toStdString());
    if (setIt)
        c.set(key.toStdString(), setTo);
    QCOMPARE(describe(c.value(key.toStdString())), expected);
}

void TestConfig::unsetRestoresTheDefault() {
    Config c(testSchema());
    c.set("optim.lr", 0.5);
    QCOMPARE(c.getFloat("optim.lr"), 0.5);
    QVERIFY(c.findSet("optim.lr") != nullptr);
    c.unset("optim.lr");
    QCOMPARE(c.getFloat("optim.lr"), 1e-3);
    QVERIFY(c.findSet("optim.lr") == nullptr);
}

void TestConfig::undeclaredKeyThrowsNamingIt() {
    Config c(testSchema());
    c.set("train.epoch", I{5});
    for (const std::string key : {"train.epoch", "train", "model.depth"}) {
        try {
            c.value(key);
            QFAIL("no exception for an undeclared key");
        } catch (const std::out_of_range& e) {
            QVERIFY2(QString(e.what()).contains(QString::fromStdString("'" + key + "'")), e.what());
        }
    }
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, c.getInt("train.epoch"));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, c.getString("nope"));
}

void TestConfig::typedReads() {
    Config c(testSchema());
    c.set("optim.lr", I{2});
    QCOMPARE(c.getFloat("optim.lr"), 2.0);
    QCOMPARE(c.getInt("train.batch_size"), I{64});
    QCOMPARE(c.getBool("train.shuffle"), true);
    QCOMPARE(QString::fromStdString(c.getString("optim.name")), QString("adamw"));
    QCOMPARE(QString::fromStdString(c.getString("data.root")), QString("/data/mnist"));
}

void TestConfig::typedReadOfAnotherTypeThrows() {
    Config c(testSchema());
    c.set("train.epochs", 2.5);
    c.set("optim.lr", std::string{"fast"});
    QVERIFY_THROWS_EXCEPTION(std::bad_variant_access, c.getInt("train.epochs"));
    QVERIFY_THROWS_EXCEPTION(std::bad_variant_access, c.getFloat("optim.lr"));
    QVERIFY_THROWS_EXCEPTION(std::bad_variant_access, c.getString("train.batch_size"));
    QVERIFY_THROWS_EXCEPTION(std::bad_variant_access, c.getBool("seed"));
}

void TestConfig::setValuesAreSortedAndEqualityComparesThem() {
    Config a(testSchema());
    a.set("train.epochs", I{4});
    a.set("name", std::string{"b"});
    a.set("model.name", std::string{"cnn"});
    QStringList keys;
    for (const auto& entry : a.setValues())
        keys << QString::fromStdString(entry.first);
    QCOMPARE(keys, (QStringList{"model.name", "name", "train.epochs"}));

    Config b(testSchema());
    b.set("model.name", std::string{"cnn"});
    b.set("name", std::string{"b"});
    QVERIFY(!(a == b));
    b.set("train.epochs", I{4});
    QVERIFY(a == b);
    Config copy = a;
    copy.set("train.epochs", I{5});
    QCOMPARE(a.getInt("train.epochs"), I{4});
    QVERIFY(!(copy == a));
}

void TestConfig::inactiveKeysAreTheOtherFamilysAndKinds() {
    Config c(testSchema());
    c.set("model.channels", I{8});           // the CNN's
    c.set("model.hidden", I{64});            // the MLP has one too
    c.set("data.target", std::string{"OT"}); // CSV data's
    c.set("train.epochs", I{2});
    QCOMPARE(c.inactiveKeys(), (std::vector<std::string>{"data.target", "model.channels"}));
    c.set("model.name", std::string{"cnn"});
    QCOMPARE(c.inactiveKeys(), std::vector<std::string>{"data.target"});
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
