// A trained run's model applied to new files: it gives its own test pass's classes and
// forecasts again from the same files, with or without its inputs.yaml, and refuses what it
// cannot use by name.
#include "../data/DataTestHelpers.h"
#include "../data/ImageFileHelpers.h"
#include "../forecasting/ForecastTestHelpers.h"
#include "../training/TrainingTestHelpers.h"
#include "engine/data/IdxFile.h"
#include "engine/data/InputRecipeFile.h"
#include "engine/inference/Prediction.h"
#include "engine/inference/PredictionCsv.h"
#include "engine/store/RunStore.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/util/NpyFile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <future>
#include <torch/utils.h>

using namespace tb::engine;
using namespace tb::test;

namespace {

QJsonObject jsonFile(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

std::string artifactOf(const std::string& db, std::int64_t runId, const std::string& kind) {
    const std::optional<ArtifactRecord> artifact =
        RunStore::openForReading(db).latestArtifact(runId, kind);
    return artifact ? artifact->path : std::string();
}

/// Trains `config` into the workspace `db`; the run's id, 0 after failing the test.
std::int64_t trained(const Config& config, const std::string& db) {
    const FinishedRun run = trainToEnd(config, db);
    if (!run.start.started || run.status != RunStatus::Finished)
        return 0;
    return run.start.runId;
}

PredictionRequest requestFor(const std::string& db, std::int64_t runId,
                             std::vector<std::string> inputs, const std::string& checkpoint = {}) {
    PredictionRequest request;
    request.databasePath = db;
    request.runId = runId;
    request.checkpoint = checkpoint;
    request.inputs = std::move(inputs);
    return request;
}

QString predictionErrorOf(const PredictionRequest& request, PredictionError::Kind* kind = nullptr) {
    try {
        predict(request);
    } catch (const PredictionError& e) {
        if (kind)
            *kind = e.kind;
        return e.what();
    }
    return {};
}

/// Where `p` gives an image other probabilities than the test pass of the run whose test
/// artifacts lie in `artifacts` gave it; empty when it gives each the same.
QString differenceFromTestPass(const Prediction& p, const std::string& artifacts) {
    const NpyArray expected = readNpyFile(artifacts + "/test-probabilities.npy");
    const QJsonArray files =
        jsonFile(artifacts + "/test-classes.json").value("image_files").toArray();
    if (files.size() != static_cast<int>(p.images.size()))
        return QString("%1 images, the test pass had %2").arg(p.images.size()).arg(files.size());
    for (int row = 0; row < files.size(); ++row) {
        const auto image = std::find_if(p.images.begin(), p.images.end(), [&](const auto& i) {
            return QString::fromStdString(i.file) == files[row].toString();
        });
        if (image == p.images.end())
            return files[row].toString() + " was not classified";
        for (std::size_t c = 0; c < image->probabilities.size(); ++c) {
            const double tested =
                expected.values[static_cast<std::size_t>(row) * image->probabilities.size() + c];
            if (std::abs(image->probabilities[c] - tested) >= 1e-5)
                return QString("%1, class %2: %3, the test pass %4")
                    .arg(files[row].toString())
                    .arg(c)
                    .arg(image->probabilities[c])
                    .arg(tested);
        }
    }
    return {};
}

std::string artifactFolderOf(const std::string& db, std::int64_t runId) {
    return std::filesystem::path(artifactOf(db, runId, "class_probabilities"))
        .parent_path()
        .string();
}

} // namespace

class TestPrediction : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString root = m_dir.filePath("images");
        const QStringList classes{"circle", "shirt, top", "square"};
        for (int c = 0; c < classes.size(); ++c) {
            writeClassImages(root + "/train", classes[c], 16, 8, c * 100);
            writeClassImages(root + "/test", classes[c], 4, 8, c * 100 + 50);
        }
        m_imageDb = m_dir.filePath("images.db").toStdString();
        Config config = quickFolderConfig(root);
        config.set("data.image_size", std::int64_t{8});
        m_classifier = trained(config, m_imageDb);
        QVERIFY(m_classifier > 0);

