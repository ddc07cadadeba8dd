// Browsing a folder of PNG and JPEG images in a subfolder per class (data.kind folder): the
// splits the engine deals, thumbnails decoded off the GUI thread as the model sees them, and
// what the browser says about a folder or an image training cannot use.
#include "UiTestHelpers.h"
#include "ui/dataset/FileThumbnailLoader.h"
#include "ui/dataset/FolderImageSet.h"
#include "ui/dataset/IdxImageSet.h"
#include "ui/dataset/ImageDatasetView.h"
#include "ui/dataset/ImageFileCheck.h"
#include "ui/dataset/ModelImage.h"
#include "ui/dataset/SampleGridModel.h"
#include "ui/dataset/SplitBar.h"

#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QListView>
#include <QPixmap>
#include <QSignalSpy>
#include <QtTest>
#include <memory>

using namespace tb::ui;

namespace {

const QStringList kClasses{"cat", "dog", "fox"};
// Each class folder holds these, PNG and JPEG in turn.
const QStringList kFiles{"0.png", "1.jpg", "2.png", "3.jpeg"};
const QSize kImageSize(12, 10);

/// Image `k` of class `c` is one colour of its own.
QColor colorOf(int c, int k) {
    return QColor(60 * c + 20, 40 * k + 30, 100);
}

/// The classes' folders in `root` (or in `root/<split>`), four 12x10 images each.
void writeClassFolders(const QString& root) {
    for (int c = 0; c < kClasses.size(); ++c)
        for (int k = 0; k < kFiles.size(); ++k)
            QVERIFY(tb::test::writeImage(root + "/" + kClasses[c] + "/" + kFiles[k], kImageSize,
                                         colorOf(c, k)));
}

FolderImageOptions optionsFor(const QString& root, double valFraction, double testFraction,
                              ImageLook look = {64, 3}) {
    FolderImageOptions options;
    options.split.root = root.toStdString();
    options.split.valFraction = valFraction;
    options.split.testFraction = testFraction;
    options.split.seed = 7;
    options.look = look;
    return options;
}

const ImageSplit* splitNamed(const ImageDataset& dataset, const QString& name) {
    for (const ImageSplit& split : dataset.splits)
        if (split.name == name)
            return &split;
    return nullptr;
}

QColor centreOf(const QVariant& decoration) {
    const QImage image = decoration.value<QPixmap>().toImage();
    return image.pixelColor(image.width() / 2, image.height() / 2);
}

bool near(const QColor& a, const QColor& b, int tolerance) {
    return std::abs(a.red() - b.red()) <= tolerance &&
           std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

QString colorText(const QColor& color) {
    return QStringLiteral("(%1, %2, %3)").arg(color.red()).arg(color.green()).arg(color.blue());
}

} // namespace

class TestFolderImageSet : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pets; // three class folders, nothing else

private Q_SLOTS:
    void initTestCase() {
        tb::test::useTemporarySettings(m_dir);
        m_pets = m_dir.filePath("pets");
        writeClassFolders(m_pets);
    }

    void holdsOutValidationAndTestPerClass() {
        ImageDataset dataset;
        QString error;
        QVERIFY2(loadImageFolder(optionsFor(m_pets, 0.25, 0.25), dataset, error),
                 qPrintable(error));
        QCOMPARE(dataset.title, QStringLiteral("pets"));
        QCOMPARE(dataset.classNames, kClasses);
        QVERIFY(!dataset.trainHoldsValidation);
        QCOMPARE(dataset.splits.size(), std::size_t{3});
        const ImageSplit* train = splitNamed(dataset, "train");
        const ImageSplit* val = splitNamed(dataset, "val");
        const ImageSplit* test = splitNamed(dataset, "test");
        QVERIFY(train && val && test);
        QCOMPARE(train->count, qint64{6});
        QCOMPARE(val->count, qint64{3});
        QCOMPARE(test->count, qint64{3});
        QCOMPARE(train->source, QStringLiteral("the class folders"));
        QCOMPARE(val->source, QStringLiteral("25% held out of the class folders"));
        QCOMPARE(test->source, QStringLiteral("25% held out of the class folders"));
        // One of each class in each held-out split, and every file where its label says.
        for (const ImageSplit* split : {train, val, test}) {
            QVERIFY(split->isFiles());
            QCOMPARE(split->files.size(), split->count);
            QCOMPARE(split->rows, 64);
            QCOMPARE(split->channels, 3);
            for (qint64 i = 0; i < split->count; ++i)
                QVERIFY2(split->files[i].contains("/" + kClasses[split->label(i)] + "/"),
                         qPrintable(split->files[i]));
        }
        QCOMPARE(val->labels, (std::vector<int>{0, 1, 2}));
    }

