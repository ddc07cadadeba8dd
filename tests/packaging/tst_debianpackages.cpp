// The .deb packages that `cpack -G DEB` builds: their control fields, their files, and the
// programs in them run from where the packages were unpacked (not from the build tree), so
// that the presets and plugins are found relative to the install wherever it lands.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSize>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
};

Result run(const QString& program, const QStringList& args,
           const QStringList& extraEnvironment = {}) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Only what the install itself holds may be found.
    env.remove(QStringLiteral("TRAINBENCH_PLUGIN_PATH"));
    env.remove(QStringLiteral("TRAINBENCH_PRESET_DIR"));
    for (const QString& variable : extraEnvironment)
        env.insert(variable.section('=', 0, 0), variable.section('=', 1));
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(180000))
        return {-1, QStringLiteral("%1 did not finish: %2").arg(program, p.errorString())};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAll())};
}

/// The width and height in a PNG file's header (its IHDR chunk), or an empty size.
QSize pngSize(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray head = file.read(24);
    if (head.size() < 24 || !head.startsWith("\x89PNG\r\n\x1a\n") || head.mid(12, 4) != "IHDR")
        return {};
    const auto bigEndian = [&](int at) {
        return qFromBigEndian<quint32>(reinterpret_cast<const uchar*>(head.constData() + at));
    };
    return QSize(static_cast<int>(bigEndian(16)), static_cast<int>(bigEndian(20)));
}

const QString kCliPackage = QStringLiteral("trainbench-cli_" TB_VERSION "_amd64.deb");
const QString kGuiPackage = QStringLiteral("trainbench_" TB_VERSION "_amd64.deb");

} // namespace

