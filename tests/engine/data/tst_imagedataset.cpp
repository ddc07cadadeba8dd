// ImageDataset gathers and Batch::to.
#include "engine/data/ImageDataset.h"

#include <QTest>
#include <atomic>
#include <thread>

using namespace tb::engine;

class TestImageDataset : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void gathersInIndexOrder();
    void gathersConcurrently();
    void refusesMismatchedTensors();
    void scalesBytesAsTheyAreGathered();
    void batchToKeepsUndefinedTensors();
};

namespace {

ImageDataset squares(std::int64_t count) {
    const auto ids = torch::arange(count, torch::kInt64);
    auto images = ids.to(torch::kFloat32).reshape({count, 1, 1, 1}).expand({count, 1, 2, 2});
    return ImageDataset(images, ids * ids);
}

} // namespace

void TestImageDataset::gathersInIndexOrder() {
    const auto dataset = squares(10);

    const auto batch = dataset.gather({7, 2, 2, 9});

    QCOMPARE(dataset.size(), 10);
    QCOMPARE(batch.size(), 4);
    QCOMPARE(batch.input.sizes().vec(), (std::vector<std::int64_t>{4, 1, 2, 2}));
    QVERIFY(torch::equal(batch.target, torch::tensor({49, 4, 4, 81}, torch::kInt64)));
    QCOMPARE(batch.input[0][0][1][1].item<float>(), 7.0f);
    QVERIFY(!batch.inputMark.defined());
}

void TestImageDataset::gathersConcurrently() {
    const auto dataset = squares(1000);
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 200; ++round) {
                const std::int64_t first = (t * 200 + round) % 990;
                const auto batch = dataset.gather({first, first + 9});
                if (batch.target[1].item<std::int64_t>() != (first + 9) * (first + 9)) {
                    ++wrong;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    QCOMPARE(wrong.load(), 0);
}

void TestImageDataset::refusesMismatchedTensors() {
    const auto images = torch::zeros({3, 1, 2, 2});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             ImageDataset(images, torch::zeros({4}, torch::kInt64)));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             ImageDataset(images, torch::zeros({3}, torch::kFloat32)));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ImageDataset(torch::zeros({3, 2, 2}),
                                                                 torch::zeros({3}, torch::kInt64)));
}

void TestImageDataset::scalesBytesAsTheyAreGathered() {
    const auto pixels = torch::randint(0, 256, {5, 2, 3, 4}, torch::kUInt8);
    const auto labels = torch::arange(5, torch::kInt64);
    const PixelScaling scaling{{0.5f, 0.25f}, {0.2f, 0.4f}};
    const ImageDataset bytes(pixels, labels, scaling);
    // The same float operations on the whole tensor, up front.
    const auto mean = torch::tensor({0.5f, 0.25f}).reshape({1, 2, 1, 1});
    const auto stdDev = torch::tensor({0.2f, 0.4f}).reshape({1, 2, 1, 1});
    const auto expected = (pixels.to(torch::kFloat32) / 255.0f - mean) / stdDev;

    const auto batch = bytes.gather({4, 0, 4});
    QCOMPARE(batch.input.scalar_type(), torch::kFloat32);
    QVERIFY(torch::equal(batch.input, expected.index_select(0, torch::tensor({4, 0, 4}))));
    QVERIFY(torch::equal(batch.target, torch::tensor({4, 0, 4}, torch::kInt64)));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             ImageDataset(pixels, labels, PixelScaling{{0.5f}, {0.2f}}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             ImageDataset(pixels.to(torch::kFloat32), labels, scaling));
}

void TestImageDataset::batchToKeepsUndefinedTensors() {
    Batch batch;
    batch.input = torch::ones({2, 3});
    batch.target = torch::tensor({1, 0}, torch::kInt64);

    const auto moved = batch.to(torch::Device(torch::kCPU), true);

    QVERIFY(torch::equal(moved.input, batch.input));
    QVERIFY(torch::equal(moved.target, batch.target));
    QVERIFY(!moved.inputMark.defined());
    QVERIFY(!moved.targetMark.defined());
    QCOMPARE(moved.size(), 2);
}

QTEST_GUILESS_MAIN(TestImageDataset)
#include "tst_imagedataset.moc"
