// The Classes panel: a classifier's stored test predictions as a confusion matrix, per-class
// scores and the images of the selected cell, a message for every run it cannot show, the
// matrix without the images when they are gone, and the main window's Classes dock.
#include "UiTestHelpers.h"
#include "engine/store/RunStore.h"
#include "engine/util/NpyFile.h"
#include "ui/classes/CellSamplesModel.h"
#include "ui/classes/ClassScoresModel.h"
#include "ui/classes/ClassesPanel.h"
#include "ui/dataset/IdxImageSet.h"
#include "ui/main/MainWindow.h"
#include "ui/runs/Workspace.h"
#include "ui/training/TrainingSession.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPixmap>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

using namespace tb::engine;
using namespace tb::ui;

namespace {

using Cell = ConfusionHeatMap::Cell;

constexpr int kClasses = 4, kSamples = 20, kImageRows = 4, kImageCols = 3;

// Each test image's true class and the probabilities the model gave the four classes. Shirt
// is taken for T-shirt three times (the most common mistake): samples 9 (90%), 12 (75%) and 7
// (60%). Sample 0 ties T-shirt and Shirt: the first, T-shirt, is its prediction.
//
//              predicted T-shirt  Shirt  Bag  Coat, long
//   T-shirt                    4      2    0           0
//   Shirt                      3      4    0           1
//   Bag                        0      0    4           0
//   Coat, long                 0      1    0           1
const int kLabels[kSamples] = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3};
const float kProbabilities[kSamples][kClasses] = {
    {0.40f, 0.40f, 0.10f, 0.10f}, {0.90f, 0.05f, 0.03f, 0.02f}, {0.70f, 0.20f, 0.05f, 0.05f},
    {0.55f, 0.35f, 0.05f, 0.05f}, {0.30f, 0.65f, 0.02f, 0.03f}, {0.15f, 0.80f, 0.02f, 0.03f},
    {0.10f, 0.85f, 0.02f, 0.03f}, {0.60f, 0.30f, 0.05f, 0.05f}, {0.20f, 0.45f, 0.05f, 0.30f},
    {0.90f, 0.07f, 0.01f, 0.02f}, {0.30f, 0.60f, 0.05f, 0.05f}, {0.05f, 0.95f, 0.00f, 0.00f},
    {0.75f, 0.20f, 0.02f, 0.03f}, {0.10f, 0.20f, 0.05f, 0.65f}, {0.01f, 0.01f, 0.97f, 0.01f},
    {0.05f, 0.05f, 0.80f, 0.10f}, {0.02f, 0.02f, 0.92f, 0.04f}, {0.10f, 0.10f, 0.70f, 0.10f},
    {0.05f, 0.15f, 0.05f, 0.75f}, {0.10f, 0.55f, 0.05f, 0.30f}};
const int kMatrix[kClasses][kClasses] = {{4, 2, 0, 0}, {3, 4, 0, 1}, {0, 0, 4, 0}, {0, 1, 0, 1}};
const char* const kConfusionCsv = "true \\ predicted,T-shirt,Shirt,Bag,\"Coat, long\"\n"
                                  "T-shirt,4,2,0,0\n"
                                  "Shirt,3,4,0,1\n"
                                  "Bag,0,0,4,0\n"
                                  "\"Coat, long\",0,1,0,1\n";

/// Every pixel of test image `i` is 10 * i: a thumbnail shows which image it is.
std::uint8_t pixelOf(int image) {
    return static_cast<std::uint8_t>(10 * image);
}

void writeImages(const QString& path, int count) {
    std::vector<std::uint8_t> pixels;
    for (int i = 0; i < count; ++i)
        pixels.insert(pixels.end(), kImageRows * kImageCols, pixelOf(i));
    tb::test::writeIdx(path, {static_cast<std::uint32_t>(count), kImageRows, kImageCols}, pixels);
}