class TestDebianPackages : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_root; ///< the packages unpacked, as dpkg would install them under /

    QString packagePath(const QString& file) const { return m_dir.filePath("debs/" + file); }
    QString installed(const QString& path) const { return m_root + "/usr/" + path; }

    QString controlField(const QString& package, const QString& field) const {
        return run(QStringLiteral("dpkg-deb"), {"--field", packagePath(package), field}).out;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const Result cpack =
            run(QStringLiteral("cpack"), {"--config", TB_BINARY_DIR "/CPackConfig.cmake", "-G",
                                          "DEB", "-B", m_dir.filePath("debs")});
        QVERIFY2(cpack.exitCode == 0, qPrintable(cpack.out));
        m_root = m_dir.filePath("root");
        QStringList packages{kCliPackage};
        if (TB_WITH_GUI)
            packages << kGuiPackage;
        for (const QString& package : packages) {
            const Result unpack =
                run(QStringLiteral("dpkg-deb"), {"--extract", packagePath(package), m_root});
            QVERIFY2(unpack.exitCode == 0, qPrintable(package + ": " + unpack.out));
        }
    }

    void cliPackageNeedsNoQt() {
        const QString depends = controlField(kCliPackage, "Depends");
        QVERIFY2(depends.contains("libtorch"), qPrintable(depends));
        QVERIFY2(depends.contains("libsqlite3"), qPrintable(depends));
        QVERIFY2(depends.contains("libopenblas0-pthread"), qPrintable(depends));
        QVERIFY2(!depends.contains("qt", Qt::CaseInsensitive), qPrintable(depends));
        QCOMPARE(controlField(kCliPackage, "Package").trimmed(), QStringLiteral("trainbench-cli"));
    }

    void guiPackageDependsOnItsCli() {
        if (!TB_WITH_GUI)
            QSKIP("built without the GUI (TRAINBENCH_GUI=OFF): no trainbench package");
        const QString depends = controlField(kGuiPackage, "Depends");
        QVERIFY2(depends.contains("trainbench-cli (= " TB_VERSION ")"), qPrintable(depends));
        QVERIFY2(depends.contains("libqt6widgets6"), qPrintable(depends));
        QVERIFY2(depends.contains("qt6-qpa-plugins"), qPrintable(depends));
    }

    void packagedCliFindsItsPresets() {
        const Result r = run(installed("bin/trainbench-cli"), {"validate", "fashion-mnist-cnn"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        QVERIFY2(r.out.startsWith(installed("share/trainbench/presets/fashion-mnist-cnn.yaml")),
                 qPrintable(r.out));
    }

    void packagedCliLoadsItsPlugins() {
        QVERIFY(QFile::exists(installed("lib/trainbench/plugins/tb_plugin_cuda.so")));
        // The dynamic loader names every file it opens: the plugins must come from the
        // install, never from the build tree the programs were built in.
        const Result r = run(installed("bin/trainbench-cli"), {"devices"}, {"LD_DEBUG=files"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        for (const QString plugin : {"tb_plugin_cuda.so", "tb_plugin_npu.so"}) {
            const QString file = "file=" + installed("lib/trainbench/plugins/" + plugin);
            QVERIFY2(r.out.contains(file), qPrintable(plugin + " was not loaded from the install"));
        }
        QVERIFY2(!r.out.contains(TB_BINARY_DIR), qPrintable(r.out));
        QVERIFY2(r.out.contains("cuda:0") && r.out.contains("npu:0"), qPrintable(r.out));
    }

    void packagedCliTrains() {
        const Result r = run(installed("bin/trainbench-cli"),
                             {"train", "fashion-mnist-mlp", "--db", m_dir.filePath("ws.db"),
                              "--set", "train.epochs=1", "--set", "train.max_batches=5"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        QVERIFY2(r.out.contains("run 1 finished"), qPrintable(r.out));
    }

    void packagedCliListsRunsWithoutLibTorch() {
        // After packagedCliTrains, which stored a run in ws.db.
        QVERIFY(QFile::exists(installed("libexec/trainbench/trainbench-engine")));
        const Result r = run(installed("bin/trainbench-cli"),
                             {"runs", "list", "--db", m_dir.filePath("ws.db")}, {"LD_DEBUG=files"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        QVERIFY2(r.out.contains("fashion-mnist-mlp"), qPrintable(r.out));
        QVERIFY2(!r.out.contains("libtorch"), qPrintable(r.out));
    }

    void packagedCliCompletesInBash() {
        // bash-completion would source this file on the first Tab after `trainbench-cli`.
        const QString script = installed("share/bash-completion/completions/trainbench-cli");
        const Result r =
            run(QStringLiteral("bash"),
                {"-c",
                 "source \"$0\"; COMP_WORDS=(\"$1\" train fashion-mnist-m); COMP_CWORD=2; "
                 "_trainbench_cli; echo \"${COMPREPLY[*]}\"",
                 script, installed("bin/trainbench-cli")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        QCOMPARE(r.out.trimmed(), QStringLiteral("fashion-mnist-mlp"));
    }

    void desktopEntryAndMetadataValidate() {
        if (!TB_WITH_GUI)
            QSKIP("built without the GUI (TRAINBENCH_GUI=OFF): no desktop files");
        const QString desktop = installed("share/applications/" TB_APP_ID ".desktop");
        const Result entry = run(QStringLiteral("desktop-file-validate"), {desktop});
        QVERIFY2(entry.exitCode == 0 && entry.out.isEmpty(), qPrintable(entry.out));
        const Result metadata =
            run(QStringLiteral("appstreamcli"),
                {"validate", "--no-net", installed("share/metainfo/" TB_APP_ID ".metainfo.xml")});
        QVERIFY2(metadata.exitCode == 0, qPrintable(metadata.out));
        for (const int side : {16, 32, 48, 128, 256}) {
            const QString icon = installed(
                QStringLiteral("share/icons/hicolor/%1x%1/apps/" TB_APP_ID ".png").arg(side));
            QVERIFY2(pngSize(icon) == QSize(side, side), qPrintable(icon));
        }
    }

    void packagedAppStarts() {
        if (!TB_WITH_GUI)
            QSKIP("built without the GUI (TRAINBENCH_GUI=OFF): no trainbench package");
        const Result r = run(installed("bin/trainbench"), {"--version"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        QVERIFY2(r.out.contains(TB_VERSION), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestDebianPackages)
#include "tst_debianpackages.moc"
