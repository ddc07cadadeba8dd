// toYaml and the config files: layout, exact round trips for every type, atomic saves.
#include "TestSchemaHelpers.h"
#include "engine/config/ConfigYaml.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <cfloat>
#include <cmath>
#include <limits>

using namespace tb::engine;
using namespace tb::engine::test;

namespace {

using I = std::int64_t;

const char* const kDefaultYaml = R"(# Run name
name: experiment

# Random seed
seed: 42

data:
  # Dataset format
  kind: idx
  # Folder of IDX files
  root: /data/mnist
  # Share held out for validation
  val_fraction: 0.1

model:
  # Model family
  name: mlp
  # Units per hidden layer
  hidden: 256
  # Dropout probability
  dropout: 0.1

optim:
  # Optimizer
  name: adamw
  # Peak learning rate
  lr: 0.001

train:
  # Passes over the training split
  epochs: 3
  # Samples per step
  batch_size: 64
  # Shuffle every epoch
  shuffle: true
  early_stop:
    # Validations without improvement before stopping;
    # 0 never stops early
    patience: 0
    # Smallest improvement that counts
    min_delta: 0.0
)";

QString readAll(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

/// Writes `bytes` to the file `name` in `dir` and returns its path; empty when it cannot.
QString writeAll(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

} // namespace

class TestConfigWrite : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultsAsCommentedNestedYaml();
    void writesOnlyActiveFields();
    void groupsInterleavedSections();
    void roundTripsEveryValueExactly_data();
    void roundTripsEveryValueExactly();
    void quotesOnlyWhatYamlWouldMisread_data();
    void quotesOnlyWhatYamlWouldMisread();
    void intInFloatFieldIsWrittenAsFloat();
    void saveAndLoadRoundTrip();
    void saveReportsAnUnwritablePath();
    void loadReportsAnUnreadablePath_data();
    void loadReportsAnUnreadablePath();
    void loadNamesTheFileInSyntaxErrors();
    void loadNamesABinaryFileAsSuch();
    void loadEmptyFileGivesDefaults();
};

void TestConfigWrite::defaultsAsCommentedNestedYaml() {
    QCOMPARE(QString::fromStdString(toYaml(Config(testSchema()))), QString(kDefaultYaml));
}

void TestConfigWrite::writesOnlyActiveFields() {
    Config c(testSchema());
    c.set("model.name", std::string{"cnn"});
    c.set("data.kind", std::string{"csv"});
    const QString yaml = QString::fromStdString(toYaml(c));
    QVERIFY(yaml.contains("  # Filters of the first convolution\n  channels: 32\n"));
    QVERIFY(yaml.contains("  # Units of the dense layer\n  hidden: 128\n"));
    QVERIFY(!yaml.contains("hidden: 256"));
    QVERIFY(yaml.contains("  target: OT\n"));
    QVERIFY(!yaml.contains("root:"));

    Config mlp(testSchema());
    mlp.set("model.channels", I{8});
    QVERIFY(!QString::fromStdString(toYaml(mlp)).contains("channels"));
}

void TestConfigWrite::groupsInterleavedSections() {
    Schema s;
    s.add(FieldSpec{"a.x", FieldType::Int, I{1}});
    s.add(FieldSpec{"b.y", FieldType::Int, I{2}});
    s.add(FieldSpec{"a.deep.z", FieldType::Int, I{3}});
    s.add(FieldSpec{"a.w", FieldType::Int, I{4}});
    QCOMPARE(QString::fromStdString(toYaml(Config(s))),
             QString("a:\n  x: 1\n  deep:\n    z: 3\n  w: 4\n\nb:\n  y: 2\n"));
}

