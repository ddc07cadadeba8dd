// Schema: declarations per model family and data kind, which one applies, and the
// declarations it refuses.
#include "TestSchemaHelpers.h"

#include <QTest>
#include <stdexcept>

using namespace tb::engine;
using namespace tb::engine::test;

namespace {

using I = std::int64_t;

Config configFor(const std::string& model, const std::string& kind) {
    Config c(testSchema());
    c.set("model.name", model);
    c.set("data.kind", kind);
    return c;
}

QStringList keysOf(const std::vector<const FieldSpec*>& fields) {
    QStringList keys;
    for (const FieldSpec* field : fields)
        keys << QString::fromStdString(field->key);
    return keys;
}

} // namespace

class TestSchema : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void findActivePicksTheDeclarationThatApplies_data();
    void findActivePicksTheDeclarationThatApplies();
    void findReturnsTheFirstDeclaration();
    void activeFieldsFollowModelAndDataKind_data();
    void activeFieldsFollowModelAndDataKind();
    void selectorsTheSchemaLacksDoNotFilter();
    void addRefusesContradictions_data();
    void addRefusesContradictions();
    void addAcceptsSameKeyForAnotherFamily();
};

void TestSchema::findActivePicksTheDeclarationThatApplies_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("active");
    QTest::addColumn<QString>("defaultValue");

    QTest::newRow("mlp hidden") << "mlp"
                                << "idx"
                                << "model.hidden" << true << "int 256";
    QTest::newRow("cnn hidden") << "cnn"
                                << "idx"
                                << "model.hidden" << true << "int 128";
    QTest::newRow("cnn channels") << "cnn"
                                  << "idx"
                                  << "model.channels" << true << "int 32";
    QTest::newRow("mlp channels") << "mlp"
                                  << "idx"
                                  << "model.channels" << false << "";
    QTest::newRow("shared dropout") << "cnn"
                                    << "csv"
                                    << "model.dropout" << true << "float 0.1";
    QTest::newRow("idx root") << "mlp"
                              << "idx"
                              << "data.root" << true << "string '/data/mnist'";
    QTest::newRow("csv root") << "mlp"
                              << "csv"
                              << "data.root" << false << "";
    QTest::newRow("csv target") << "cnn"
                                << "csv"
                                << "data.target" << true << "string 'OT'";
    QTest::newRow("idx target") << "cnn"
                                << "idx"
                                << "data.target" << false << "";
    QTest::newRow("unknown model") << "rnn"
                                   << "idx"
                                   << "model.hidden" << false << "";
    QTest::newRow("undeclared") << "mlp"
                                << "idx"
                                << "model.depth" << false << "";
}

void TestSchema::findActivePicksTheDeclarationThatApplies() {
    QFETCH(QString, model);
    QFETCH(QString, kind);
    QFETCH(QString, key);
    QFETCH(bool, active);
    QFETCH(QString, defaultValue);

    const Config c = configFor(model.toStdString(), kind.toStdString());
    const FieldSpec* field = testSchema().findActive(key.toStdString(), c);
    QCOMPARE(field != nullptr, active);
    if (field == nullptr)
        return;
    QCOMPARE(QString::fromStdString(field->key), key);
    QVERIFY(testSchema().isActive(*field, c));
    QCOMPARE(describe(field->defaultValue), defaultValue);
}

void TestSchema::findReturnsTheFirstDeclaration() {
    const FieldSpec* hidden = testSchema().find("model.hidden");
    QVERIFY(hidden != nullptr);
    QCOMPARE(QString::fromStdString(hidden->modelFamily), QString("mlp"));
    QVERIFY(testSchema().find("model.depth") == nullptr);
    QVERIFY(testSchema().find("model") == nullptr);
}

void TestSchema::activeFieldsFollowModelAndDataKind_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("keys");

    const QStringList head{"name", "seed", "data.kind"};
    const QStringList tail{"model.dropout",
                           "optim.name",
                           "optim.lr",
                           "train.epochs",
                           "train.batch_size",
                           "train.shuffle",
                           "train.early_stop.patience",
                           "train.early_stop.min_delta"};
    QTest::newRow("mlp idx") << "mlp"
                             << "idx"
                             << head +
                                    QStringList{"data.root", "data.val_fraction", "model.name",
                                                "model.hidden"} +
                                    tail;
    QTest::newRow("cnn csv") << "cnn"
                             << "csv"
                             << head +
                                    QStringList{"data.target", "data.val_fraction", "model.name",
                                                "model.channels", "model.hidden"} +
                                    tail;
}

