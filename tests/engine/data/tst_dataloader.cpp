// DataLoader: coverage of every sample, deterministic order for any worker count, epochs,
// shards for data-parallel processes, error propagation and shutdown in the middle of an epoch.
#include "engine/data/DataLoader.h"
#include "engine/data/ImageDataset.h"

#include <QTest>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <numeric>
#include <set>
#include <thread>
#include <torch/nn/modules/linear.h>

using namespace tb::engine;

namespace {

/// Sample i is an image holding the value i and the label i.
std::shared_ptr<const Dataset> countingDataset(std::int64_t size) {
    const auto ids = torch::arange(size, torch::kInt64);
    return std::make_shared<const ImageDataset>(ids.to(torch::kFloat32).reshape({size, 1, 1, 1}),
                                                ids);
}

std::vector<std::int64_t> ids(const Batch& batch) {
    const auto labels = batch.target.contiguous();
    return {labels.data_ptr<std::int64_t>(), labels.data_ptr<std::int64_t>() + labels.numel()};
}

/// Every sample id of one epoch, in delivery order.
std::vector<std::int64_t> epochOrder(DataLoader& loader, std::int64_t epoch) {
    loader.startEpoch(epoch);
    std::vector<std::int64_t> order;
    while (auto batch = loader.next()) {
        const auto batchIds = ids(*batch);
        order.insert(order.end(), batchIds.begin(), batchIds.end());
    }
    return order;
}

LoaderOptions shuffled(int numWorkers, std::int64_t batchSize = 8, std::uint64_t seed = 7) {
    LoaderOptions o;
    o.batchSize = batchSize;
    o.shuffle = true;
    o.numWorkers = numWorkers;
    o.prefetch = 3;
    o.seed = seed;
    return o;
}

/// Throws while gathering any batch that holds sample `poisoned`.
class ThrowingDataset final : public Dataset {
public:
    explicit ThrowingDataset(std::int64_t poisoned)
        : m_inner(countingDataset(50))
        , m_poisoned(poisoned) {}
    std::int64_t size() const override { return m_inner->size(); }
    Batch gather(const std::vector<std::int64_t>& indices) const override {
        if (std::find(indices.begin(), indices.end(), m_poisoned) != indices.end()) {
            throw std::runtime_error("sample " + std::to_string(m_poisoned) + " is unreadable");
        }
        return m_inner->gather(indices);
    }

private:
    std::shared_ptr<const Dataset> m_inner;
    std::int64_t m_poisoned;
};

/// Takes a while per batch and counts the gathers in progress.
class SlowDataset final : public Dataset {
public:
    explicit SlowDataset(std::atomic<int>& active)
        : m_inner(countingDataset(400))
        , m_active(active) {}
    std::int64_t size() const override { return m_inner->size(); }
    Batch gather(const std::vector<std::int64_t>& indices) const override {
        ++m_active;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        auto batch = m_inner->gather(indices);
        --m_active;
        return batch;
    }

private:
    std::shared_ptr<const Dataset> m_inner;
    std::atomic<int>& m_active;
};

/// Adds one draw of its generator to every input value of the batch, so that the batch shows
/// which draw it got.
class DrawStamp final : public BatchTransform {
public:
    void apply(Batch& batch, std::mt19937_64& random) const override {
        batch.input.add_(static_cast<float>(random() % 100000));
    }
};

/// Each batch's input minus its ids: the draw it was stamped with.
std::vector<float> stamps(DataLoader& loader, std::int64_t epoch, std::int64_t firstBatch = 0) {
    loader.startEpoch(epoch, firstBatch);
    std::vector<float> out;
    while (auto batch = loader.next())
        out.push_back(batch->input[0].item<float>() - batch->target[0].item<float>());
    return out;
}

} // namespace

class TestDataLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deliversEverySampleOncePerEpoch_data();
    void deliversEverySampleOncePerEpoch();
    void orderDoesNotDependOnWorkerCount();
    void ordersDifferAcrossEpochsAndSeeds();
    void keepsFileOrderWithoutShuffle();
    void shardsSplitEachEpochEvenly();
    void startEpochDiscardsTheRestOfThePrevious();
    void rethrowsDatasetErrors_data();
    void rethrowsDatasetErrors();
    void stopsCleanlyMidEpoch();
    void refusesMisuse();
    void batchesFeedAutograd();
    void transformDrawsDependOnSeedEpochAndBatchOnly();
};