/// Writes a classifier's test files as the engine does, images and all, and stores a
/// finished run whose `class_predictions` artifact points at them. The test images are an IDX
/// file (`imagesPath`, or one written beside them when null) or, when `imageFiles` names
/// them, one file per sample; `configYaml` is the run's config.
qint64 storeClassifier(RunStore& store, const QString& folder,
                       const QString& imagesPath = QString(), const QStringList& imageFiles = {},
                       const std::string& configYaml = {}) {
    QDir().mkpath(folder);
    const QString images = imagesPath.isNull() ? folder + "/t10k-images-idx3-ubyte.gz" : imagesPath;
    if (imagesPath.isNull())
        writeImages(images, kSamples);
    std::vector<float> probabilities, labels;
    for (int i = 0; i < kSamples; ++i) {
        probabilities.insert(probabilities.end(), kProbabilities[i], kProbabilities[i] + kClasses);
        labels.push_back(static_cast<float>(kLabels[i]));
    }
    writeNpyFile((folder + "/test-probabilities.npy").toStdString(), {kSamples, kClasses},
                 probabilities.data());
    writeNpyFile((folder + "/test-labels.npy").toStdString(), {kSamples}, labels.data());
    tb::test::writeText(folder + "/test-confusion.csv", kConfusionCsv);
    QJsonObject json{{"class_names", QJsonArray{"T-shirt", "Shirt", "Bag", "Coat, long"}},
                     {"samples", kSamples},
                     {"images", images},
                     {"image_files", QJsonArray::fromStringList(imageFiles)},
                     {"probabilities", "test-probabilities.npy"},
                     {"labels", "test-labels.npy"},
                     {"confusion", "test-confusion.csv"}};
    tb::test::writeText(folder + "/test-classes.json", QJsonDocument(json).toJson());
    const qint64 runId = tb::test::storeRun(store, "fashion-mnist-cnn", "cpu", 1, 2,
                                            RunStatus::Finished, configYaml);
    for (const auto& [kind, file] : {std::pair{"class_predictions", "/test-classes.json"},
                                     std::pair{"confusion", "/test-confusion.csv"}}) {
        ArtifactRecord artifact;
        artifact.runId = runId;
        artifact.kind = kind;
        artifact.path = (folder + file).toStdString();
        store.addArtifact(artifact);
    }
    return runId;
}

/// storeClassifier in the workspace at `databasePath`, closed again before a panel opens it.
qint64 storeClassifierIn(const QString& databasePath, const QString& folder,
                         const QString& imagesPath = QString(), const QStringList& imageFiles = {},
                         const std::string& configYaml = {}) {
    RunStore store = RunStore::open(databasePath.toStdString());
    return storeClassifier(store, folder, imagesPath, imageFiles, configYaml);
}

/// Test image `i` as a 12x10 file of one grey, pixelOf(i), in its class's folder under
/// `root`: PNG, every fifth a JPEG.
QStringList writeImageFiles(const QString& root) {
    QStringList files;
    for (int i = 0; i < kSamples; ++i) {
        const QString file = QStringLiteral("%1/class-%2/%3.%4")
                                 .arg(root)
                                 .arg(kLabels[i])
                                 .arg(i)
                                 .arg(i % 5 == 4 ? "jpg" : "png");
        const int gray = pixelOf(i);
        tb::test::writeImage(file, QSize(12, 10), QColor(gray, gray, gray));
        files << file;
    }
    return files;
}

/// The config of a run trained on an image folder that its model saw as 8x8 grey.
const char* const kFolderConfig = "name: folder-cnn\n"
                                  "model: {name: cnn}\n"
                                  "data: {kind: folder, root: /data/clothes, image_size: 8, "
                                  "color: gray}\n";

int grayOfCentre(const QModelIndex& index) {
    const QImage image = index.data(Qt::DecorationRole).value<QPixmap>().toImage();
    return qGray(image.pixel(image.width() / 2, image.height() / 2));
}

/// The row of the scores table that lists class `c`, as shown.
QStringList scoresRow(const ClassesPanel& panel, int c) {
    const QAbstractItemModel* model = panel.scoresView()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, ClassScoresModel::Name).data().toString() !=
            panel.classes()->classNames[c])
            continue;
        QStringList texts;
        for (int column = 0; column < model->columnCount(); ++column)
            texts << model->index(row, column).data().toString();
        return texts;
    }
    return {};
}

int shownRowOf(const ClassesPanel& panel, int c) {
    const QAbstractItemModel* model = panel.scoresView()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, ClassScoresModel::Name).data().toString() ==
            panel.classes()->classNames[c])
            return row;
    return -1;
}

void clickRow(const ClassesPanel& panel, int row) {
    QTableView* view = panel.scoresView();
    const QRect rect = view->visualRect(view->model()->index(row, ClassScoresModel::Images));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}

