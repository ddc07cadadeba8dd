// Checkpoints: weights written whole and read back; a full disk is an error the trainer logs,
// not the end of the process (LibTorch's file writer throws from its destructor there); the
// random generators a `last` checkpoint keeps for each process of a data-parallel run.
#include "engine/training/Checkpoint.h"
#include "engine/training/TrainingState.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <system_error>
#include <torch/nn/modules/linear.h>
#include <torch/optim/sgd.h>
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

    // Process 0 of a data-parallel run saves every process's generators (dropout masks); each
    // takes back its own, and one the checkpoint lacks keeps its generator.
    void eachProcessTakesItsOwnGenerator() {
        const auto drawAfterSeed = [](std::uint64_t seed) {
            torch::manual_seed(seed);
            return torch::rand({4});
        };
        const auto drawFrom = [](RandomStream& random) {
            const RandomStream::Turn turn(random);
            return torch::rand({4});
        };
        torch::manual_seed(1);
        torch::nn::Linear model(4, 2);
        torch::optim::SGD optimizer(model->parameters(), 0.1);
        MixedPrecision precision("off", torch::kCPU);
        RandomStream random(10, torch::kCPU);
        const TrainingParts parts{*model, optimizer, precision, torch::kCPU, random};
        const GeneratorStates process1 = RandomStream(11, torch::kCPU).states();
        const std::string path = m_dir.filePath("last.pt").toStdString();
        saveTrainingState(path, parts, ResumePoint{}, {process1});
        const CheckpointBytes saved = readCheckpointBytes(path);

        for (const auto& [process, seed] : {std::pair{0, 10}, std::pair{1, 11}}) {
            random.reseed(99);
            loadTrainingState(saved, parts, process);
            QVERIFY2(torch::equal(drawFrom(random), drawAfterSeed(seed)),
                     qPrintable(QString::number(process)));
        }
        random.reseed(99);
        loadTrainingState(saved, parts, 2);
        QVERIFY(torch::equal(drawFrom(random), drawAfterSeed(99)));
    }

    void anUnreadableFileIsNamed() {
        try {
            readCheckpointBytes(m_dir.filePath("gone.pt").toStdString());
            QFAIL("a missing file was read");
        } catch (const std::system_error& e) {
            QCOMPARE(std::string(e.what()), std::string("No such file or directory"));
        }
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
