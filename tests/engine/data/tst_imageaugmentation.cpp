// ImageAugmentation: each image mirrored or not, shifted within the padding with black filling
// what the shift uncovers, as the generator draws.
#include "engine/data/ImageAugmentation.h"
#include "engine/data/Permutation.h"

#include <QTest>
#include <optional>
#include <set>

using namespace tb::engine;

class TestImageAugmentation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mirrorsAboutHalfTheImages();
    void shiftsWithinThePaddingFillingWithBlack();
    void repeatsForTheSameDraws();
    void refusesWhatIsNotAnImageBatch();
};

namespace {

/// 64 images of 2 channels, 5x6, every value distinct and positive.
Batch distinctImages() {
    Batch batch;
    batch.input = torch::arange(1, 64 * 2 * 5 * 6 + 1, torch::kFloat32).reshape({64, 2, 5, 6});
    batch.target = torch::zeros({64}, torch::kInt64);
    return batch;
}

/// `image` [C,H,W] moved by (dx, dy) (pixel (x, y) shows the source's (x + dx, y + dy)),
/// uncovered pixels set to each channel's `black`.
torch::Tensor shifted(const torch::Tensor& image, int dx, int dy, const std::vector<float>& black) {
    auto out = torch::empty_like(image);
    const auto h = image.size(1);
    const auto w = image.size(2);
    for (std::int64_t c = 0; c < image.size(0); ++c)
        for (std::int64_t y = 0; y < h; ++y)
            for (std::int64_t x = 0; x < w; ++x) {
                const auto sy = y + dy;
                const auto sx = x + dx;
                out[c][y][x] = (sy >= 0 && sy < h && sx >= 0 && sx < w)
                                   ? image[c][sy][sx].item<float>()
                                   : black[std::size_t(c)];
            }
    return out;
}

/// The offset that turns `before` into `after`, if one within `padding` does.
std::optional<std::pair<int, int>> offsetOf(const torch::Tensor& before, const torch::Tensor& after,
                                            int padding, const std::vector<float>& black) {
    for (int dy = -padding; dy <= padding; ++dy)
        for (int dx = -padding; dx <= padding; ++dx)
            if (torch::equal(shifted(before, dx, dy, black), after))
                return std::make_pair(dx, dy);
    return std::nullopt;
}

} // namespace

void TestImageAugmentation::mirrorsAboutHalfTheImages() {
    const Batch original = distinctImages();
    Batch batch = distinctImages();
    auto random = seededEngine(1, 2);
    ImageAugmentation({true, 0}, {0.0f, 0.0f}).apply(batch, random);
    int mirrored = 0;
    for (std::int64_t i = 0; i < 64; ++i) {
        const auto image = original.input[i];
        if (torch::equal(batch.input[i], image.flip({2})))
            ++mirrored;
        else
            QVERIFY(torch::equal(batch.input[i], image));
    }
    QVERIFY2(mirrored > 16 && mirrored < 48, qPrintable(QString::number(mirrored)));
}

void TestImageAugmentation::shiftsWithinThePaddingFillingWithBlack() {
    const std::vector<float> black{-1.5f, -2.5f};
    const Batch original = distinctImages();
    Batch batch = distinctImages();
    auto random = seededEngine(3, 4);
    ImageAugmentation({false, 2}, black).apply(batch, random);
    std::set<std::pair<int, int>> offsets;
    for (std::int64_t i = 0; i < 64; ++i) {
        const auto offset = offsetOf(original.input[i], batch.input[i], 2, black);
        QVERIFY2(offset, qPrintable(QString("image %1 is no shift of its original").arg(i)));
        offsets.insert(*offset);
    }
    QVERIFY2(offsets.size() > 15, qPrintable(QString::number(offsets.size()))); // of 25
}

void TestImageAugmentation::repeatsForTheSameDraws() {
    const ImageAugmentation augment({true, 3}, {0.0f, 0.0f});
    Batch a = distinctImages();
    Batch b = distinctImages();
    Batch c = distinctImages();
    auto first = seededEngine(5, 6);
    auto same = seededEngine(5, 6);
    auto other = seededEngine(5, 7);
    augment.apply(a, first);
    augment.apply(b, same);
    augment.apply(c, other);
    QVERIFY(torch::equal(a.input, b.input));
    QVERIFY(!torch::equal(a.input, c.input));
    QVERIFY(torch::equal(a.target, distinctImages().target));

    // Turning the mirror off leaves every image's shift where it was.
    Batch mirrored = distinctImages();
    Batch unmirrored = distinctImages();
    auto r1 = seededEngine(8, 9);
    auto r2 = seededEngine(8, 9);
    ImageAugmentation({true, 1}, {0.0f, 0.0f}).apply(mirrored, r1);
    ImageAugmentation({false, 1}, {0.0f, 0.0f}).apply(unmirrored, r2);
    const Batch original = distinctImages();
    int flips = 0;
    for (std::int64_t i = 0; i < 64; ++i) {
        const auto offset = offsetOf(original.input[i], unmirrored.input[i], 1, {0.0f, 0.0f});
        QVERIFY(offset);
        if (torch::equal(mirrored.input[i], unmirrored.input[i]))
            continue;
        // Read through the same window, mirrored.
        const auto [dx, dy] = *offset;
        QVERIFY(torch::equal(mirrored.input[i],
                             shifted(original.input[i].flip({2}), -dx, dy, {0.0f, 0.0f})));
        ++flips;
    }
    QVERIFY(flips > 0);
}

void TestImageAugmentation::refusesWhatIsNotAnImageBatch() {
    const ImageAugmentation augment({true, 1}, {0.0f});
    auto random = seededEngine(1, 1);
    Batch series;
    series.input = torch::zeros({4, 96, 7});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, augment.apply(series, random));
    Batch twoChannels = distinctImages();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, augment.apply(twoChannels, random));
}

QTEST_APPLESS_MAIN(TestImageAugmentation)
#include "tst_imageaugmentation.moc"