void TestDataLoader::deliversEverySampleOncePerEpoch_data() {
    QTest::addColumn<int>("numWorkers");
    QTest::addColumn<bool>("dropLast");
    for (const int workers : {0, 1, 3}) {
        for (const bool dropLast : {false, true}) {
            QTest::addRow("%d workers%s", workers, dropLast ? ", drop last" : "")
                << workers << dropLast;
        }
    }
}

void TestDataLoader::deliversEverySampleOncePerEpoch() {
    QFETCH(int, numWorkers);
    QFETCH(bool, dropLast);
    auto options = shuffled(numWorkers, 8);
    options.dropLast = dropLast;
    DataLoader loader(countingDataset(61), options);

    QCOMPARE(loader.batchesPerEpoch(), dropLast ? 7 : 8);
    QCOMPARE(loader.samplesPerEpoch(), dropLast ? 56 : 61);
    for (const std::int64_t epoch : {1, 2}) {
        loader.startEpoch(epoch);
        std::vector<std::int64_t> sizes;
        std::set<std::int64_t> seen;
        while (auto batch = loader.next()) {
            sizes.push_back(batch->size());
            QCOMPARE(batch->input.sizes().vec(),
                     (std::vector<std::int64_t>{batch->size(), 1, 1, 1}));
            for (const auto id : ids(*batch)) {
                QVERIFY2(seen.insert(id).second, "a sample came twice");
            }
        }
        QCOMPARE(std::int64_t(sizes.size()), loader.batchesPerEpoch());
        QCOMPARE(std::int64_t(seen.size()), loader.samplesPerEpoch());
        QCOMPARE(sizes.back(), dropLast ? 8 : 5);
        QVERIFY(!loader.next()); // stays at the end
    }
}

void TestDataLoader::orderDoesNotDependOnWorkerCount() {
    DataLoader inline0(countingDataset(100), shuffled(0));
    DataLoader workers1(countingDataset(100), shuffled(1));
    DataLoader workers3(countingDataset(100), shuffled(3));

    for (const std::int64_t epoch : {1, 2, 3}) {
        const auto expected = epochOrder(inline0, epoch);
        QCOMPARE(epochOrder(workers1, epoch), expected);
        QCOMPARE(epochOrder(workers3, epoch), expected);
    }
}

void TestDataLoader::ordersDifferAcrossEpochsAndSeeds() {
    DataLoader loader(countingDataset(100), shuffled(2));
    DataLoader otherSeed(countingDataset(100), shuffled(2, 8, 8));

    const auto epoch1 = epochOrder(loader, 1);
    QVERIFY(epochOrder(loader, 2) != epoch1);
    QCOMPARE(epochOrder(loader, 1), epoch1); // epochs replay
    QVERIFY(epochOrder(otherSeed, 1) != epoch1);
}

void TestDataLoader::keepsFileOrderWithoutShuffle() {
    auto options = shuffled(2);
    options.shuffle = false;
    DataLoader loader(countingDataset(30), options);

    std::vector<std::int64_t> expected(30);
    std::iota(expected.begin(), expected.end(), 0);
    QCOMPARE(epochOrder(loader, 1), expected);
    QCOMPARE(epochOrder(loader, 2), expected);
}

void TestDataLoader::startEpochDiscardsTheRestOfThePrevious() {
    DataLoader reference(countingDataset(200), shuffled(0));
    const auto expected = epochOrder(reference, 2);
    for (const int workers : {0, 3}) {
        DataLoader loader(countingDataset(200), shuffled(workers));
        loader.startEpoch(1);
        QVERIFY(loader.next());
        QVERIFY(loader.next());

        QCOMPARE(epochOrder(loader, 2), expected);
    }
}

void TestDataLoader::rethrowsDatasetErrors_data() {
    QTest::addColumn<int>("numWorkers");
    QTest::newRow("inline") << 0;
    QTest::newRow("1 worker") << 1;
    QTest::newRow("3 workers") << 3;
}