    void readsTrainValidationAndTestFolders() {
        const QString root = m_dir.filePath("split-folders");
        writeClassFolders(root + "/train");
        writeClassFolders(root + "/valid");
        writeClassFolders(root + "/test");
        ImageDataset dataset;
        QString error;
        QVERIFY2(loadImageFolder(optionsFor(root, 0.5, 0.5), dataset, error), qPrintable(error));
        QCOMPARE(dataset.splits.size(), std::size_t{3});
        QCOMPARE(dataset.splits[0].source, QStringLiteral("train/"));
        QCOMPARE(dataset.splits[1].source, QStringLiteral("valid/"));
        QCOMPARE(dataset.splits[2].source, QStringLiteral("test/"));
        for (const ImageSplit& split : dataset.splits)
            QCOMPARE(split.count, qint64{12});
    }

    void leavesOutSplitsWithNoImages() {
        ImageDataset dataset;
        QString error;
        QVERIFY2(loadImageFolder(optionsFor(m_pets, 0.0, 0.0), dataset, error), qPrintable(error));
        QCOMPARE(dataset.splits.size(), std::size_t{1});
        QCOMPARE(dataset.splits[0].count, qint64{12});
    }

    void aFolderTrainingCannotUseIsExplained_data() {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << "missing"
                                 << "is not a folder";
        QTest::newRow("no class folders") << "empty"
                                          << "no class folders";
        QTest::newRow("one class") << "one-class"
                                   << "at least two classes";
        QTest::newRow("a class without images") << "empty-class"
                                                << "holds no .png, .jpg or .jpeg images";
    }

