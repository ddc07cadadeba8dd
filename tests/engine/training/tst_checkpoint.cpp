// Checkpoints: weights written whole and read back; a full disk is an error the trainer logs,
// not the end of the process (LibTorch's file writer throws from its destructor there).
#include "engine/training/Checkpoint.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <system_error>
#include <torch/nn/modules/linear.h>
#include <unistd.h>

using namespace tb::engine;

class TestCheckpoint : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void weightsComeBack() {
        torch::manual_seed(1);
        torch::nn::Linear saved(8, 3);
        const std::string path = m_dir.filePath("best.pt").toStdString();
        saveCheckpoint(*saved, path);
        torch::manual_seed(2);
        torch::nn::Linear loaded(8, 3);
        QVERIFY(!torch::equal(saved->weight, loaded->weight));
        loadCheckpoint(*loaded, path);
        QVERIFY(torch::equal(saved->weight, loaded->weight));
        QVERIFY(torch::equal(saved->bias, loaded->bias));
    }

    void aFullDiskThrows() {
        if (!QFile::exists("/dev/full"))
            QSKIP("no /dev/full on this system to stand for a full disk");
        torch::nn::Linear model(256, 256);
        const QString path = m_dir.filePath("last.pt");
        // The checkpoint goes through <path>.partial-<pid>: here, into a full disk.
        QVERIFY(QFile::link("/dev/full", path + ".partial-" + QString::number(::getpid())));
        QVERIFY_THROWS_EXCEPTION(std::system_error, saveCheckpoint(*model, path.toStdString()));
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
