// The desktop program started from a shell with no window system, as on a server reached by
// ssh: it answers --help and --version and says why it cannot open a window, never aborting.
#include <QProcess>
#include <QtTest>

namespace {

struct Result {
    int exitCode = -1; ///< -1 when it crashed or hung
    QString out;
    QString err;
};

Result runWithoutDisplay(const QStringList& args) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString variable : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(variable);
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("TB_APP"), args);
    const bool ended = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit;
    return {ended ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestDesktopProgram : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void versionAndHelpNeedNoDisplay() {
        const Result version = runWithoutDisplay({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.contains(TB_VERSION), qPrintable(version.out + version.err));
        const Result help = runWithoutDisplay({"--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains("--db") && help.out.contains("--compare"),
                 qPrintable(help.out + help.err));
    }

    void noDisplayIsSaidNotAborted() {
        const Result r = runWithoutDisplay({});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no display") && r.err.contains("trainbench-cli"),
                 qPrintable(r.err));
    }

    void aMistypedOptionIsSaidWithoutDisplay() {
        const Result r = runWithoutDisplay({"--compare", "3,x"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("'x'"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestDesktopProgram)
#include "tst_desktopprogram.moc"