void TestConfigWrite::roundTripsEveryValueExactly_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<ConfigValue>("value");

    const auto text = [](const char* s) { return ConfigValue{std::string{s}}; };
    QTest::newRow("int") << "seed" << ConfigValue{I{5}};
    QTest::newRow("negative int") << "seed" << ConfigValue{I{-3}};
    QTest::newRow("int64 max") << "seed" << ConfigValue{std::numeric_limits<I>::max()};
    QTest::newRow("int64 min") << "seed" << ConfigValue{std::numeric_limits<I>::min()};
    QTest::newRow("0.1") << "optim.lr" << ConfigValue{0.1};
    QTest::newRow("1e-7") << "optim.lr" << ConfigValue{1e-7};
    QTest::newRow("1.5e-7") << "optim.lr" << ConfigValue{1.5e-7};
    QTest::newRow("1e20") << "optim.lr" << ConfigValue{1e20};
    QTest::newRow("third") << "optim.lr" << ConfigValue{1.0 / 3.0};
    QTest::newRow("0.1+0.2") << "optim.lr" << ConfigValue{0.1 + 0.2};
    QTest::newRow("whole") << "optim.lr" << ConfigValue{2.0};
    QTest::newRow("negative zero") << "optim.lr" << ConfigValue{-0.0};
    QTest::newRow("denormal") << "optim.lr" << ConfigValue{5e-324};
    QTest::newRow("smallest normal") << "optim.lr" << ConfigValue{DBL_MIN};
    QTest::newRow("largest") << "optim.lr" << ConfigValue{DBL_MAX};
    QTest::newRow("2^53+2") << "optim.lr" << ConfigValue{9007199254740994.0};
    QTest::newRow("inf") << "optim.lr" << ConfigValue{std::numeric_limits<double>::infinity()};
    QTest::newRow("-inf") << "optim.lr" << ConfigValue{-std::numeric_limits<double>::infinity()};
    QTest::newRow("nan") << "optim.lr" << ConfigValue{std::nan("")};
    QTest::newRow("true") << "train.shuffle" << ConfigValue{true};
    QTest::newRow("false") << "train.shuffle" << ConfigValue{false};
    QTest::newRow("enum") << "optim.name" << text("sgd");
    QTest::newRow("enum not a choice") << "optim.name" << text("adamx");
    QTest::newRow("path") << "data.root" << text("/data/My Files/ETTh1.csv");
    QTest::newRow("windows path") << "data.root" << text("C:\\data\\x.csv");
    QTest::newRow("plain") << "name" << text("baseline_v2");
    QTest::newRow("yes") << "name" << text("yes");
    QTest::newRow("No") << "name" << text("No");
    QTest::newRow("on") << "name" << text("on");
    QTest::newRow("y") << "name" << text("y");
    QTest::newRow("null") << "name" << text("null");
    QTest::newRow("tilde") << "name" << text("~");
    QTest::newRow("empty") << "name" << text("");
    QTest::newRow("123") << "name" << text("123");
    QTest::newRow("1e3") << "name" << text("1e3");
    QTest::newRow(".inf") << "name" << text(".inf");
    QTest::newRow("nan") << "name" << text("nan");
    QTest::newRow("hex") << "name" << text("0x1F");
    QTest::newRow("time") << "name" << text("12:30");
    QTest::newRow("colon space") << "name" << text("a: b");
    QTest::newRow("trailing colon") << "name" << text("key:");
    QTest::newRow("hash") << "name" << text("#tag");
    QTest::newRow("space hash") << "name" << text("run # 2");
    QTest::newRow("leading space") << "name" << text(" padded");
    QTest::newRow("trailing space") << "name" << text("padded ");
    QTest::newRow("dash") << "name" << text("- item");
    QTest::newRow("flow") << "name" << text("[a, {b: c}]");
    QTest::newRow("anchor") << "name" << text("&a");
    QTest::newRow("alias") << "name" << text("*a");
    QTest::newRow("tag") << "name" << text("!!int 5");
    QTest::newRow("quotes") << "name" << text("say \"hi\" 'there'");
    QTest::newRow("backslash") << "name" << text("a\\nb");
    QTest::newRow("newline") << "name" << text("two\nlines");
    QTest::newRow("tab") << "name" << text("a\tb");
    QTest::newRow("control") << "name" << text("bell\x07");
    QTest::newRow("unicode") << "name" << text("Größe ✓ 模型");
    QTest::newRow("document marker") << "name" << text("---");
    QTest::newRow("percent") << "name" << text("%YAML");
    QTest::newRow("pipe") << "name" << text("| literal");
}

void TestConfigWrite::roundTripsEveryValueExactly() {
    QFETCH(QString, key);
    QFETCH(ConfigValue, value);

    Config c(testSchema());
    c.set(key.toStdString(), value);
    const std::string yaml = toYaml(c);
    const ConfigParseResult r = parseConfigYaml(yaml, testSchema());
    QVERIFY2(r.issues.empty(), (formatIssues(r.issues) + yaml).c_str());
    QCOMPARE(describe(r.config.value(key.toStdString())), describe(value));
    QCOMPARE(effectiveValues(r.config), effectiveValues(c));
}

void TestConfigWrite::quotesOnlyWhatYamlWouldMisread_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("written");

    QTest::newRow("word") << "baseline"
                          << "baseline";
    QTest::newRow("path") << "/data/ett/ETTh1.csv"
                          << "/data/ett/ETTh1.csv";
    QTest::newRow("metric") << "val/loss"
                            << "val/loss";
    QTest::newRow("device") << "cuda-0"
                            << "cuda-0";
    QTest::newRow("yes") << "yes"
                         << "\"yes\"";
    QTest::newRow("True") << "True"
                          << "\"True\"";
    QTest::newRow("Null") << "Null"
                          << "\"Null\"";
    QTest::newRow("number") << "123"
                            << "\"123\"";
    QTest::newRow("inf") << "inf"
                         << "\"inf\"";
    QTest::newRow("colon") << "a: b"
                           << "\"a: b\"";
    QTest::newRow("space") << "my run"
                           << "\"my run\"";
    QTest::newRow("empty") << ""
                           << "\"\"";
    QTest::newRow("escapes") << "q\"\\\n\t"
                             << "\"q\\\"\\\\\\n\\t\"";
}