    void aFolderTrainingCannotUseIsExplained() {
        QFETCH(QString, setup);
        QFETCH(QString, expected);
        const QString root = m_dir.filePath("bad-" + setup);
        if (setup == "empty")
            QVERIFY(QDir().mkpath(root));
        if (setup == "one-class")
            QVERIFY(tb::test::writeImage(root + "/cat/0.png", kImageSize, Qt::red));
        if (setup == "empty-class") {
            QVERIFY(tb::test::writeImage(root + "/cat/0.png", kImageSize, Qt::red));
            QVERIFY(QDir().mkpath(root + "/dog"));
            QVERIFY(tb::test::writeText(root + "/dog/notes.txt", "not an image"));
        }
        ImageDataset dataset;
        QString error;
        QVERIFY(!loadImageFolder(optionsFor(root, 0.1, 0.1), dataset, error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void thumbnailsAreDecodedAsTheModelSeesThem_data() {
        QTest::addColumn<int>("side");
        QTest::addColumn<QString>("color");
        QTest::newRow("64 rgb") << 64 << "rgb";
        QTest::newRow("8 gray") << 8 << "gray";
        QTest::newRow("own size") << 0 << "rgb";
    }

    void thumbnailsAreDecodedAsTheModelSeesThem() {
        QFETCH(int, side);
        QFETCH(QString, color);
        const bool gray = color == "gray";
        ImageDataset dataset;
        QString error;
        QVERIFY(
            loadImageFolder(optionsFor(m_pets, 0.0, 0.0, {side, gray ? 1 : 3}), dataset, error));
        SampleGridModel samples;
        samples.showSplit(&dataset, 0, -1);
        QCOMPARE(samples.rowCount(), 12);
        QCOMPARE(samples.thumbnailSize(), QSize(64, 64));
        // Asked for, a thumbnail is a stand-in at first: decoding never waits in data().
        QSignalSpy changed(&samples, &QAbstractItemModel::dataChanged);
        for (int row = 0; row < samples.rowCount(); ++row) {
            const QPixmap first = samples.index(row).data(Qt::DecorationRole).value<QPixmap>();
            QCOMPARE(first.size(), QSize(64, 64));
        }
        QTRY_COMPARE(changed.count(), 12);
        for (int row = 0; row < samples.rowCount(); ++row) {
            const QModelIndex index = samples.index(row);
            const int c = row / 4;
            const int k = row % 4;
            QCOMPARE(index.data(Qt::DisplayRole).toString(), kClasses[c]);
            QCOMPARE(index.data(SampleGridModel::kProblemRole).toString(), QString());
            QVERIFY(index.data(Qt::ToolTipRole).toString().contains(kClasses[c] + "/" + kFiles[k]));
            const QVariant decoration = index.data(Qt::DecorationRole);
            QCOMPARE(decoration.value<QPixmap>().size(), QSize(64, 64));
            // What the engine decodes, to the pixel: its grey conversion is its own (libpng
            // converts in linear light, libjpeg takes the luma), so only its colour is checked
            // against the file's.
            QString problem;
            const QImage model = readModelImage(m_pets + "/" + kClasses[c] + "/" + kFiles[k],
                                                {side, gray ? 1 : 3}, problem);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            const QColor expected = model.pixelColor(model.width() / 2, model.height() / 2);
            const QColor shown = centreOf(decoration);
            QVERIFY2(near(shown, expected, 0), qPrintable(kFiles[k] + ": " + colorText(shown) +
                                                          " for " + colorText(expected)));
            if (gray)
                QVERIFY(shown.red() == shown.green() && shown.green() == shown.blue());
            else
                QVERIFY2(near(shown, colorOf(c, k), 4), qPrintable(colorText(shown)));
        }
        // The model's square is centre-cropped; the files' own 12x10 is letterboxed.
        const QImage first = samples.index(0).data(Qt::DecorationRole).value<QPixmap>().toImage();
        QCOMPARE(first.pixelColor(0, 0).alpha(), side == 0 ? 0 : 255);
    }

    void aTruncatedImageIsCrossedOutWithTheReason() {
        const QString root = m_dir.filePath("with-broken");
        writeClassFolders(root);
        const QString broken = root + "/dog/9.png";
        QVERIFY(tb::test::writeImage(broken, QSize(40, 40), Qt::blue));
        QVERIFY(QFile::resize(broken, QFileInfo(broken).size() / 2));
        ImageDataset dataset;
        QString error;
        QVERIFY2(loadImageFolder(optionsFor(root, 0.0, 0.0), dataset, error), qPrintable(error));
        QCOMPARE(dataset.splits[0].count, qint64{13});
        const int row = static_cast<int>(dataset.splits[0].files.indexOf(broken));
        QVERIFY(row >= 0);

        SampleGridModel samples;
        samples.showSplit(&dataset, 0, 1);
        QCOMPARE(samples.rowCount(), 5);
        const QModelIndex index = samples.index(4);
        QCOMPARE(index.data(SampleGridModel::kSampleIndexRole).toLongLong(), qint64{row});
        QCOMPARE(index.data(SampleGridModel::kProblemRole).toString(), QString());
        const QImage loading = index.data(Qt::DecorationRole).value<QPixmap>().toImage();
        QTRY_VERIFY(!index.data(SampleGridModel::kProblemRole).toString().isEmpty());
        const QString problem = index.data(SampleGridModel::kProblemRole).toString();
        QVERIFY2(problem.contains(broken) && problem.contains("PNG"), qPrintable(problem));
        QVERIFY2(index.data(Qt::ToolTipRole).toString().contains(problem),
                 qPrintable(index.data(Qt::ToolTipRole).toString()));
        // Crossed out, not left as the faint tile that stood in while it was read.
        const QImage crossed = index.data(Qt::DecorationRole).value<QPixmap>().toImage();
        QCOMPARE(crossed.size(), QSize(64, 64));
        QVERIFY(crossed != loading);
        QCOMPARE(index.data(Qt::DisplayRole).toString(), QStringLiteral("dog"));
        // Its neighbours decode all the same.
        QTRY_VERIFY(near(centreOf(samples.index(0).data(Qt::DecorationRole)), colorOf(1, 0), 1));

        // The view reads every file, shown or not, and names the one training would refuse.
        ImageDatasetView view;
        view.setDataset(std::make_shared<ImageDataset>(dataset));
        QTRY_COMPARE(view.countLabel()->text(),
                     QStringLiteral("13 samples \u00b7 1 of 13 image files cannot be read: "
                                    "training would refuse this folder"));
        const QString tip = view.countLabel()->toolTip();
        QVERIFY2(tip.startsWith("Replace or delete these files") && tip.contains(problem),
                 qPrintable(tip));

        // Deleted, the folder reads whole.
        QVERIFY(QFile::remove(broken));
        auto whole = std::make_shared<ImageDataset>();
        QVERIFY2(loadImageFolder(optionsFor(root, 0.0, 0.0), *whole, error), qPrintable(error));
        view.setDataset(whole);
        QTRY_COMPARE(view.countLabel()->text(), QStringLiteral("12 samples"));
        QCOMPARE(view.countLabel()->toolTip(),
                 QStringLiteral("Every image file reads as training will read it."));
    }

    void aFileCheckedBeforeIsReadAgainOnlyWhenItChanged() {
        const QString root = m_dir.filePath("checked-twice");
        writeClassFolders(root);
        const QString broken = root + "/fox/9.png";
        QVERIFY(tb::test::writeImage(broken, QSize(40, 40), Qt::red));
        QVERIFY(QFile::resize(broken, QFileInfo(broken).size() / 2));
        const auto load = [&](ImageLook look) {
            auto dataset = std::make_shared<ImageDataset>();
            QString error;
            const bool loaded = loadImageFolder(optionsFor(root, 0.0, 0.0, look), *dataset, error);
            return loaded ? dataset : nullptr;
        };
        ImageFileCheck check;
        check.check(load({64, 3}));
        QTRY_VERIFY(check.finished());
        QCOMPARE(check.decoded(), qint64{13});
        QCOMPARE(check.unreadable().size(), 1);

        // Another data.image_size: nothing is decoded again, and the broken file stays named.
        check.check(load({32, 3}));
        QTRY_VERIFY(check.finished());
        QCOMPARE(check.decoded(), qint64{0});
        QCOMPARE(check.unreadable().size(), 1);
        QCOMPARE(check.unreadable().first().path, broken);

        // Gray decodes through another path: read again.
        check.check(load({32, 1}));
        QTRY_VERIFY(check.finished());
        QCOMPARE(check.decoded(), qint64{13});

        // Mended in place: only that file is read again.
        QVERIFY(tb::test::writeImage(broken, QSize(40, 40), Qt::red));
        QFile mended(broken);
        QVERIFY(mended.open(QIODevice::ReadWrite));
        QVERIFY(mended.setFileTime(QDateTime::currentDateTime().addSecs(60),
                                   QFileDevice::FileModificationTime));
        mended.close();
        check.check(load({32, 1}));
        QTRY_VERIFY(check.finished());
        QCOMPARE(check.decoded(), qint64{1});
        QVERIFY(check.unreadable().isEmpty());
    }

    void theViewShowsTheSplitsWithTheirSources() {
        auto dataset = std::make_shared<ImageDataset>();
        QString error;
        QVERIFY(loadImageFolder(optionsFor(m_pets, 0.25, 0.25, {32, 1}), *dataset, error));
        ImageDatasetView view;
        view.setValFraction(0.5); // an IDX setting: an image folder's splits are final
        view.setDataset(dataset);
        QCOMPARE(view.findChild<SplitBar*>()->summary(),
                 QStringLiteral("Train 6 (the class folders) \u00b7 Validation 3 (25% held out "
                                "of the class folders) \u00b7 Test 3 (25% held out of the class "
                                "folders)"));
        QVERIFY2(view.title().startsWith("pets \u2014 3 classes, 12 images seen by the model as "
                                         "32\u00d732 gray \u2014 "),
                 qPrintable(view.title()));
        QComboBox* splits = view.findChildren<QComboBox*>().at(0);
        QCOMPARE(splits->count(), 3);
        QCOMPARE(splits->itemText(1), QStringLiteral("Validation (25% held out of the class "
                                                     "folders)"));
        splits->setCurrentIndex(2);
        QCOMPARE(view.samples()->rowCount(), 3);
        QCOMPARE(view.grid()->iconSize(), QSize(64, 64));
        QVERIFY(view.grid()->gridSize().height() > 64);
    }

    void aLoaderDestroyedWithFilesQueuedStopsCleanly() {
        // Destroyed with requests queued, the loader drops them and waits only for the decodes
        // under way; no result reaches it afterwards.
        auto loader = std::make_unique<FileThumbnailLoader>();
        loader->setLook({64, 3}, 64);
        for (int i = 0; i < 200; ++i)
            QVERIFY(!loader->request(m_pets + QStringLiteral("/cat/%1.png").arg(i % 4)));
        for (int i = 0; i < 200; ++i)
            loader->request(m_dir.filePath(QStringLiteral("absent/%1.png").arg(i)));
        loader.reset();
        QTest::qWait(50);
    }
};

QTEST_MAIN(TestFolderImageSet)
#include "tst_folderimageset.moc"
