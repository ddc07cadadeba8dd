// The image cache: a folder decoded once is read back by the next load of the same files,
// whatever the split, and a changed file, a damaged entry or a cache turned off decodes anew.
#include "ImageFileHelpers.h"
#include "engine/data/ImageDataset.h"
#include "engine/data/images/ImageCache.h"
#include "engine/data/images/ImageFolderSplits.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>

using namespace tb::engine;
using namespace tb::test;

namespace {

ImageFolderSplitOptions optionsFor(const QString& root, std::uint64_t seed = 0) {
    ImageFolderSplitOptions o;
    o.layout.root = root.toStdString();
    o.layout.seed = seed;
    o.imageSize = 8;
    o.threads = 2;
    return o;
}

const torch::Tensor& bytesOf(const std::shared_ptr<const Dataset>& dataset) {
    return dynamic_cast<const ImageDataset&>(*dataset).images();
}

bool fromCache(const DataSplits& splits) {
    return QString::fromStdString(splits.description).contains("image cache");
}

/// Every sample of the three splits, in the order of their files.
torch::Tensor everySample(const DataSplits& splits) {
    return torch::cat({bytesOf(splits.train), bytesOf(splits.val), bytesOf(splits.test)});
}

QStringList cacheEntries(const QString& folder) {
    return QDir(folder).entryList({"*.bin"}, QDir::Files);
}

} // namespace

class TestImageCache : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QVERIFY(m_cache.isValid());
        qputenv("XDG_CACHE_HOME", m_cache.path().toUtf8());
        qunsetenv("TRAINBENCH_IMAGE_CACHE");
        QDir(m_cache.filePath("trainbench/images")).removeRecursively();
        QVERIFY(m_images.isValid());
        QDir(m_images.path()).removeRecursively();
        for (const char* name : {"cat", "dog", "owl"})
            writeClassImages(m_images.path(), name, 10, 12, static_cast<int>(name[0]));
    }

    void aSecondLoadReadsWhatTheFirstDecoded() {
        const DataSplits first = loadImageFolderSplits(optionsFor(m_images.path()));
        QVERIFY(!fromCache(first));
        QCOMPARE(cacheEntries(m_cache.filePath("trainbench/images")).size(), 1);
        const DataSplits second = loadImageFolderSplits(optionsFor(m_images.path()));
        QVERIFY2(fromCache(second), second.description.c_str());
        QVERIFY(torch::equal(bytesOf(second.train), bytesOf(first.train)));
        QVERIFY(torch::equal(bytesOf(second.val), bytesOf(first.val)));
        QVERIFY(torch::equal(bytesOf(second.test), bytesOf(first.test)));
        QCOMPARE(second.recipe.pixels.mean, first.recipe.pixels.mean);
    }

    void anotherSeedDrawsOtherSplitsFromTheSameEntry() {
        const DataSplits first = loadImageFolderSplits(optionsFor(m_images.path(), 1));
        const DataSplits other = loadImageFolderSplits(optionsFor(m_images.path(), 2));
        QVERIFY(fromCache(other));
        QCOMPARE(cacheEntries(m_cache.filePath("trainbench/images")).size(), 1);
        // The same images, dealt otherwise.
        QVERIFY(!torch::equal(bytesOf(other.train), bytesOf(first.train)));
        QCOMPARE(everySample(other).sum().item<std::int64_t>(),
                 everySample(first).sum().item<std::int64_t>());
        // What a fresh decode of that split gives.
        qputenv("TRAINBENCH_IMAGE_CACHE", "off");
        const DataSplits decoded = loadImageFolderSplits(optionsFor(m_images.path(), 2));
        QVERIFY(!fromCache(decoded));
        QVERIFY(torch::equal(everySample(other), everySample(decoded)));
    }

    void aChangedFileIsDecodedAnew() {
        loadImageFolderSplits(optionsFor(m_images.path()));
        // Other pixels in one file, written after the first load.
        writePng(m_images.filePath("dog/003.png"), patternImage(12, 12, 3, 999));
        const DataSplits changed = loadImageFolderSplits(optionsFor(m_images.path()));
        QVERIFY(!fromCache(changed));
        qputenv("TRAINBENCH_IMAGE_CACHE", "off");
        const DataSplits decoded = loadImageFolderSplits(optionsFor(m_images.path()));
        QVERIFY(torch::equal(everySample(changed), everySample(decoded)));
    }

    void aDamagedEntryIsIgnoredAndWrittenAgain() {
        loadImageFolderSplits(optionsFor(m_images.path()));
        const QString folder = m_cache.filePath("trainbench/images");
        const QString entry = folder + "/" + cacheEntries(folder).front();
        const qint64 size = QFileInfo(entry).size();
        truncateFile(entry, size - 5);
        const DataSplits again = loadImageFolderSplits(optionsFor(m_images.path()));
        QVERIFY(!fromCache(again));
        QCOMPARE(QFileInfo(entry).size(), size);
        QVERIFY(fromCache(loadImageFolderSplits(optionsFor(m_images.path()))));
    }

    void theCacheCanBeTurnedOff() {
        qputenv("TRAINBENCH_IMAGE_CACHE", "off");
        QVERIFY(imageCacheFolder().empty());
        loadImageFolderSplits(optionsFor(m_images.path()));
        QVERIFY(!QDir(m_cache.filePath("trainbench/images")).exists());
    }

    void theLeastRecentlyUsedEntriesGoBeyondTheBudget() {
        const std::string folder = m_cache.filePath("budget").toStdString();
        std::vector<ImageCacheKey> keys;
        for (int side : {4, 5, 6})
            keys.push_back({{{m_images.filePath("cat/000.png").toStdString()}}, 1, side, true});
        const auto pixelsOf = [](const ImageCacheKey& key) {
            return std::vector<torch::Tensor>{
                torch::full({1, 1, key.side, key.side}, key.side, torch::kUInt8)};
        };
        const auto entry = [&](std::size_t i) { return *ImageCacheEntry::find(folder, keys[i]); };
        // Entries of 44 header bytes and 16, 25 or 36 pixels: room for the two latest used.
        const std::uint64_t budget = 200;
        QVERIFY(entry(0).write(pixelsOf(keys[0]), budget));
        QVERIFY(entry(1).write(pixelsOf(keys[1]), budget));
        QTest::qWait(20);         // entries are told apart by when they were used last
        QVERIFY(entry(0).read()); // used: kept
        QTest::qWait(20);
        QVERIFY(entry(2).write(pixelsOf(keys[2]), budget));
        QCOMPARE(cacheEntries(QString::fromStdString(folder)).size(), 2);
        const auto kept = entry(0).read();
        QVERIFY(kept && torch::equal(kept->front(), pixelsOf(keys[0]).front()));
        QVERIFY(entry(2).read());
        QVERIFY(!entry(1).read());
    }

    void aFileThatCannotBeLookedAtHasNoEntry() {
        const ImageCacheKey key{{{m_images.filePath("cat/none.png").toStdString()}}, 1, 4, true};
        QVERIFY(!ImageCacheEntry::find(m_cache.path().toStdString(), key));
        QVERIFY(!ImageCacheEntry::find({}, key));
    }

private:
    QTemporaryDir m_cache;
    QTemporaryDir m_images;
};

QTEST_GUILESS_MAIN(TestImageCache)
#include "tst_imagecache.moc"