void TestDataLoader::rethrowsDatasetErrors() {
    QFETCH(int, numWorkers);
    auto options = shuffled(numWorkers, 5);
    options.shuffle = false;
    DataLoader loader(std::make_shared<ThrowingDataset>(23), options);
    loader.startEpoch(1);

    for (int batch = 0; batch < 4; ++batch) {
        QVERIFY(loader.next());
    }
    try {
        loader.next();
        QFAIL("the dataset's error was swallowed");
    } catch (const std::runtime_error& error) {
        QCOMPARE(QString::fromLatin1(error.what()), QStringLiteral("sample 23 is unreadable"));
    }
    QVERIFY(loader.next()); // batch 5 onwards are fine
}

void TestDataLoader::stopsCleanlyMidEpoch() {
    std::atomic<int> active{0};
    {
        auto options = shuffled(3, 4);
        options.prefetch = 6;
        DataLoader loader(std::make_shared<SlowDataset>(active), options);
        loader.startEpoch(1);
        QVERIFY(loader.next());
        QTRY_VERIFY_WITH_TIMEOUT(active.load() > 0, 2000);
    }
    QCOMPARE(active.load(), 0); // the destructor joined every worker
}

void TestDataLoader::shardsSplitEachEpochEvenly() {
    // 61 samples over 3 processes: 21 each, the last shard's tail wrapping to the order's start.
    auto whole = shuffled(0, 5);
    DataLoader all(countingDataset(61), whole);
    const std::vector<std::int64_t> order = epochOrder(all, 2);
    std::vector<std::vector<std::int64_t>> shards;
    for (int index = 0; index < 3; ++index) {
        auto options = shuffled(index, 5); // the worker count must not matter either
        options.shardIndex = index;
        options.shardCount = 3;
        DataLoader loader(countingDataset(61), options);
        QCOMPARE(loader.samplesPerEpoch(), std::int64_t{21});
        QCOMPARE(loader.batchesPerEpoch(), std::int64_t{5}); // the same for every process
        shards.push_back(epochOrder(loader, 2));
        QCOMPARE(std::int64_t(shards.back().size()), std::int64_t{21});
    }
    // Batch i of every shard together is batch i of one process with 3 times the batch size.
    for (std::size_t i = 0; i < 21; ++i) {
        for (std::size_t index = 0; index < 3; ++index)
            QCOMPARE(shards[index][i], order[(3 * i + index) % order.size()]);
    }
    auto outside = shuffled(0);
    outside.shardIndex = 3;
    outside.shardCount = 3;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DataLoader(countingDataset(10), outside));
}

void TestDataLoader::refusesMisuse() {
    DataLoader loader(countingDataset(10), shuffled(1));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, loader.next());

    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DataLoader(nullptr, shuffled(0)));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             DataLoader(countingDataset(10), shuffled(0, 0)));
    auto noPrefetch = shuffled(2);
    noPrefetch.prefetch = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DataLoader(countingDataset(10), noPrefetch));
}

void TestDataLoader::batchesFeedAutograd() {
    // Worker-made tensors must be plain tensors a model can train on (not inference tensors).
    DataLoader loader(countingDataset(32), shuffled(2));
    torch::nn::Linear linear(1, 1);
    loader.startEpoch(1);

    const auto batch = loader.next();
    QVERIFY(batch);
    const auto loss = linear(batch->input.flatten(1)).sum();
    loss.backward();
    QVERIFY(linear->weight.grad().defined());
}

void TestDataLoader::transformDrawsDependOnSeedEpochAndBatchOnly() {
    const auto withStamp = [](int workers, std::uint64_t seed = 7) {
        LoaderOptions o = shuffled(workers, 8, seed);
        o.transform = std::make_shared<const DrawStamp>();
        return o;
    };
    DataLoader inline0(countingDataset(100), withStamp(0));
    DataLoader workers3(countingDataset(100), withStamp(3));
    DataLoader otherSeed(countingDataset(100), withStamp(3, 8));
    const auto epoch1 = stamps(inline0, 1);
    QCOMPARE(epoch1.size(), std::size_t{13});
    QCOMPARE(stamps(workers3, 1), epoch1);
    QCOMPARE(std::set<float>(epoch1.begin(), epoch1.end()).size(), epoch1.size());
    QVERIFY(stamps(inline0, 2) != epoch1);
    QVERIFY(stamps(otherSeed, 1) != epoch1);
    // A continued epoch draws for its batches what the whole epoch drew.
    QCOMPARE(stamps(workers3, 1, 5), std::vector<float>(epoch1.begin() + 5, epoch1.end()));
}

QTEST_GUILESS_MAIN(TestDataLoader)
#include "tst_dataloader.moc"