QString cellName(Cell cell) {
    return QStringLiteral("(%1, %2)").arg(cell.trueClass).arg(cell.predictedClass);
}

} // namespace

class TestClassesPanel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    qint64 m_run = 0;

    std::unique_ptr<Workspace> openWorkspace(const QString& db) {
        auto workspace = std::make_unique<Workspace>();
        QString error;
        if (!workspace->open(db, error))
            qWarning("%s", qPrintable(error));
        return workspace;
    }

private Q_SLOTS:
    void initTestCase() {
        tb::test::useTemporarySettings(m_dir);
        m_db = m_dir.filePath("workspace.db");
        RunStore store = RunStore::open(m_db.toStdString());
        m_run = storeClassifier(store, m_dir.filePath("run-classes"));
    }

    void showsTheMatrixAndTheScoresOfEveryClass() {
        auto workspace = openWorkspace(m_db);
        ClassesPanel panel(*workspace);
        QVERIFY2(panel.showRun(m_run), qPrintable(panel.messageLabel()->text()));
        QVERIFY(panel.classes());
        QCOMPARE(panel.runId(), m_run);
        // 13 of 20 right; F1 8/13, 8/15, 1 and 1/2.
        QCOMPARE(panel.titleLabel()->text(),
                 QStringLiteral("Run %1 \u00b7 fashion-mnist-cnn \u2014 20 test images, "
                                "accuracy 65.0%, macro F1 0.662")
                     .arg(m_run));
        for (int t = 0; t < kClasses; ++t)
            for (int p = 0; p < kClasses; ++p)
                QCOMPARE(panel.heatMap()->cellText({t, p}), QString::number(kMatrix[t][p]));
        QCOMPARE(scoresRow(panel, 0),
                 QStringList({"T-shirt", "6", "0.571", "0.667", "0.615", "Shirt (2)"}));
        QCOMPARE(scoresRow(panel, 1),
                 QStringList({"Shirt", "8", "0.571", "0.500", "0.533", "T-shirt (3)"}));
        QCOMPARE(scoresRow(panel, 2),
                 QStringList({"Bag", "4", "1.000", "1.000", "1.000", "\u2014"}));
        QCOMPARE(scoresRow(panel, 3),
                 QStringList({"Coat, long", "2", "0.500", "0.500", "0.500", "Shirt (1)"}));
        // The classes' own order until a column is sorted.
        QCOMPARE(shownRowOf(panel, 3), 3);
        const QModelIndex count = panel.scoresView()->model()->index(0, ClassScoresModel::Images);
        QVERIFY(count.data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight);
    }

    void selectsTheMostCommonMistakeMostConfidentFirst() {
        auto workspace = openWorkspace(m_db);
        ClassesPanel panel(*workspace);
        panel.show();
        QVERIFY(panel.showRun(m_run));
        QVERIFY2(panel.heatMap()->selectedCell() == (Cell{1, 0}),
                 qPrintable(cellName(panel.heatMap()->selectedCell())));
        QCOMPARE(panel.samples()->samples(), (std::vector<int>{9, 12, 7}));
        QCOMPARE(panel.samplesHeader()->text(),
                 QStringLiteral("Shirt taken for T-shirt: 3 images, the most confident first"));
        CellSamplesModel* samples = panel.samples();
        QCOMPARE(samples->index(0).data().toString(), QStringLiteral("90%"));
        QCOMPARE(samples->index(2).data().toString(), QStringLiteral("60%"));
        QCOMPARE(samples->index(0).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Test image #9, a Shirt:\n90.0%  T-shirt\n7.0%  Shirt\n2.0%  "
                                "Coat, long"));
        // The thumbnail is test image 9, twice its size.
        QVERIFY(panel.images());
        QVERIFY(panel.samplesView()->isVisible());
        QVERIFY(!panel.imagesMessage()->isVisible());
        const QImage thumbnail =
            samples->index(0).data(Qt::DecorationRole).value<QPixmap>().toImage();
        QCOMPARE(thumbnail.size(), QSize(2 * kImageCols, 2 * kImageRows));
        QCOMPARE(qGray(thumbnail.pixel(1, 1)), int{pixelOf(9)});
        // The scores table follows: the Shirt row is current.
        QCOMPARE(panel.scoresView()->currentIndex().row(), shownRowOf(panel, 1));
        // The cell is drawn selected: framed in the text colour, which no other cell is.
        const QImage drawn = panel.heatMap()->grab().toImage();
        const QColor frame = panel.palette().color(QPalette::WindowText);
        const auto top = [&](Cell cell) {
            const QRect r = panel.heatMap()->cellRect(cell);
            return drawn.pixel(r.center().x(), r.top() + 1);
        };
        QCOMPARE(top({1, 0}), frame.rgb());
        QCOMPARE(top({1, 1}), panel.heatMap()->cellColor({1, 1}).rgb());
    }

    void copiesTheScoresAndTheMatrixAsText() {
        auto workspace = openWorkspace(m_db);
        ClassesPanel panel(*workspace);
        QVERIFY(panel.showRun(m_run));
        QMenu* menu = panel.copyButton()->menu();
        QVERIFY(menu);
        QAction* markdown = tb::test::actionNamed(*menu, "Scores as &Markdown");
        QVERIFY(markdown);
        markdown->trigger();
        const QStringList lines = QGuiApplication::clipboard()->text().split('\n');
        QCOMPARE(lines.value(0),
                 QString("| class | samples | precision | recall | F1 | most often taken for |"));
        QCOMPARE(lines.value(1), QString("|---|---|---|---|---|---|"));
        QCOMPARE(lines.value(2),
                 QString("| **T-shirt** | 6 | 0.571 | 0.667 | 0.615 | Shirt (2) |"));
        QCOMPARE(lines.value(6), QString("| **all** | 20 |  |  | 0.662 macro | accuracy 0.650 |"));

        tb::test::actionNamed(*menu, "Confusion matrix as tab-&separated text")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QString("true \\ predicted\tT-shirt\tShirt\tBag\tCoat, long\n"
                         "T-shirt\t4\t2\t0\t0\nShirt\t3\t4\t0\t1\nBag\t0\t0\t4\t0\n"
                         "Coat, long\t0\t1\t0\t1\n"));
        tb::test::actionNamed(*menu, "Scores as &tab-separated text (spreadsheets)")->trigger();
        QVERIFY(QGuiApplication::clipboard()->text().startsWith(
            "class\tsamples\tprecision\trecall\tF1\tmost often taken for\nT-shirt\t6\t"));
    }

    void aRightCellListsTheLeastConfidentFirst() {
        auto workspace = openWorkspace(m_db);
        ClassesPanel panel(*workspace);
        QVERIFY(panel.showRun(m_run));
        panel.heatMap()->selectCell({1, 1});
        QCOMPARE(panel.samples()->samples(), (std::vector<int>{8, 10, 6, 11}));
        QCOMPARE(panel.samplesHeader()->text(),
                 QStringLiteral("Shirt recognised: 4 images, the least confident first"));
        // A tie goes to the first class, as torch.argmax has it: sample 0 is a right T-shirt.
        panel.heatMap()->selectCell({0, 0});
        QCOMPARE(panel.samples()->samples(), (std::vector<int>{0, 3, 2, 1}));
        panel.heatMap()->selectCell({2, 0});
        QVERIFY(panel.samples()->samples().empty());
        QCOMPARE(panel.samplesHeader()->text(),
                 QStringLiteral("Bag taken for T-shirt: no images, the most confident first"));
    }

    void clicksSelectCellsAndRowsTheirClassesMistakes() {
        auto workspace = openWorkspace(m_db);
        ClassesPanel panel(*workspace);
        panel.resize(1200, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.showRun(m_run));
        ConfusionHeatMap* map = panel.heatMap();
        QVERIFY(map->cellAt(map->cellRect({3, 1}).center()) == (Cell{3, 1}));
        QTest::mouseClick(map, Qt::LeftButton, {}, map->cellRect({3, 1}).center());
        QVERIFY2(map->selectedCell() == (Cell{3, 1}), qPrintable(cellName(map->selectedCell())));
        QCOMPARE(panel.samples()->samples(), std::vector<int>{19});
        QCOMPARE(panel.scoresView()->currentIndex().row(), shownRowOf(panel, 3));
        QTest::keyClick(map, Qt::Key_Up);
        QVERIFY2(map->selectedCell() == (Cell{2, 1}), qPrintable(cellName(map->selectedCell())));

        // A row selects its class's most common mistake; a class without one, its diagonal.
        clickRow(panel, shownRowOf(panel, 0));
        QVERIFY2(map->selectedCell() == (Cell{0, 1}), qPrintable(cellName(map->selectedCell())));
        QCOMPARE(panel.samples()->samples(), (std::vector<int>{5, 4}));
        clickRow(panel, shownRowOf(panel, 2));
        QVERIFY2(map->selectedCell() == (Cell{2, 2}), qPrintable(cellName(map->selectedCell())));

        // Sorted by F1, best first, the rows still name their classes.
        panel.scoresView()->sortByColumn(ClassScoresModel::F1, Qt::DescendingOrder);
        QCOMPARE(shownRowOf(panel, 2), 0);
        QCOMPARE(shownRowOf(panel, 3), 3);
        clickRow(panel, 3);
        QVERIFY2(map->selectedCell() == (Cell{3, 1}), qPrintable(cellName(map->selectedCell())));
        clickRow(panel, 2);
        QVERIFY2(map->selectedCell() == (Cell{1, 0}), qPrintable(cellName(map->selectedCell())));
    }

    void cellsShowCountsOrSharesOfTheTrueClass() {
        auto workspace = openWorkspace(m_db);
        ClassesPanel panel(*workspace);
        panel.resize(1200, 500);
        panel.show();
        QVERIFY(panel.showRun(m_run));
        ConfusionHeatMap* map = panel.heatMap();
        QVERIFY(map->showsCellText());
        QCOMPARE(map->cellToolTip({1, 0}),
                 QStringLiteral("3 Shirt images (37.5%) predicted as T-shirt"));
        QCOMPARE(map->cellToolTip({3, 1}),
                 QStringLiteral("1 Coat, long image (50.0%) predicted as Shirt"));
        panel.sharesBox()->setChecked(true);
        QVERIFY(map->showsShares());
        QCOMPARE(map->cellText({0, 1}), QStringLiteral("33%"));
        QCOMPARE(map->cellText({2, 2}), QStringLiteral("100%"));
        QCOMPARE(map->cellText({2, 0}), QStringLiteral("0"));
        panel.sharesBox()->setChecked(false);
        QCOMPARE(map->cellText({0, 1}), QStringLiteral("2"));

        // Coloured by the share of the row: Shirt's 3 of 8 mistakes are paler than Coat's 1 of
        // 2, the diagonal another hue, an empty cell the background.
        const auto strength = [&](Cell cell) { return 255 - map->cellColor(cell).lightness(); };
        QVERIFY(strength({3, 1}) > strength({1, 0}));
        QVERIFY(strength({1, 0}) > strength({1, 3}));
        QVERIFY(map->cellColor({2, 2}).hue() != map->cellColor({3, 1}).hue());
        QCOMPARE(map->cellColor({2, 0}).rgb(), panel.palette().color(QPalette::Base).rgb());

        // Too small for their text, the cells drop it.
        ConfusionHeatMap small;
        small.setMatrix(&panel.classes()->matrix);
        small.resize(400, 300);
        small.show();
        QTRY_VERIFY(small.showsCellText());
        small.resize(90, 60);
        QTRY_VERIFY(!small.showsCellText());
    }

    void saysWhyThereIsNothingToShow_data() {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown run") << "none"
                                     << "is not in this workspace";
        QTest::newRow("still training") << "running"
                                        << "is still training";
        QTest::newRow("no predictions") << "forecaster"
                                        << "saved no test predictions: an image classifier";
        QTest::newRow("files gone") << "deleted"
                                    << "was not copied beside that workspace file";
        QTest::newRow("description damaged") << "json"
                                             << "test-classes.json is not valid JSON";
        QTest::newRow("matrix missing") << "no-csv"
                                        << "test-confusion.csv cannot be read";
        QTest::newRow("matrix damaged") << "bad-csv"
                                        << "test-confusion.csv is not a confusion matrix";
        QTest::newRow("matrix of other classes") << "csv-classes"
                                                 << "test-confusion.csv names the classes";
        QTest::newRow("probabilities missing") << "no-npy"
                                               << "test-probabilities.npy cannot be read";
        QTest::newRow("probabilities truncated") << "truncated"
                                                 << "test-probabilities.npy cannot be read";
        QTest::newRow("probabilities of 3 classes") << "3-classes"
                                                    << "test-probabilities.npy holds an array "
                                                       "of [20, 3]";
        QTest::newRow("labels of 19 samples") << "19-labels"
                                              << "test-labels.npy holds an array of [19]";
        QTest::newRow("a label that is no class") << "label-7"
                                                  << "test-labels.npy gives test image 0 the "
                                                     "label 7";
    }

    void saysWhyThereIsNothingToShow() {
        QFETCH(QString, setup);
        QFETCH(QString, expected);
        const QString folder = m_dir.filePath("bad-" + setup);
        const QString db = m_dir.filePath(setup + ".db");
        qint64 runId = 999;
        {
            RunStore store = RunStore::open(db.toStdString());
            if (setup == "running") {
                runId = tb::test::storeRun(store, "still-going", "cpu", 0, 1, RunStatus::Running);
            } else if (setup == "forecaster") {
                runId =
                    tb::test::storeRun(store, "dlinear-etth1-96", "cpu", 1, 2, RunStatus::Finished);
            } else if (setup != "none") {
                runId = storeClassifier(store, folder);
            }
        }
        const auto floats = [](std::size_t count, float value) {
            return std::vector<float>(count, value);
        };
        if (setup == "deleted")
            QVERIFY(QDir(folder).removeRecursively());
        if (setup == "json")
            QVERIFY(tb::test::writeText(folder + "/test-classes.json", "{\"class_names\": ["));
        if (setup == "no-csv")
            QVERIFY(QFile::remove(folder + "/test-confusion.csv"));
        if (setup == "bad-csv")
            QVERIFY(tb::test::writeText(folder + "/test-confusion.csv",
                                        "true \\ predicted,T-shirt,Shirt,Bag,\"Coat, long\"\n"
                                        "T-shirt,4,2,0,0\nShirt,3,four,0,1\n"));
        if (setup == "csv-classes")
            QVERIFY(tb::test::writeText(folder + "/test-confusion.csv",
                                        "true \\ predicted,a,b\na,10,0\nb,0,10\n"));
        if (setup == "no-npy")
            QVERIFY(QFile::remove(folder + "/test-probabilities.npy"));
        if (setup == "truncated")
            QVERIFY(QFile::resize(folder + "/test-probabilities.npy", 128 + 40));
        if (setup == "3-classes")
            writeNpyFile((folder + "/test-probabilities.npy").toStdString(), {kSamples, 3},
                         floats(kSamples * 3, 0.3f).data());
        if (setup == "19-labels")
            writeNpyFile((folder + "/test-labels.npy").toStdString(), {kSamples - 1},
                         floats(kSamples - 1, 0.0f).data());
        if (setup == "label-7")
            writeNpyFile((folder + "/test-labels.npy").toStdString(), {kSamples},
                         floats(kSamples, 7.0f).data());

        auto workspace = openWorkspace(db);
        ClassesPanel panel(*workspace);
        panel.show();
        QVERIFY(!panel.showRun(runId));
        QVERIFY(!panel.classes());
        QVERIFY(panel.messageLabel()->isVisible());
        QVERIFY(!panel.heatMap()->isVisible());
        QVERIFY(!panel.sharesBox()->isVisible());
        QVERIFY2(panel.messageLabel()->text().contains(expected),
                 qPrintable(panel.messageLabel()->text()));
        // A damaged file is named with its folder, and the message says what writes it anew.
        if (setup != "none" && setup != "running" && setup != "forecaster" && setup != "deleted") {
            QVERIFY2(panel.messageLabel()->text().contains(folder),
                     qPrintable(panel.messageLabel()->text()));
            QVERIFY2(panel.messageLabel()->text().contains("Train longer"),
                     qPrintable(panel.messageLabel()->text()));
        }
    }

    void showsTheMatrixWithoutItsImages_data() {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("expected");
        QTest::newRow("moved") << "moved"
                               << "are not there: has the run's data.root moved";
        QTest::newRow("too few images") << "few"
                                        << "is not the file the run was tested on: it holds "
                                           "10 images, the run 20 test images";
        QTest::newRow("not an IDX file") << "junk"
                                         << "is not an IDX file";
        QTest::newRow("unknown") << "unknown"
                                 << "did not record which file holds its test images";
    }

    void showsTheMatrixWithoutItsImages() {
        QFETCH(QString, setup);
        QFETCH(QString, expected);
        const QString folder = m_dir.filePath("images-" + setup);
        const QString db = m_dir.filePath("images-" + setup + ".db");
        QString images = setup == "unknown" ? QStringLiteral("") : folder + "/images-idx3-ubyte";
        QDir().mkpath(folder);
        if (setup == "few")
            writeImages(images, 10);
        if (setup == "junk")
            QVERIFY(tb::test::writeText(images, "not images"));
        const qint64 runId = storeClassifierIn(db, folder, images);
        auto workspace = openWorkspace(db);
        ClassesPanel panel(*workspace);
        panel.show();
        QVERIFY2(panel.showRun(runId), qPrintable(panel.messageLabel()->text()));
        QVERIFY(panel.classes());
        QVERIFY(!panel.images());
        QVERIFY(panel.heatMap()->isVisible());
        QVERIFY(panel.scoresView()->isVisible());
        QVERIFY(panel.heatMap()->selectedCell() == (Cell{1, 0}));
        QCOMPARE(panel.samplesHeader()->text(),
                 QStringLiteral("Shirt taken for T-shirt: 3 images, the most confident first"));
        QVERIFY(!panel.samplesView()->isVisible());
        QVERIFY(panel.imagesMessage()->isVisible());
        QVERIFY2(panel.imagesMessage()->text().contains(expected),
                 qPrintable(panel.imagesMessage()->text()));
        if (setup != "unknown")
            QVERIFY2(panel.imagesMessage()->text().contains(images),
                     qPrintable(panel.imagesMessage()->text()));
    }

    void showsTheImageFilesOfAFolderRun() {
        const QString folder = m_dir.filePath("folder-run");
        const QStringList files = writeImageFiles(folder + "/images");
        // One file gone since the run: it is crossed out, the rest still show.
        QVERIFY(QFile::remove(files[12]));
        const QString db = m_dir.filePath("folder-run.db");
        const qint64 runId = storeClassifierIn(db, folder, "", files, kFolderConfig);
        auto workspace = openWorkspace(db);
        ClassesPanel panel(*workspace);
        panel.show();
        QVERIFY2(panel.showRun(runId), qPrintable(panel.messageLabel()->text()));
        QVERIFY(panel.images() && panel.images()->isFiles());
        // Drawn as the run's model saw them: data.image_size 8, data.color gray.
        QCOMPARE(panel.images()->rows, 8);
        QCOMPARE(panel.images()->channels, 1);
        QVERIFY(panel.samplesView()->isVisible());
        QVERIFY(!panel.imagesMessage()->isVisible());

        CellSamplesModel* samples = panel.samples();
        QCOMPARE(samples->samples(), (std::vector<int>{9, 12, 7}));
        QCOMPARE(samples->thumbnailSize(), QSize(64, 64));
        QCOMPARE(panel.samplesView()->iconSize(), QSize(64, 64));
        // Image 9 is a JPEG, within a few steps of its grey; image 7 a PNG.
        QTRY_VERIFY2(std::abs(grayOfCentre(samples->index(0)) - pixelOf(9)) <= 3,
                     qPrintable(QString::number(grayOfCentre(samples->index(0)))));
        QTRY_VERIFY(std::abs(grayOfCentre(samples->index(2)) - pixelOf(7)) <= 1);
        QVERIFY2(samples->index(0)
                     .data(Qt::ToolTipRole)
                     .toString()
                     .startsWith("Test image #9, a Shirt:\n90.0%  T-shirt"),
                 qPrintable(samples->index(0).data(Qt::ToolTipRole).toString()));
        QVERIFY(samples->index(0).data(Qt::ToolTipRole).toString().endsWith(files[9]));
        QTRY_VERIFY(samples->index(1).data(Qt::ToolTipRole).toString().contains("cannot be shown"));
        const QString missing = samples->index(1).data(Qt::ToolTipRole).toString();
        QVERIFY2(missing.contains(files[12] + " cannot be read"), qPrintable(missing));
        // Crossed out: red, where a decoded image is grey.
        const QImage crossed =
            samples->index(1).data(Qt::DecorationRole).value<QPixmap>().toImage();
        QCOMPARE(crossed.size(), QSize(64, 64));
        const QColor mark = crossed.pixelColor(crossed.width() / 2, crossed.height() / 2);
        QVERIFY2(mark.red() > mark.green() + 60, qPrintable(mark.name()));
        // The matrix and scores are whole all the same.
        QCOMPARE(panel.heatMap()->cellText({1, 0}), QStringLiteral("3"));
    }

    void withoutAFolderConfigTheFilesShowAsTheyAre() {
        const QString folder = m_dir.filePath("plain-run");
        const QStringList files = writeImageFiles(folder + "/images");
        const QString db = m_dir.filePath("plain-run.db");
        const qint64 runId = storeClassifierIn(db, folder, "", files);
        auto workspace = openWorkspace(db);
        ClassesPanel panel(*workspace);
        QVERIFY(panel.showRun(runId));
        QVERIFY(panel.images() && panel.images()->isFiles());
        QCOMPARE(panel.images()->rows, 0);
        QCOMPARE(panel.images()->channels, 3);
        // The 12x10 file whole, five times its size, on a square of nothing.
        const QModelIndex seventh = panel.samples()->index(2);
        panel.samples()->data(seventh, Qt::DecorationRole);
        QTRY_COMPARE(grayOfCentre(seventh), int{pixelOf(7)});
        const QImage image = seventh.data(Qt::DecorationRole).value<QPixmap>().toImage();
        QCOMPARE(image.size(), QSize(64, 64));
        QCOMPARE(image.pixelColor(0, 0).alpha(), 0);
    }

    void showsTheMatrixWithoutItsImageFiles_data() {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("expected");
        QTest::newRow("moved") << "moved"
                               << "are not there: has the run's data.root moved";
        QTest::newRow("miscounted") << "miscounted"
                                    << "names 19 image files for 20 test images";
    }

    void showsTheMatrixWithoutItsImageFiles() {
        QFETCH(QString, setup);
        QFETCH(QString, expected);
        const QString folder = m_dir.filePath("files-" + setup);
        const QString db = m_dir.filePath("files-" + setup + ".db");
        QStringList files;
        if (setup == "moved") {
            files = writeImageFiles(folder + "/images");
            QVERIFY(QDir(folder + "/images").removeRecursively());
        } else {
            files = writeImageFiles(folder + "/images").mid(1);
        }
        const qint64 runId = storeClassifierIn(db, folder, "", files, kFolderConfig);
        auto workspace = openWorkspace(db);
        ClassesPanel panel(*workspace);
        panel.show();
        QVERIFY2(panel.showRun(runId), qPrintable(panel.messageLabel()->text()));
        QVERIFY(!panel.images());
        QVERIFY(panel.heatMap()->isVisible());
        QVERIFY(panel.scoresView()->isVisible());
        QVERIFY(!panel.samplesView()->isVisible());
        QVERIFY(panel.imagesMessage()->isVisible());
        QVERIFY2(panel.imagesMessage()->text().contains(expected),
                 qPrintable(panel.imagesMessage()->text()));
        if (setup == "moved")
            QVERIFY2(panel.imagesMessage()->text().contains(files.front()),
                     qPrintable(panel.imagesMessage()->text()));
    }

    void theMainWindowShowsAClassifiersClasses() {
        MainWindow::Options options;
        options.databasePath = m_dir.filePath("window.db");
        qint64 runId = 0;
        {
            RunStore store = RunStore::open(options.databasePath.toStdString());
            runId = storeClassifier(store, m_dir.filePath("window-run"));
        }
        MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* classesDock = window.findChild<QDockWidget*>("classesDock");
        auto* forecastDock = window.findChild<QDockWidget*>("forecastDock");
        QVERIFY(classesDock && forecastDock);
        QCOMPARE(classesDock->widget(), window.classesPanel());
        QVERIFY(window.tabifiedDockWidgets(forecastDock).contains(classesDock));
        // A tab behind another stays visible, but none of it can be seen.
        const auto inFront = [classesDock] { return !classesDock->visibleRegion().isEmpty(); };
        QVERIFY(!inFront()); // Runs is

        // Opened in Runs, a run shows its classes; it comes forward when it finishes.
        window.openRun(runId);
        QCOMPARE(window.classesPanel()->runId(), runId);
        QVERIFY(window.classesPanel()->classes());
        QVERIFY(!inFront());
        Q_EMIT window.session().runEnded(runId, QStringLiteral("finished"), QString());
        QTRY_VERIFY(inFront());

        // Deleted, it is let go of.
        QString error;
        QVERIFY2(window.workspace().deleteRuns({runId}, error), qPrintable(error));
        window.forgetRuns({runId});
        QVERIFY(!window.classesPanel()->classes());
        QVERIFY2(window.classesPanel()->messageLabel()->text().contains("not in this workspace"),
                 qPrintable(window.classesPanel()->messageLabel()->text()));
    }
};

QTEST_MAIN(TestClassesPanel)
#include "tst_classespanel.moc"
