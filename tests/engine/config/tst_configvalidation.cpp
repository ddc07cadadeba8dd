// validateConfig: per-field checks, fields out of scope, cross-field rules; never throws.
#include "TestSchemaHelpers.h"
#include "engine/config/ConfigYaml.h"

#include <QTest>
#include <limits>
#include <stdexcept>

using namespace tb::engine;
using namespace tb::engine::test;

namespace {

using I = std::int64_t;

Config parsed(const QString& yaml) {
    ConfigParseResult r = parseConfigYaml(yaml.toStdString(), testSchema());
    if (!r.issues.empty())
        qFatal("test YAML does not parse: %s", formatIssues(r.issues).c_str());
    return r.config;
}

} // namespace

class TestConfigValidation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reportsEachRule_data();
    void reportsEachRule();
    void acceptsValidValues_data();
    void acceptsValidValues();
    void reportsValuesSetInCode_data();
    void reportsValuesSetInCode();
    void listsEveryProblem();
    void anUnknownModelOrKindIsTheOneProblemOfItsFields();
    void ruleExceptionsBecomeIssues();
};

void TestConfigValidation::reportsEachRule_data() {
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    QTest::newRow("int below min") << "train: {batch_size: 0}"
                                   << "train.batch_size"
                                   << "must be at least 1 (got 0)";
    QTest::newRow("int above max") << "train: {epochs: 100001}"
                                   << "train.epochs"
                                   << "must be at most 100000 (got 100001)";
    QTest::newRow("float above max") << "data: {val_fraction: 0.9}"
                                     << "data.val_fraction"
                                     << "must be at most 0.5 (got 0.9)";
    QTest::newRow("float below min") << "data: {val_fraction: -0.1}"
                                     << "data.val_fraction"
                                     << "must be at least 0 (got -0.1)";
    QTest::newRow("float below tiny min") << "optim: {lr: 0}"
                                          << "optim.lr"
                                          << "must be at least 1e-12 (got 0.0)";
    QTest::newRow("nan") << "optim: {lr: .nan}"
                         << "optim.lr"
                         << "must be a finite number (got .nan)";
    QTest::newRow("inf") << "optim: {lr: .inf}"
                         << "optim.lr"
                         << "must be a finite number (got .inf)";
    QTest::newRow("-inf without max") << "train: {early_stop: {min_delta: -.inf}}"
                                      << "train.early_stop.min_delta"
                                      << "must be a finite number (got -.inf)";
    QTest::newRow("enum near miss")
        << "optim: {name: adamx}"
        << "optim.name"
        << "must be one of: sgd, adam, adamw (got 'adamx'); did you mean 'adam'?";
    QTest::newRow("enum far off") << "optim: {name: rmsprop}"
                                  << "optim.name"
                                  << "must be one of: sgd, adam, adamw (got 'rmsprop')";
    QTest::newRow("enum case") << "model: {name: CNN}"
                               << "model.name"
                               << "must be one of: mlp, cnn (got 'CNN'); did you mean 'cnn'?";
    QTest::newRow("cross-field rule")
        << "train: {early_stop: {patience: 2}}\ndata: {val_fraction: 0}"
        << "train.early_stop.patience"
        << "early stopping needs a validation split; set data.val_fraction above 0 or "
           "patience to 0";
}

void TestConfigValidation::reportsEachRule() {
    QFETCH(QString, yaml);
    QFETCH(QString, field);
    QFETCH(QString, message);

    QCOMPARE(issueLines(validateConfig(parsed(yaml))), QStringList{field + ": " + message});
}

void TestConfigValidation::acceptsValidValues_data() {
    QTest::addColumn<QString>("yaml");

    QTest::newRow("defaults") << "";
    QTest::newRow("bounds inclusive") << "train: {epochs: 1}\ndata: {val_fraction: 0.5}\n"
                                         "optim: {lr: 1e-12}";
    QTest::newRow("upper bounds") << "train: {epochs: 100000}\noptim: {lr: 10}";
    QTest::newRow("every choice") << "optim: {name: sgd}\nmodel: {name: cnn}\ndata: {kind: csv}";
    QTest::newRow("cnn fields") << "model: {name: cnn, channels: 1024, hidden: 1}";
    QTest::newRow("csv fields") << "data: {kind: csv, target: load}";
    QTest::newRow("rule satisfied") << "train: {early_stop: {patience: 2}}\n"
                                       "data: {val_fraction: 0.2}";
    QTest::newRow("strings are free") << "name: \"\"\ndata: {root: ''}";
}

void TestConfigValidation::acceptsValidValues() {
    QFETCH(QString, yaml);
    const ConfigIssues issues = validateConfig(parsed(yaml));
    QVERIFY2(issues.empty(), formatIssues(issues).c_str());
}