void TestSchema::activeFieldsFollowModelAndDataKind() {
    QFETCH(QString, model);
    QFETCH(QString, kind);
    QFETCH(QStringList, keys);

    const Config c = configFor(model.toStdString(), kind.toStdString());
    QCOMPARE(keysOf(testSchema().activeFields(c)), keys);
}

void TestSchema::selectorsTheSchemaLacksDoNotFilter() {
    Schema s;
    s.add(FieldSpec{"width", FieldType::Int, I{4}}.forModel("cnn").forData("csv"));
    const Config c(s);
    QCOMPARE(keysOf(s.activeFields(c)), QStringList{"width"});
    QVERIFY(s.findActive("width", c) != nullptr);
}

void TestSchema::addRefusesContradictions_data() {
    QTest::addColumn<SchemaBuilder>("declare");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("same key twice") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"a", FieldType::Int, I{1}});
        s.add(FieldSpec{"a", FieldType::Int, I{2}});
    }) << "declared twice";
    QTest::newRow("same key twice for one family") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"a", FieldType::Int, I{1}}.forModel("cnn"));
        s.add(FieldSpec{"a", FieldType::Int, I{2}}.forModel("cnn"));
    }) << "declared twice";
    QTest::newRow("field then section") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"train", FieldType::Int, I{1}});
        s.add(FieldSpec{"train.epochs", FieldType::Int, I{2}});
    }) << "both a field and a section";
    QTest::newRow("section then field") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"train.early_stop.patience", FieldType::Int, I{1}});
        s.add(FieldSpec{"train.early_stop", FieldType::Bool, false});
    }) << "both a field and a section";
    QTest::newRow("float default for int") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"a", FieldType::Int, 1.5});
    }) << "does not match the field's type";
    QTest::newRow("bool default for string") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"a", FieldType::String, true});
    }) << "does not match the field's type";
    QTest::newRow("int default for enum") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"a", FieldType::Enum, I{1}}.oneOf({"x"}));
    }) << "does not match the field's type";
    QTest::newRow("default not a choice") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"a", FieldType::Enum, std::string{"z"}}.oneOf({"x", "y"}));
    }) << "not one of the field's choices";
    QTest::newRow("default below min") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"a", FieldType::Int, I{0}}.min(1));
    }) << "outside the field's range";
    QTest::newRow("default above max") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"a", FieldType::Float, 0.9}.max(0.5));
    }) << "outside the field's range";
    QTest::newRow("empty key") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"", FieldType::Int, I{0}});
    }) << "is empty or ends with a dot";
    QTest::newRow("empty segment") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"a..b", FieldType::Int, I{0}});
    }) << "dot-separated names";
    QTest::newRow("trailing dot") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"a.", FieldType::Int, I{0}});
    }) << "ends with a dot";
    QTest::newRow("space in key") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"a b", FieldType::Int, I{0}});
    }) << "dot-separated names";
    QTest::newRow("colon in key") << SchemaBuilder([](Schema& s) {
        s.add(FieldSpec{"a:b", FieldType::Int, I{0}});
    }) << "dot-separated names";
}

void TestSchema::addRefusesContradictions() {
    QFETCH(SchemaBuilder, declare);
    QFETCH(QString, messagePart);

    Schema s;
    try {
        declare(s);
        QFAIL("the contradictory declaration was accepted");
    } catch (const std::logic_error& e) {
        QVERIFY2(QString(e.what()).contains(messagePart), e.what());
    }
}

void TestSchema::addAcceptsSameKeyForAnotherFamily() {
    Schema s;
    s.add(FieldSpec{"model.name", FieldType::Enum, std::string{"a"}}.oneOf({"a", "b"}));
    s.add(FieldSpec{"model.width", FieldType::Int, I{1}}.forModel("a"));
    s.add(FieldSpec{"model.width", FieldType::Int, I{2}}.forModel("b"));
    s.add(FieldSpec{"model.lr", FieldType::Float, I{1}});
    QCOMPARE(s.fields().size(), std::size_t{4});
}

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
