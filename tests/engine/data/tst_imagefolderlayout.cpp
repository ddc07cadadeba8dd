// scanImageFolder: both layouts, held-out splits per class that repeat for a seed, and every
// folder it must refuse.
#include "DataTestHelpers.h"
#include "ImageFileHelpers.h"
#include "engine/data/images/ImageFolderLayout.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <set>

using namespace tb::engine;
using namespace tb::test;

class TestImageFolderLayout : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsClassFoldersAndHoldsOutPerClass();
    void heldOutSplitsRepeatForASeed();
    void testSplitStaysWhenValFractionChanges();
    void readsTrainValTestFolders();
    void skipsHiddenAndOtherFilesAndReadsSubfolders();
    void followsLinkedFoldersOnceAndNeverBackUp();
    void refusesUnusableFolders();
};

namespace {

std::set<std::string> asSet(const std::vector<std::string>& files) {
    return {files.begin(), files.end()};
}

/// cat: 20 images, dog: 10, owl: 30.
QString writeAnimals(const QTemporaryDir& dir) {
    writeClassImages(dir.path(), "owl", 30);
    writeClassImages(dir.path(), "cat", 20);
    writeClassImages(dir.path(), "dog", 10);
    return dir.path();
}

std::vector<int> classCounts(const ImageFolderSplit& split, std::size_t classes) {
    std::vector<int> counts(classes, 0);
    for (const auto label : split.labels)
        ++counts[static_cast<std::size_t>(label)];
    return counts;
}

} // namespace

void TestImageFolderLayout::readsClassFoldersAndHoldsOutPerClass() {
    QTemporaryDir dir;
    const auto layout = scanImageFolder({writeAnimals(dir).toStdString(), 0.1, 0.2, 7});
    QCOMPARE(layout.classNames, (std::vector<std::string>{"cat", "dog", "owl"}));
    // Rounded per class: 10% of 20, 10, 30 and 20% of them.
    QCOMPARE(classCounts(layout.val, 3), (std::vector<int>{2, 1, 3}));
    QCOMPARE(classCounts(layout.test, 3), (std::vector<int>{4, 2, 6}));
    QCOMPARE(classCounts(layout.train, 3), (std::vector<int>{14, 7, 21}));
    QCOMPARE(layout.train.source, std::string("the class folders"));
    QCOMPARE(layout.val.source, std::string("10% held out of the class folders"));
    QCOMPARE(layout.test.source, std::string("20% held out of the class folders"));

    std::set<std::string> all;
    for (const auto* split : {&layout.train, &layout.val, &layout.test}) {
        QCOMPARE(split->files.size(), split->labels.size());
        for (std::size_t i = 0; i < split->size(); ++i) {
            QVERIFY(QDir::isAbsolutePath(QString::fromStdString(split->files[i])));
            // Every file's label is its folder's class.
            const auto folder = QFileInfo(QString::fromStdString(split->files[i])).dir().dirName();
            QCOMPARE(folder.toStdString(),
                     layout.classNames[static_cast<std::size_t>(split->labels[i])]);
            QVERIFY2(all.insert(split->files[i]).second, "a file in two splits");
        }
    }
    QCOMPARE(all.size(), std::size_t{60});
}

void TestImageFolderLayout::heldOutSplitsRepeatForASeed() {
    QTemporaryDir dir;
    const std::string root = writeAnimals(dir).toStdString();
    const auto a = scanImageFolder({root, 0.2, 0.2, 1});
    const auto b = scanImageFolder({root, 0.2, 0.2, 1});
    const auto c = scanImageFolder({root, 0.2, 0.2, 2});
    QCOMPARE(a.val.files, b.val.files);
    QCOMPARE(a.test.files, b.test.files);
    QCOMPARE(a.train.files, b.train.files);
    QVERIFY(asSet(a.val.files) != asSet(c.val.files));
}

void TestImageFolderLayout::testSplitStaysWhenValFractionChanges() {
    QTemporaryDir dir;
    const std::string root = writeAnimals(dir).toStdString();
    const auto a = scanImageFolder({root, 0.1, 0.2, 3});
    const auto b = scanImageFolder({root, 0.3, 0.2, 3});
    QCOMPARE(a.test.files, b.test.files);
    QVERIFY(b.val.size() > a.val.size());
    const auto none = scanImageFolder({root, 0.0, 0.0, 3});
    QCOMPARE(none.train.size(), std::size_t{60});
    QVERIFY(none.val.files.empty());
    QVERIFY(none.test.files.empty());
}

void TestImageFolderLayout::readsTrainValTestFolders() {
    QTemporaryDir dir;
    writeClassImages(dir.filePath("train"), "cat", 6);
    writeClassImages(dir.filePath("train"), "dog", 6);
    writeClassImages(dir.filePath("valid"), "dog", 2);
    writeClassImages(dir.filePath("test"), "cat", 3);
    writeClassImages(dir.filePath("test"), "dog", 4);
    const auto layout = scanImageFolder({dir.path().toStdString(), 0.5, 0.5, 1});
    QCOMPARE(layout.train.size(), std::size_t{12});
    QCOMPARE(layout.val.size(), std::size_t{2});
    QCOMPARE(layout.val.labels, (std::vector<std::int64_t>{1, 1}));
    QCOMPARE(layout.test.size(), std::size_t{7});
    QCOMPARE(layout.train.source, std::string("train/"));
    QCOMPARE(layout.val.source, std::string("valid/"));
    QCOMPARE(layout.test.source, std::string("test/"));
    // Sorted by class, then by file.
    QVERIFY(layout.test.files.front().find("/test/cat/000.png") != std::string::npos);
    QCOMPARE(layout.test.labels, (std::vector<std::int64_t>{0, 0, 0, 1, 1, 1, 1}));

    // Without test/, the test split is held out of train/.
    QVERIFY(QDir(dir.filePath("test")).removeRecursively());
    const auto held = scanImageFolder({dir.path().toStdString(), 0.5, 0.5, 1});
    QCOMPARE(held.test.size(), std::size_t{6});
    QCOMPARE(held.test.source, std::string("50% held out of train/"));
    QCOMPARE(held.val.source, std::string("valid/"));
}