void TestConfigWrite::quotesOnlyWhatYamlWouldMisread() {
    QFETCH(QString, value);
    QFETCH(QString, written);

    Config c(testSchema());
    c.set("name", value.toStdString());
    const QString yaml = QString::fromStdString(toYaml(c));
    QVERIFY2(yaml.contains("\nname: " + written + "\n"), qPrintable(yaml));
}

void TestConfigWrite::intInFloatFieldIsWrittenAsFloat() {
    Config c(testSchema());
    c.set("optim.lr", I{2});
    const std::string yaml = toYaml(c);
    QVERIFY(QString::fromStdString(yaml).contains("  lr: 2.0\n"));
    const ConfigParseResult r = parseConfigYaml(yaml, testSchema());
    QVERIFY(r.issues.empty());
    QCOMPARE(r.config.getFloat("optim.lr"), 2.0);
}

void TestConfigWrite::saveAndLoadRoundTrip() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("run.yaml").toStdString();

    Config c(testSchema());
    c.set("model.name", std::string{"cnn"});
    c.set("model.channels", I{16});
    c.set("optim.lr", 3e-4);
    c.set("name", std::string{"yes"});
    std::string error;
    QVERIFY2(saveConfigFile(c, path, error), error.c_str());
    QCOMPARE(readAll(QString::fromStdString(path)), QString::fromStdString(toYaml(c)));

    c.set("train.epochs", I{9});
    QVERIFY2(saveConfigFile(c, path, error), error.c_str());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"run.yaml"});

    const ConfigParseResult r = loadConfigFile(path, testSchema());
    QVERIFY2(r.issues.empty(), formatIssues(r.issues).c_str());
    QCOMPARE(effectiveValues(r.config), effectiveValues(c));
    QCOMPARE(r.config.getInt("train.epochs"), I{9});
}

void TestConfigWrite::saveReportsAnUnwritablePath() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("missing/run.yaml").toStdString();
    std::string error;
    QVERIFY(!saveConfigFile(Config(testSchema()), path, error));
    QCOMPARE(QString::fromStdString(error),
             QString::fromStdString("cannot write config file '" + path +
                                    "': No such file or directory; check that its folder "
                                    "exists and is writable"));

    const std::string onDirectory = dir.path().toStdString();
    QVERIFY(!saveConfigFile(Config(testSchema()), onDirectory, error));
    QVERIFY2(QString::fromStdString(error).contains("Is a directory"), error.c_str());
    const QString leftover = QFileInfo(dir.path()).fileName() + ".tmp-*";
    QVERIFY(QFileInfo(dir.path()).dir().entryList({leftover}, QDir::AllEntries).isEmpty());
}

void TestConfigWrite::loadReportsAnUnreadablePath_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reason");

    QTest::newRow("missing file") << "nope.yaml"
                                  << "No such file or directory";
    QTest::newRow("missing folder") << "nope/run.yaml"
                                    << "No such file or directory";
    QTest::newRow("a folder") << ""
                              << "Is a directory";
}

void TestConfigWrite::loadReportsAnUnreadablePath() {
    QFETCH(QString, name);
    QFETCH(QString, reason);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = name.isEmpty() ? dir.path() : dir.filePath(name);
    const ConfigParseResult r = loadConfigFile(path.toStdString(), testSchema());
    QCOMPARE(issueLines(r.issues), QStringList{": cannot read config file '" + path +
                                               "': " + reason + "; check the path"});
    QVERIFY(r.config.setValues().empty());
}

void TestConfigWrite::loadNamesTheFileInSyntaxErrors() {
    QTemporaryDir dir;
    const QString path = writeAll(dir, "broken.yaml", "seed: 1\ntrain: [1, 2\n");
    QVERIFY(!path.isEmpty());

    const ConfigParseResult r = loadConfigFile(path.toStdString(), testSchema());
    QCOMPARE(r.issues.size(), std::size_t{1});
    const QString message = QString::fromStdString(r.issues.front().message);
    QVERIFY2(message.startsWith("config file '" + path + "': YAML syntax error at line "),
             qPrintable(message));
}

void TestConfigWrite::loadNamesABinaryFileAsSuch() {
    QTemporaryDir dir;
    const QString path =
        writeAll(dir, "best.pt", QByteArray("PK\x03\x04\x00\x00archive/data.pkl", 22));
    QVERIFY(!path.isEmpty());

    const ConfigParseResult r = loadConfigFile(path.toStdString(), testSchema());
    QCOMPARE(issueLines(r.issues),
             QStringList{": config file '" + path +
                         "': this is a zip archive (an Excel .xlsx workbook is one), not YAML "
                         "text; open a .yaml config, such as a preset"});
}

void TestConfigWrite::loadEmptyFileGivesDefaults() {
    QTemporaryDir dir;
    const QString path = writeAll(dir, "empty.yaml", {});
    QVERIFY(!path.isEmpty());

    const ConfigParseResult r = loadConfigFile(path.toStdString(), testSchema());
    QVERIFY(r.issues.empty());
    QCOMPARE(effectiveValues(r.config), effectiveValues(Config(testSchema())));
}

QTEST_GUILESS_MAIN(TestConfigWrite)
#include "tst_configwrite.moc"
