// writeFileAtomically: a file is replaced whole or not at all, and a full disk is an error
// with the system's reason, never a crash (as LibTorch's own checkpoint writer made it).
#include "engine/util/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <system_error>
#include <unistd.h>

using namespace tb::engine;

namespace {

QByteArray contents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

/// The temporary file writeFileAtomically writes `path` through, in this process.
QString temporaryOf(const QString& path) {
    return path + ".partial-" + QString::number(::getpid());
}

} // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void replacesTheWholeFile() {
        const QString path = m_dir.filePath("config.yaml");
        writeFileAtomically(path.toStdString(), "seed: 1\n");
        writeFileAtomically(path.toStdString(), "seed: 22\n");
        QCOMPARE(contents(path), QByteArray("seed: 22\n"));
        QVERIFY(!QFile::exists(temporaryOf(path)));
    }

    void aFullDiskKeepsTheOldFile() {
        if (!QFile::exists("/dev/full"))
            QSKIP("no /dev/full on this system to stand for a full disk");
        const QString path = m_dir.filePath("last.pt");
        writeFileAtomically(path.toStdString(), "old weights");
        // Every write to /dev/full fails with ENOSPC, as on a full disk.
        QVERIFY(QFile::link("/dev/full", temporaryOf(path)));
        try {
            writeFileAtomically(path.toStdString(), std::string(1 << 20, 'w'));
            QFAIL("a write to a full disk must throw");
        } catch (const std::system_error& e) {
            QCOMPARE(e.code().value(), ENOSPC);
            const QString message = QString::fromLocal8Bit(e.what());
            QVERIFY2(message.startsWith("cannot write " + path), qPrintable(message));
            QVERIFY2(message.contains("No space left on device"), qPrintable(message));
        }
        QCOMPARE(contents(path), QByteArray("old weights"));
        QVERIFY(!QFileInfo::exists(temporaryOf(path)) && !QFileInfo(temporaryOf(path)).isSymLink());
    }

    void aMissingFolderNamesTheFile() {
        const QString path = m_dir.filePath("no-such-folder/best.pt");
        try {
            writeFileAtomically(path.toStdString(), "weights");
            QFAIL("a file in a missing folder must throw");
        } catch (const std::system_error& e) {
            QCOMPARE(e.code().value(), ENOENT);
            QVERIFY2(QString::fromLocal8Bit(e.what()).startsWith("cannot write " + path), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"
