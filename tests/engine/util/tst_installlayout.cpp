// installPrefixOf: how an installed program tells its prefix from a program in a build tree;
// engineProgramFor: where trainbench-cli finds the program it hands LibTorch's commands to.
#include "engine/util/InstallLayout.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace tb::engine;

namespace {

QString text(const std::filesystem::path& path) {
    return QString::fromStdString(path.string());
}

} // namespace

class TestInstallLayout : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aPrefixWithTrainbenchDataIsAnInstall() {
        QTemporaryDir prefix;
        QVERIFY(prefix.isValid());
        QVERIFY(QDir(prefix.path()).mkpath("bin"));
        QVERIFY(QDir(prefix.path()).mkpath("share/trainbench/presets"));
        const auto found = installPrefixOf(prefix.filePath("bin/trainbench-cli").toStdString());
        QVERIFY(found.has_value());
        QCOMPARE(text(*found), prefix.path());
        QCOMPARE(text(installedPresetDir(*found)), prefix.filePath("share/trainbench/presets"));
        // lib/ or lib/<triplet>/, as GNUInstallDirs chose for the prefix.
        const QString plugins = text(installedPluginDir(*found));
        QVERIFY2(plugins.startsWith(prefix.filePath("lib/")), qPrintable(plugins));
        QVERIFY2(plugins.endsWith("/trainbench/plugins"), qPrintable(plugins));
    }

    void aBinFolderWithoutTrainbenchDataIsNot() {
        // /usr/local/bin/trainbench-cli copied by hand beside other programs: nothing installed.
        QTemporaryDir prefix;
        QVERIFY(prefix.isValid());
        QVERIFY(QDir(prefix.path()).mkpath("bin"));
        QVERIFY(!installPrefixOf(prefix.filePath("bin/trainbench-cli").toStdString()));
    }

    void aBuildTreeIsNot() {
        QTemporaryDir build;
        QVERIFY(build.isValid());
        QVERIFY(QDir(build.path()).mkpath("app"));
        QVERIFY(QDir(build.path()).mkpath("share/trainbench"));
        QVERIFY(!installPrefixOf(build.filePath("app/trainbench-cli").toStdString()));
    }

    void theEngineProgramSitsInLibexecOfAnInstall() {
        QTemporaryDir prefix;
        QVERIFY(prefix.isValid());
        QVERIFY(QDir(prefix.path()).mkpath("share/trainbench/presets"));
        const QString engine =
            text(engineProgramFor(prefix.filePath("bin/trainbench-cli").toStdString()));
        QCOMPARE(engine, prefix.filePath("libexec/trainbench/trainbench-engine"));
        // From there, it finds the same prefix for its presets and plugins.
        const auto found = installPrefixOf(engine.toStdString());
        QVERIFY(found.has_value());
        QCOMPARE(text(*found), prefix.path());
        QVERIFY(!installPrefixOf(prefix.filePath("libexec/trainbench-engine").toStdString()));
    }

    void theEngineProgramSitsBesideABuildTreesCli() {
        QCOMPARE(text(engineProgramFor("/src/build/app/trainbench-cli")),
                 QStringLiteral("/src/build/app/trainbench-engine"));
    }

    void thisTestRunsFromTheBuildTree() { QVERIFY(!runningInstallPrefix()); }
};

QTEST_GUILESS_MAIN(TestInstallLayout)
#include "tst_installlayout.moc"