void TestImageFolderLayout::skipsHiddenAndOtherFilesAndReadsSubfolders() {
    QTemporaryDir dir;
    writeClassImages(dir.path(), "cat", 2);
    writeClassImages(dir.filePath("cat/indoor"), "sofa", 3); // cat/indoor/sofa/*.png
    writeClassImages(dir.path(), "dog", 2);
    writeClassImages(dir.filePath("dog"), ".thumbnails", 5);
    writePlain(dir.filePath("dog/.hidden.png"), "x");
    writePlain(dir.filePath("dog/labels.txt"), "x");
    writeClassImages(dir.path(), ".git", 2);
    const auto layout = scanImageFolder({dir.path().toStdString(), 0.0, 0.0, 1});
    QCOMPARE(layout.classNames, (std::vector<std::string>{"cat", "dog"}));
    QCOMPARE(classCounts(layout.train, 2), (std::vector<int>{5, 2}));
}

void TestImageFolderLayout::followsLinkedFoldersOnceAndNeverBackUp() {
    QTemporaryDir dir;
    QTemporaryDir elsewhere;
    writeClassImages(dir.path(), "cat", 2);
    writeClassImages(dir.path(), "dog", 3);
    writeClassImages(elsewhere.path(), "more", 4); // kept outside, linked in
    QVERIFY(QFile::link(elsewhere.filePath("more"), dir.filePath("cat/more")));
    QVERIFY(QFile::link(elsewhere.filePath("more"), dir.filePath("cat/again")));
    QVERIFY(QFile::link(dir.path(), dir.filePath("cat/up")));
    QVERIFY(QFile::link(dir.filePath("dog"), dir.filePath("dog/self")));
    const auto layout = scanImageFolder({dir.path().toStdString(), 0.0, 0.0, 1});
    QCOMPARE(layout.classNames, (std::vector<std::string>{"cat", "dog"}));
    QCOMPARE(classCounts(layout.train, 2), (std::vector<int>{6, 3}));
    QCOMPARE(imageFilesUnder(dir.path().toStdString()).size(), std::size_t{9});
}

void TestImageFolderLayout::refusesUnusableFolders() {
    QTemporaryDir dir;
    const auto errorOf = [](const QString& root, double val = 0.1, double test = 0.1) {
        return dataErrorOf([&] { scanImageFolder({root.toStdString(), val, test, 1}); });
    };
    QVERIFY(errorOf("").startsWith("data.root is empty; point data.root at a folder with a "
                                   "subfolder of images per class"));
    QVERIFY(errorOf(dir.filePath("nowhere")).contains("nowhere' is not a folder; point data.root"));
    QVERIFY2(errorOf(dir.path())
                 .contains("has no class folders; a classifier needs at least two "
                           "classes"),
             qPrintable(errorOf(dir.path())));
    writeClassImages(dir.path(), "cat", 3);
    QVERIFY(errorOf(dir.path()).contains("has one class folder (cat); a classifier needs"));
    QDir(dir.path()).mkpath("dog");
    writePlain(dir.filePath("dog/readme.txt"), "x");
    QVERIFY2(errorOf(dir.path())
                 .endsWith("/dog holds no .png, .jpg or .jpeg images; add some or "
                           "remove the folder"),
             qPrintable(errorOf(dir.path())));
    writeClassImages(dir.path(), "dog", 1);
    QVERIFY2(errorOf(dir.path(), 0.5, 0.5).contains("leaves no training images in"),
             qPrintable(errorOf(dir.path(), 0.5, 0.5)));

    QTemporaryDir split;
    writeClassImages(split.filePath("train"), "cat", 2);
    writeClassImages(split.filePath("train"), "dog", 2);
    writeClassImages(split.filePath("test"), "cow", 2);
    QVERIFY2(errorOf(split.path())
                 .endsWith("/test/cow is not one of the training classes (cat, "
                           "dog); add the class to the training images or "
                           "remove the folder"),
             qPrintable(errorOf(split.path())));

    QTemporaryDir emptyVal;
    writeClassImages(emptyVal.filePath("train"), "cat", 2);
    writeClassImages(emptyVal.filePath("train"), "dog", 2);
    QVERIFY(QDir().mkpath(emptyVal.filePath("val/cat")));
    QVERIFY2(errorOf(emptyVal.path())
                 .endsWith("/val) holds no .png, .jpg or .jpeg images in its class folders; add "
                           "some, or remove the folder to hold images out of train/ instead"),
             qPrintable(errorOf(emptyVal.path())));
}

QTEST_APPLESS_MAIN(TestImageFolderLayout)
#include "tst_imagefolderlayout.moc"