void TestConfigValidation::reportsValuesSetInCode_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<ConfigValue>("value");
    QTest::addColumn<QString>("message");

    QTest::newRow("float in int") << "train.epochs" << ConfigValue{2.5}
                                  << "expected an integer (got 2.5)";
    QTest::newRow("text in float")
        << "optim.lr" << ConfigValue{std::string{"fast"}} << "expected a number (got 'fast')";
    QTest::newRow("int in bool") << "train.shuffle" << ConfigValue{I{1}}
                                 << "expected true or false (got 1)";
    QTest::newRow("bool in string") << "name" << ConfigValue{true} << "expected text (got true)";
    QTest::newRow("int in enum") << "optim.name" << ConfigValue{I{2}} << "expected text (got 2)";
    QTest::newRow("int in float, out of range")
        << "optim.lr" << ConfigValue{I{11}} << "must be at most 10 (got 11)";
    QTest::newRow("unknown key") << "train.epoch" << ConfigValue{I{5}}
                                 << "unknown field 'train.epoch'; did you mean 'train.epochs'?";
    QTest::newRow("section") << "train" << ConfigValue{I{5}}
                             << "'train' is a section, not a value; put its fields under it";
    QTest::newRow("other family")
        << "model.channels" << ConfigValue{I{8}}
        << "'model.channels' is not a parameter of model 'mlp' (it belongs to: cnn)";
    QTest::newRow("other data kind")
        << "data.target" << ConfigValue{std::string{"OT"}}
        << "'data.target' is not a parameter of data kind 'idx' (it belongs to: csv)";
}

void TestConfigValidation::reportsValuesSetInCode() {
    QFETCH(QString, key);
    QFETCH(ConfigValue, value);
    QFETCH(QString, message);

    Config c(testSchema());
    c.set(key.toStdString(), value);
    QCOMPARE(issueLines(validateConfig(c)), QStringList{key + ": " + message});
}

void TestConfigValidation::listsEveryProblem() {
    Config c = parsed("train: {epochs: 0, batch_size: -1, early_stop: {patience: 1}}\n"
                      "optim: {name: adamx, lr: .nan}\n"
                      "data: {val_fraction: 0}\n");
    c.set("model.channels", I{8});
    QCOMPARE(
        issueLines(validateConfig(c)),
        (QStringList{"model.channels: 'model.channels' is not a parameter of model 'mlp' (it "
                     "belongs to: cnn)",
                     "optim.lr: must be a finite number (got .nan)",
                     "optim.name: must be one of: sgd, adam, adamw (got 'adamx'); did you mean "
                     "'adam'?",
                     "train.batch_size: must be at least 1 (got -1)",
                     "train.epochs: must be at least 1 (got 0)",
                     "train.early_stop.patience: early stopping needs a validation split; set "
                     "data.val_fraction above 0 or patience to 0"}));
}

void TestConfigValidation::anUnknownModelOrKindIsTheOneProblemOfItsFields() {
    Config c(testSchema());
    c.set("model.name", std::string{"transformer"});
    c.set("model.channels", I{8});
    c.set("data.kind", std::string{"cvs"});
    c.set("data.target", std::string{"OT"});
    QCOMPARE(issueLines(validateConfig(c)),
             (QStringList{"data.kind: must be one of: idx, csv (got 'cvs'); did you mean 'csv'?",
                          "model.name: must be one of: mlp, cnn (got 'transformer')"}));
    const ConfigParseResult yaml = parseConfigYaml(
        "model: {name: transformer, channels: 8}\ndata: {kind: cvs, target: OT}\n", testSchema());
    QCOMPARE(issueLines(yaml.issues), QStringList());
}

void TestConfigValidation::ruleExceptionsBecomeIssues() {
    Schema s;
    s.add(FieldSpec{"size", FieldType::Int, I{1}});
    s.addRule([](const Config& c, ConfigIssues&) { c.getInt("size"); });
    s.addRule([](const Config&, ConfigIssues& out) {
        out.push_back({"size", "first finding"});
        throw std::runtime_error("lookup table missing");
    });
    s.addRule([](const Config&, ConfigIssues&) { throw 42; });
    s.addRule([](const Config&, ConfigIssues& out) { out.push_back({"size", "last rule ran"}); });
    Config c(s);
    c.set("size", std::string{"big"});

    ConfigIssues issues;
    try {
        issues = validateConfig(c);
    } catch (...) {
        QFAIL("validateConfig threw");
    }
    QCOMPARE(issueLines(issues).size(), 6);
    QCOMPARE(issueLines(issues).at(0), QString("size: expected an integer (got 'big')"));
    QVERIFY(hasIssue(issues, "", "a cross-field check could not run ("));
    QCOMPARE(issueLines(issues).at(2), QString("size: first finding"));
    QCOMPARE(issueLines(issues).at(3),
             QString(": a cross-field check could not run (lookup table missing); fix the "
                     "problems above and validate again"));
    QCOMPARE(issueLines(issues).at(4),
             QString(": a cross-field check could not run; fix the problems above and "
                     "validate again"));
    QCOMPARE(issueLines(issues).at(5), QString("size: last rule ran"));
}

QTEST_GUILESS_MAIN(TestConfigValidation)
#include "tst_configvalidation.moc"