        m_csv = writeFile(m_dir, "series.csv", syntheticCsv(600, 3));
        m_seriesDb = m_dir.filePath("series.db").toStdString();
        m_forecaster = trained(quickForecastConfig(m_csv, "dlinear"), m_seriesDb);
        QVERIFY(m_forecaster > 0);
    }

    void aClassifierGivesItsTestImagesTheClassesItsTestPassGave() {
        PredictionRequest request =
            requestFor(m_imageDb, m_classifier, {m_dir.filePath("images/test").toStdString()});
        request.batchSize = 5; // batches that end short
        const Prediction p = predict(request);
        QCOMPARE(p.task, std::string("classification"));
        QCOMPARE(p.classNames, std::vector<std::string>({"circle", "shirt, top", "square"}));
        QCOMPARE(p.notes, std::vector<std::string>({"labels of 12 images of " +
                                                    m_dir.filePath("images/test").toStdString() +
                                                    " from the class folders they lie in"}));
        QCOMPARE(p.images.size(), std::size_t{12});
        const QString difference =
            differenceFromTestPass(p, artifactFolderOf(m_imageDb, m_classifier));
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        std::size_t right = 0;
        for (const ImageClasses& image : p.images) {
            double sum = 0.0;
            for (const double probability : image.probabilities)
                sum += probability;
            QVERIFY(std::abs(sum - 1.0) < 1e-9);
            QCOMPARE(image.predicted,
                     std::max_element(image.probabilities.begin(), image.probabilities.end()) -
                         image.probabilities.begin());
            // test/<class>/<file>: the folder names the label.
            const std::string folder =
                std::filesystem::path(image.file).parent_path().filename().string();
            QCOMPARE(p.classNames[static_cast<std::size_t>(image.label)], folder);
            right += image.predicted == image.label ? 1 : 0;
        }
        const LabelAgreement agreement = labelAgreement(p.images);
        QCOMPARE(agreement.labelled, std::size_t{12});
        QCOMPARE(agreement.right, right);
        const QStringList lines = QString::fromStdString(predictionCsv(p)).split('\n');
        QVERIFY2(lines[0].endsWith(",square,label"), qPrintable(lines[0]));
        QVERIFY2(lines[1].endsWith(",circle"), qPrintable(lines[1]));
    }

    void progressIsToldPerBatchAndAStopEndsItBetweenBatches() {
        PredictionRequest request =
            requestFor(m_imageDb, m_classifier, {m_dir.filePath("images/test").toStdString()});
        request.batchSize = 5;
        std::vector<std::pair<std::size_t, std::size_t>> told;
        request.progress = [&](std::size_t done, std::size_t total) {
            told.emplace_back(done, total);
        };
        predict(request);
        QCOMPARE(told,
                 (std::vector<std::pair<std::size_t, std::size_t>>{{5, 12}, {10, 12}, {12, 12}}));

        told.clear();
        request.stopRequested = [&] { return !told.empty(); };
        PredictionError::Kind kind = PredictionError::Kind::Unusable;
        const QString message = predictionErrorOf(request, &kind);
        QCOMPARE(kind, PredictionError::Kind::Stopped);
        QCOMPARE(message, QString("stopped after 5 of 12 images"));
    }

    void imagesOfAnotherSizeAreFittedAndUnreadableOnesListed() {
        QTemporaryDir dir;
        writePng(dir.filePath("large.png"), patternImage(30, 20, 3, 7));
        writePng(dir.filePath("gray.png"), patternImage(8, 8, 1, 8));
        writePng(dir.filePath("cut.png"), patternImage(8, 8, 3, 9));
        truncateFile(dir.filePath("cut.png"), 40);
        QFile notes(dir.filePath("notes.jpg"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("these are my notes");
        notes.close();

        const Prediction p =
            predict(requestFor(m_imageDb, m_classifier, {dir.path().toStdString()}, "best"));
        QCOMPARE(p.images.size(), std::size_t{2});
        QCOMPARE(p.unreadable.size(), std::size_t{2});
        QVERIFY(QString::fromStdString(p.unreadable[0]).contains("cut.png"));
        QVERIFY(QString::fromStdString(p.unreadable[1]).contains("notes.jpg"));
        QVERIFY(QString::fromStdString(p.origin).startsWith("run 1's best epoch"));

        QCOMPARE(labelAgreement(p.images).labelled, std::size_t{0});
        const QString csv = QString::fromStdString(predictionCsv(p));
        QVERIFY2(csv.startsWith("file,class,probability,circle,\"shirt, top\",square\n"),
                 qPrintable(csv));
        QCOMPARE(csv.count('\n'), 3);

        const QString none = predictionErrorOf(
            requestFor(m_imageDb, m_classifier, {dir.filePath("notes.jpg").toStdString()}));
        QVERIFY2(none.contains("none of the 1 images can be read"), qPrintable(none));
    }

    void anIdxClassifierGivesPngsOfItsTestImagesItsTestPassClasses() {
        // The default experiment's kind: one scaling for every pixel, and images that come as
        // bytes of an IDX file instead of files.
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath("idx"));
        writeIdxDataset(dir.filePath("idx"), {200, 20, 6, 4, false});
        Config config = quickMlpConfig();
        config.set("data.root", dir.filePath("idx").toStdString());
        config.set("train.batch_size", std::int64_t{16});
        const std::string db = dir.filePath("idx.db").toStdString();
        const std::int64_t run = trained(config, db);
        QVERIFY(run > 0);
        const torch::Tensor images =
            readIdxFile(dir.filePath("idx/t10k-images-idx3-ubyte").toStdString());
        QDir().mkpath(dir.filePath("png"));
        for (std::int64_t i = 0; i < images.size(0); ++i) {
            const torch::Tensor image = images[i].contiguous();
            const auto* bytes = image.data_ptr<std::uint8_t>();
            writePng(dir.filePath(QString("png/%1.png").arg(i, 2, 10, QChar('0'))),
                     {6, 6, 1, std::vector<std::uint8_t>(bytes, bytes + 36)});
        }

        const std::string artifacts =
            std::filesystem::path(artifactOf(db, run, "best")).parent_path().string();
        const NpyArray expected = readNpyFile(artifacts + "/test-probabilities.npy");
        const auto matchesTheTestPass = [&](const Prediction& p) {
            QCOMPARE(p.images.size(), std::size_t{20});
            QCOMPARE(p.classNames, std::vector<std::string>({"0", "1", "2", "3"}));
            for (std::size_t i = 0; i < p.images.size(); ++i)
                for (std::size_t c = 0; c < 4; ++c)
                    QVERIFY2(std::abs(p.images[i].probabilities[c] - expected.values[i * 4 + c]) <
                                 1e-5,
                             qPrintable(QString("image %1 class %2: %3, test pass %4")
                                            .arg(i)
                                            .arg(c)
                                            .arg(p.images[i].probabilities[c])
                                            .arg(expected.values[i * 4 + c])));
        };
        matchesTheTestPass(predict(requestFor(db, run, {dir.filePath("png").toStdString()})));
        if (QTest::currentTestFailed())
            return;

        // The IDX file itself, with its labels file beside it.
        const std::string t10k = dir.filePath("idx/t10k-images-idx3-ubyte").toStdString();
        const Prediction p = predict(requestFor(db, run, {t10k}));
        matchesTheTestPass(p);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(p.images[7].name(), t10k + "#7");
        QCOMPARE(p.images[7].label, std::int64_t{3}); // label i % 4
        QCOMPARE(p.notes.back(), "labels of 20 images from " +
                                     dir.filePath("idx/t10k-labels-idx1-ubyte").toStdString());
        QCOMPARE(labelAgreement(p.images).labelled, std::size_t{20});
        const QStringList lines = QString::fromStdString(predictionCsv(p)).split('\n');
        QVERIFY2(lines[8].startsWith(QString::fromStdString(t10k) + "#7,"), qPrintable(lines[8]));
        QVERIFY2(lines[8].endsWith(",3"), qPrintable(lines[8]));

        // A model of 8x8 RGB images of three classes takes the 6x6 gray images fitted; labels
        // of four classes are not its.
        const Prediction fitted = predict(requestFor(m_imageDb, m_classifier, {t10k}));
        QCOMPARE(fitted.images.size(), std::size_t{20});
        QCOMPARE(labelAgreement(fitted.images).labelled, std::size_t{0});
        QVERIFY2(QString::fromStdString(fitted.notes.back())
                     .endsWith("does not hold one of the run's 3 classes per image of " +
                               QString::fromStdString(t10k) +
                               "; the images are classified without labels"),
                 qPrintable(QString::fromStdString(fitted.notes.back())));

        const QString labels = predictionErrorOf(
            requestFor(db, run, {dir.filePath("idx/t10k-labels-idx1-ubyte").toStdString()}));
        QVERIFY2(labels.contains("holds labels (one number per image), not images"),
                 qPrintable(labels));
        const QString folder =
            predictionErrorOf(requestFor(db, run, {dir.filePath("idx").toStdString()}));
        QVERIFY2(folder.contains("holds MNIST-style IDX files, not .png, .jpg or .jpeg files: "
                                 "give one of its images files, such as " +
                                 QString::fromStdString(t10k)),
                 qPrintable(folder));
    }

    void aRunWithoutItsRecipeScalesFromItsTrainingData() {
        const std::string recipe = artifactOf(m_imageDb, m_classifier, kInputRecipeKind);
        QVERIFY(std::filesystem::exists(recipe));
        const PredictionRequest request = requestFor(
            m_imageDb, m_classifier, {m_dir.filePath("images/test/square").toStdString()});
        const Prediction withRecipe = predict(request);
        std::filesystem::rename(recipe, recipe + ".away");
        const Prediction without = predict(request);
        std::filesystem::rename(recipe + ".away", recipe);
        QCOMPARE(without.notes.size(), withRecipe.notes.size() + 1);
        QVERIFY(QString::fromStdString(without.notes[0]).contains("kept no inputs.yaml"));
        QCOMPARE(without.images.size(), withRecipe.images.size());
        for (std::size_t i = 0; i < without.images.size(); ++i)
            for (std::size_t c = 0; c < 3; ++c)
                QVERIFY(std::abs(without.images[i].probabilities[c] -
                                 withRecipe.images[i].probabilities[c]) < 1e-6);
    }

    void aForecastFromATestWindowsLastRowIsItsTestForecast() {
        const std::string artifacts =
            std::filesystem::path(artifactOf(m_seriesDb, m_forecaster, "best"))
                .parent_path()
                .string();
        const QJsonObject described = jsonFile(artifacts + "/test-forecast.json");
        const NpyArray predictions = readNpyFile(artifacts + "/test-predictions.npy");
        const auto seqLen = described.value("seq_len").toInt();
        const auto predLen = described.value("pred_len").toInt();
        const QJsonArray mean = described.value("mean").toArray();
        const QJsonArray scale = described.value("scale").toArray();
        // Window 2 reads the series rows [2, 2 + seq_len).
        const int window = 2;
        const std::string from =
            described.value("dates").toArray()[window + seqLen - 1].toString().toStdString();

        PredictionRequest request = requestFor(m_seriesDb, m_forecaster, {m_csv});
        request.forecastFrom = from;
        const Prediction p = predict(request);
        const Forecast& f = p.forecast;
        QCOMPARE(f.lastInputDate, from);
        QCOMPARE(f.columns, std::vector<std::string>({"x0", "x1", "OT"}));
        QCOMPARE(f.values.size(), static_cast<std::size_t>(predLen));
        QCOMPARE(f.actual.size(), static_cast<std::size_t>(predLen));
        const std::size_t channels = 3;
        for (std::size_t r = 0; r < f.values.size(); ++r)
            for (std::size_t c = 0; c < channels; ++c) {
                const double scaled = predictions.values[(window * predLen + r) * channels + c];
                const double expected = scaled * scale[static_cast<int>(c)].toDouble() +
                                        mean[static_cast<int>(c)].toDouble();
                QVERIFY2(std::abs(f.values[r][c] - expected) < 1e-4 * (1.0 + std::abs(expected)),
                         qPrintable(QString("row %1 column %2: %3, test pass %4")
                                        .arg(r)
                                        .arg(c)
                                        .arg(f.values[r][c])
                                        .arg(expected)));
            }
    }

    void aForecastFromTheLastRowIsDatedOnAndHasNoActualValues() {
        const Prediction p = predict(requestFor(m_seriesDb, m_forecaster, {m_csv}));
        const Forecast& f = p.forecast;
        // 600 hourly rows from 2020-01-01 00:00 end on 2020-01-25 23:00.
        QCOMPARE(f.lastInputDate, std::string("2020-01-25 23:00:00"));
        QCOMPARE(f.dates.front(), std::string("2020-01-26 00:00:00"));
        QCOMPARE(f.dates.back(), std::string("2020-01-26 11:00:00"));
        QVERIFY(f.actual.empty());
        // The rows read come along to draw the forecast after.
        QCOMPARE(f.inputDates.size(), std::size_t{48});
        QCOMPARE(f.inputDates.back(), f.lastInputDate);
        QCOMPARE(f.inputValues.size(), std::size_t{48});
        QCOMPARE(f.inputValues.back().size(), std::size_t{3});
        QCOMPARE(p.sampleShape, std::vector<std::int64_t>({48, 3}));
        const QString csv = QString::fromStdString(predictionCsv(p));
        QVERIFY2(csv.startsWith("date,x0,x1,OT\n2020-01-26 00:00:00,"), qPrintable(csv));
        QCOMPARE(csv.count('\n'), 13);

        // Three rows before the end, three of the twelve rows forecast have values to compare.
        PredictionRequest near = requestFor(m_seriesDb, m_forecaster, {m_csv});
        near.forecastFrom = "2020-01-25 20:00";
        const Prediction late = predict(near);
        QCOMPARE(late.forecast.actual.size(), std::size_t{3});
        QCOMPARE(late.forecast.dates.back(), std::string("2020-01-26 08:00:00"));
        const QStringList lines = QString::fromStdString(predictionCsv(late)).split('\n');
        QVERIFY2(lines[0].endsWith(",x0_actual,x1_actual,OT_actual"), qPrintable(lines[0]));
        QVERIFY2(!lines[3].endsWith(","), qPrintable(lines[3]));
        QVERIFY2(lines[4].endsWith(",,,"), qPrintable(lines[4]));

        // Between rows, or past the file's end: from the last row before that date.
        PredictionRequest between = near;
        between.forecastFrom = "2020-01-25 20:30";
        const Prediction earlier = predict(between);
        QCOMPARE(earlier.forecast.lastInputDate, std::string("2020-01-25 20:00:00"));
        QCOMPARE(earlier.forecast.values, late.forecast.values);
        QCOMPARE(earlier.notes.back(), std::string("no row is dated 2020-01-25 20:30:00: forecast "
                                                   "from the last row before it, 2020-01-25 "
                                                   "20:00:00"));
        between.forecastFrom = "2031-01-01";
        QCOMPARE(predict(between).forecast.lastInputDate, f.lastInputDate);
    }

    void aModelThatReadsOneRowDatesItsForecastByTheRowsBeforeIt() {
        Config config = quickForecastConfig(m_csv, "dlinear");
        config.set("data.seq_len", std::int64_t{1});
        config.set("data.label_len", std::int64_t{0});
        config.set("data.pred_len", std::int64_t{2});
        const std::int64_t runId = trained(config, m_seriesDb);
        QVERIFY(runId > 0);
        const Forecast f = predict(requestFor(m_seriesDb, runId, {m_csv})).forecast;
        QCOMPARE(f.lastInputDate, std::string("2020-01-25 23:00:00"));
        QCOMPARE(f.dates, std::vector<std::string>({"2020-01-26 00:00:00", "2020-01-26 01:00:00"}));

        // A file of one row tells no spacing.
        const std::string oneRow =
            writeFile(m_dir, "one-row.csv", "date,x0,x1,OT\n2020-01-01 00:00:00,1,2,3\n");
        QVERIFY2(predictionErrorOf(requestFor(m_seriesDb, runId, {oneRow}))
                     .contains("one-row.csv: the dates of a forecast follow the spacing"),
                 "a file of one row");
    }

    void aRunOfNoEpochsPredictsWithTheWeightsItTested() {
        Config config = quickForecastConfig(m_csv, "dlinear");
        config.set("train.epochs", std::int64_t{0});
        config.set("model.init_from", "run:" + std::to_string(m_forecaster));
        const std::int64_t tested = trained(config, m_seriesDb);
        QVERIFY(tested > 0);
        const Prediction own = predict(requestFor(m_seriesDb, m_forecaster, {m_csv}));
        const Prediction p = predict(requestFor(m_seriesDb, tested, {m_csv}));
        QCOMPARE(p.origin, "run " + std::to_string(tested) + ", which tested run " +
                               std::to_string(m_forecaster) + "'s best epoch (epoch 1)");
        // Its scaler is fitted to the same training rows: the same forecast.
        QCOMPARE(p.forecast.values, own.forecast.values);
    }

    void aTestOfPartlyFreshWeightsPredictsWhatItTested() {
        // Weights of another hidden size, taken where they fit (model.init_strict off): the run
        // tested the trained convolutions under a head its seed started, which predict builds
        // again from that seed.
        Config config = quickFolderConfig(m_dir.filePath("images"));
        config.set("data.image_size", std::int64_t{8});
        config.set("model.hidden", std::int64_t{16});
        config.set("model.init_strict", false);
        config.set("train.epochs", std::int64_t{0});
        config.set("model.init_from", "run:" + std::to_string(m_classifier));
        const std::int64_t tested = trained(config, m_imageDb);
        QVERIFY(tested > 0);
        torch::manual_seed(7); // whatever the generator drew since, as in an app used meanwhile
        const Prediction p =
            predict(requestFor(m_imageDb, tested, {m_dir.filePath("images/test").toStdString()}));
        const QString difference = differenceFromTestPass(p, artifactFolderOf(m_imageDb, tested));
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    void predictingWhileARunTrainsLeavesItsNumbersAlone() {
        // The desktop app predicts while a run trains in the same process. Building the model
        // draws initial weights, and the run draws dropout masks, from LibTorch's one set of
        // generators: each must draw from its own stream, or the run's masks would depend on
        // when the user predicted.
        Config config = quickFolderConfig(m_dir.filePath("images"));
        config.set("data.image_size", std::int64_t{8});
        config.set("train.epochs", std::int64_t{8});
        const std::int64_t alone = trained(config, m_imageDb);
        auto training = std::async(std::launch::async, [&] { return trained(config, m_imageDb); });
        const PredictionRequest request = requestFor(
            m_imageDb, m_classifier, {m_dir.filePath("images/test/circle").toStdString()});
        int predictions = 0;
        while (training.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            predict(request);
            ++predictions;
        }
        const std::int64_t beside = training.get();
        QVERIFY(alone > 0 && beside > 0);
        QVERIFY2(predictions >= 5, qPrintable(QString::number(predictions)));
        QCOMPARE(curve(m_imageDb, beside, "train/loss"), curve(m_imageDb, alone, "train/loss"));
        QCOMPARE(curve(m_imageDb, beside, "test/loss"), curve(m_imageDb, alone, "test/loss"));
    }

    void anInformersTestScoresItsWeightsAlone() {
        // ProbSparse attention samples keys at random even in eval mode. The test pass draws
        // from the run's seed, so a run of no epochs given the same weights scores the same,
        // however many numbers training drew before.
        Config config = quickForecastConfig(m_csv, "informer");
        config.set("model.d_model", std::int64_t{16});
        config.set("model.n_heads", std::int64_t{2});
        config.set("model.d_ff", std::int64_t{32});
        const std::int64_t source = trained(config, m_seriesDb);
        QVERIFY(source > 0);
        config.set("train.epochs", std::int64_t{0});
        config.set("model.init_from", "run:" + std::to_string(source));
        const std::int64_t tested = trained(config, m_seriesDb);
        QVERIFY(tested > 0);
        for (const char* metric : {"test/mse", "test/mae"}) {
            const std::vector<double> given = curve(m_seriesDb, source, metric);
            const std::vector<double> again = curve(m_seriesDb, tested, metric);
            QCOMPARE(again.size(), std::size_t{1});
            QCOMPARE(given.size(), std::size_t{1});
            QVERIFY2(
                std::abs(again[0] - given[0]) < 1e-9,
                qPrintable(QString("%1: %2 against %3").arg(metric).arg(again[0]).arg(given[0])));
        }
    }

    void whatCannotBeUsedIsRefusedByName_data() {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no such run") << "run"
                                     << "no run 99";
        QTest::newRow("a column missing") << "column"
                                          << "has no column 'OT'";
        QTest::newRow("two CSVs") << "two"
                                  << "a forecaster reads one CSV file";
        QTest::newRow("a date before the file's") << "date"
                                                  << "has no row dated 2019-12-31 00:00:00 or "
                                                     "before; its rows run from 2020-01-01 "
                                                     "00:00:00 to 2020-01-25 23:00:00";
        QTest::newRow("too few rows before")
            << "early"
            << "series.csv has 6 up to 2020-01-01 05:00:00; forecast from a later row";
        QTest::newRow("too few rows in the file")
            << "short"
            << "short.csv has 20 up to 2020-01-01 19:00:00; give it a file with at least 48 rows";
        QTest::newRow("no checkpoint") << "checkpoint"
                                       << "is missing (deleted";
        QTest::newRow("a missing folder") << "folder"
                                          << "does not exist";
        QTest::newRow("a CSV for a classifier")
            << "csv"
            << "series.csv is not a .png, .jpg or .jpeg file nor an MNIST-style IDX images "
               "file; this run classifies images";
        QTest::newRow("a folder for a forecaster")
            << "images"
            << "images is not a CSV file; this run forecasts from one";
    }
    void whatCannotBeUsedIsRefusedByName() {
        QFETCH(QString, what);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        PredictionRequest request = requestFor(m_seriesDb, m_forecaster, {m_csv});
        if (what == "run") {
            request.runId = 99;
        } else if (what == "column") {
            std::string text = syntheticCsv(100, 3);
            text.replace(text.find(",OT"), 3, ",ot");
            request.inputs = {writeFile(dir, "renamed.csv", text)};
        } else if (what == "two") {
            request.inputs = {m_csv, m_csv};
        } else if (what == "date") {
            request.forecastFrom = "2019-12-31";
        } else if (what == "early") {
            request.forecastFrom = "2020-01-01 05:00";
        } else if (what == "short") {
            request.inputs = {writeFile(dir, "short.csv", syntheticCsv(20, 3))};
        } else if (what == "checkpoint") {
            request.checkpoint = "last";
            std::filesystem::remove(artifactOf(m_seriesDb, m_forecaster, "last"));
            request.databasePath = m_seriesDb;
        } else if (what == "csv") {
            request = requestFor(m_imageDb, m_classifier, {m_csv});
        } else if (what == "images") {
            request.inputs = {m_dir.filePath("images").toStdString()};
        } else {
            request = requestFor(m_imageDb, m_classifier, {dir.filePath("nothing").toStdString()});
        }
        PredictionError::Kind kind = PredictionError::Kind::Unusable;
        const QString message = predictionErrorOf(request, &kind);
        QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(kind,
                 what == "run" ? PredictionError::Kind::NoRun : PredictionError::Kind::Unusable);
    }

private:
    QTemporaryDir m_dir;
    std::string m_imageDb;
    std::int64_t m_classifier = 0;
    std::string m_csv;
    std::string m_seriesDb;
    std::int64_t m_forecaster = 0;
};

QTEST_GUILESS_MAIN(TestPrediction)
#include "tst_prediction.moc"
