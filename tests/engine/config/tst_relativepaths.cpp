// resolveRelativePaths and loadConfigFile: a config's relative Path fields start at its folder.
#include "TestSchemaHelpers.h"
#include "engine/config/ConfigYaml.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tb::engine;
using namespace tb::engine::test;

class TestRelativePaths : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void resolvesPathFields_data();
    void resolvesPathFields();
    void relativeBaseStartsAtTheWorkingFolder();
    void leavesOtherFieldsAndDefaultsAlone();
    void loadConfigFileStartsAtTheFilesFolder();
};

namespace {

Config idxConfig(const std::string& root) {
    Config config(testSchema());
    config.set("data.kind", std::string{"idx"});
    config.set("data.root", root);
    return config;
}

} // namespace

void TestRelativePaths::resolvesPathFields_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("root");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain name") << "/srv/configs"
                                << "images"
                                << "/srv/configs/images";
    QTest::newRow("up and over") << "/srv/configs"
                                 << "../../shared/data"
                                 << "/shared/data";
    QTest::newRow("dots inside") << "/srv/configs"
                                 << "./a/../b/"
                                 << "/srv/configs/b/";
    QTest::newRow("absolute stays") << "/srv/configs"
                                    << "/data/mnist"
                                    << "/data/mnist";
    QTest::newRow("empty value stays") << "/srv/configs"
                                       << ""
                                       << "";
    QTest::newRow("a run, not a file") << "/srv/configs"
                                       << "run:12/best"
                                       << "run:12/best";
    QTest::newRow("no base folder") << ""
                                    << "../images"
                                    << "../images";
}

void TestRelativePaths::resolvesPathFields() {
    QFETCH(QString, base);
    QFETCH(QString, root);
    QFETCH(QString, expected);
    Config config = idxConfig(root.toStdString());
    resolveRelativePaths(config, base.toStdString());
    QCOMPARE(QString::fromStdString(config.getString("data.root")), expected);
}

void TestRelativePaths::relativeBaseStartsAtTheWorkingFolder() {
    Config config = idxConfig("images");
    resolveRelativePaths(config, "configs");
    QCOMPARE(QString::fromStdString(config.getString("data.root")),
             QDir::current().filePath("configs/images"));
}

void TestRelativePaths::leavesOtherFieldsAndDefaultsAlone() {
    Config config(testSchema());
    config.set("name", std::string{"runs/first"});
    resolveRelativePaths(config, "/srv/configs");
    QCOMPARE(QString::fromStdString(config.getString("name")), QStringLiteral("runs/first"));
    QVERIFY(config.findSet("data.root") == nullptr);
    QCOMPARE(config.setValues().size(), std::size_t{1});
}

void TestRelativePaths::loadConfigFileStartsAtTheFilesFolder() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath("configs"));
    const QString path = dir.filePath("configs/run.yaml");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("data:\n  kind: idx\n  root: ../images\n");
    file.close();

    const ConfigParseResult r = loadConfigFile(path.toStdString(), testSchema());
    QVERIFY2(r.issues.empty(), formatIssues(r.issues).c_str());
    QCOMPARE(QString::fromStdString(r.config.getString("data.root")), dir.filePath("images"));
}

QTEST_GUILESS_MAIN(TestRelativePaths)
#include "tst_relativepaths.moc"
