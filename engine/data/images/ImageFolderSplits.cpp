#include "engine/data/images/ImageFolderSplits.h"

#include "engine/config/Config.h"
#include "engine/data/DataError.h"
#include "engine/data/ImageDataset.h"
#include "engine/data/images/ImageCache.h"
#include "engine/data/images/ImageDecoding.h"
#include "engine/data/images/ImageFile.h"
#include "engine/util/HostMemory.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace tb::engine {
namespace {

namespace fs = std::filesystem;

/// Unreadable files named in the message; the rest are counted.
constexpr std::size_t kNamedFailures = 5;
/// Share of the memory available that the decoded images may take: training needs the rest.
constexpr double kMemoryShare = 0.6;

struct PixelSize {
    int side = 0; ///< width and height (0: not yet known)
    int channels = 0;
};

/// The files' own size, when data.image_size is 0: the first training image's.
PixelSize pixelSize(const ImageFolderSplitOptions& options, const ImageFolderLayout& layout) {
    if (options.imageSize > 0)
        return {options.imageSize, options.channels};
    const DecodedImage first = readImageFile(layout.train.files.front(), options.channels);
    if (first.width != first.height)
        throw DataError(layout.train.files.front() + " is " + std::to_string(first.width) + "x" +
                        std::to_string(first.height) +
                        "; with data.image_size 0 the images must be square and of one size, so "
                        "set data.image_size (64 scales and centre-crops every image to 64x64)");
    return {first.width, options.channels};
}

std::string gigabytes(double bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GB", bytes / 1e9);
    return text;
}

void checkMemory(std::size_t imageCount, PixelSize size) {
    const double bytes = static_cast<double>(imageCount) * size.channels * size.side *
                         static_cast<double>(size.side);
    const std::int64_t available = hostMemory().availableBytes;
    if (available > 0 && bytes > kMemoryShare * static_cast<double>(available))
        throw DataError(std::to_string(imageCount) + " images of " + std::to_string(size.side) +
                        "x" + std::to_string(size.side) + " take " + gigabytes(bytes) +
                        ", more than this machine can spare (" +
                        gigabytes(static_cast<double>(available)) +
                        " available); lower data.image_size or train on fewer images");
}

std::string folderName(const std::string& root) {
    fs::path path = fs::path(root).lexically_normal();
    if (!path.has_filename())
        path = path.parent_path();
    return path.filename().string();
}

/// Decodes the splits in order, then reports every file that could not be used at once.
std::vector<torch::Tensor> decodeSplits(const std::vector<const ImageFolderSplit*>& splits,
                                        PixelSize size, bool fit, int threads) {
    std::vector<torch::Tensor> pixels;
    std::vector<std::string> failures;
    std::size_t total = 0;
    for (const ImageFolderSplit* split : splits) {
        DecodedImages decoded =
            decodeImageFiles(split->files, size.channels, size.side, fit, threads);
        pixels.push_back(decoded.pixels);
        for (ImageFailure& failure : decoded.failures)
            failures.push_back(std::move(failure.message));
        total += split->size();
    }
    const std::size_t failureCount = failures.size();
    if (failureCount == 0)
        return pixels;
    // Threads finish in any order: name the first files by path, the same on every run.
    std::sort(failures.begin(), failures.end());
    std::string message = std::to_string(failureCount) + " of " + std::to_string(total) +
                          " images cannot be used; replace or delete them:";
    for (std::size_t i = 0; i < std::min(failures.size(), kNamedFailures); ++i)
        message += "\n  " + failures[i];
    if (failureCount > kNamedFailures)
        message += "\n  and " + std::to_string(failureCount - kNamedFailures) + " more";
    throw DataError(message);
}

/// Each channel's mean and std over the training pixels, from a histogram of their bytes:
/// exact, and no float copy of the images.
PixelScaling trainScaling(const torch::Tensor& pixels, bool normalize) {
    const auto channels = static_cast<std::size_t>(pixels.size(1));
    PixelScaling scaling{std::vector<float>(channels, 0.0f), std::vector<float>(channels, 1.0f)};
    if (!normalize)
        return scaling;
    const auto plane = static_cast<std::size_t>(pixels.size(2) * pixels.size(3));
    const auto count = static_cast<std::size_t>(pixels.size(0));
    const auto* bytes = pixels.data_ptr<std::uint8_t>();
    for (std::size_t c = 0; c < channels; ++c) {
        std::array<std::uint64_t, 256> histogram{};
        for (std::size_t n = 0; n < count; ++n) {
            const std::uint8_t* in = bytes + (n * channels + c) * plane;
            for (std::size_t k = 0; k < plane; ++k)
                ++histogram[in[k]];
        }
        double sum = 0.0;
        double squares = 0.0;
        const double values = static_cast<double>(count * plane);
        for (int v = 0; v < 256; ++v) {
            const double x = v / 255.0;
            sum += x * static_cast<double>(histogram[static_cast<std::size_t>(v)]);
            squares += x * x * static_cast<double>(histogram[static_cast<std::size_t>(v)]);
        }
        const double mean = sum / values;
        const double variance = values > 1 ? (squares - sum * mean) / (values - 1) : 0.0;
        const double stdDev = std::sqrt(std::max(variance, 0.0));
        scaling.mean[c] = static_cast<float>(mean);
        // A constant channel has no spread to divide by; centring it is all there is to do.
        scaling.std[c] = stdDev > 1e-6 ? static_cast<float>(stdDev) : 1.0f;
    }
    return scaling;
}

/// Each channel's value of a black pixel, as the model sees it.
std::vector<float> blackOf(const PixelScaling& scaling) {
    std::vector<float> black;
    for (std::size_t c = 0; c < scaling.mean.size(); ++c)
        black.push_back((0.0f - scaling.mean[c]) / scaling.std[c]);
    return black;
}

std::shared_ptr<const Dataset> makeDataset(const torch::Tensor& pixels,
                                           const ImageFolderSplit& split,
                                           const PixelScaling& scaling) {
    if (split.size() == 0)
        return nullptr;
    auto labels = torch::tensor(torch::ArrayRef<std::int64_t>(split.labels), torch::kInt64);
    return std::make_shared<const ImageDataset>(pixels, labels, scaling);
}

std::string splitText(const ImageFolderSplit& split, const char* name) {
    return std::to_string(split.size()) + " " + name + " (" + split.source + ")";
}

} // namespace

ImageFolderSplitOptions ImageFolderSplitOptions::fromConfig(const Config& config) {
    ImageFolderSplitOptions options;
    options.layout = ImageFolderOptions::fromConfig(config);
    options.imageSize = static_cast<int>(config.getInt("data.image_size"));
    options.channels = config.getString("data.color") == "gray" ? 1 : 3;
    options.normalize = config.getBool("data.normalize");
    options.threads = static_cast<int>(config.getInt("threads"));
    options.augment = AugmentOptions::fromConfig(config);
    return options;
}

DataSplits loadImageFolderSplits(const ImageFolderSplitOptions& options) {
    const ImageFolderLayout layout = scanImageFolder(options.layout);
    const PixelSize size = pixelSize(options, layout);
    checkMemory(layout.train.size() + layout.val.size() + layout.test.size(), size);
    const ImageCacheKey key{{layout.train.files, layout.val.files, layout.test.files},
                            size.channels,
                            size.side,
                            options.imageSize > 0};
    const std::optional<ImageCacheEntry> cache = ImageCacheEntry::find(imageCacheFolder(), key);
    std::optional<std::vector<torch::Tensor>> cached = cache ? cache->read() : std::nullopt;
    const bool fromCache = cached.has_value();
    if (!fromCache) {
        cached = decodeSplits({&layout.train, &layout.val, &layout.test}, size, key.fit,
                              imageDecodingThreads(options.threads));
        if (cache)
            cache->write(*cached, kImageCacheBudget);
    }
    const std::vector<torch::Tensor>& pixels = *cached;
    const PixelScaling scaling = trainScaling(pixels[0], options.normalize);

    DataSplits splits;
    splits.train = makeDataset(pixels[0], layout.train, scaling);
    splits.val = makeDataset(pixels[1], layout.val, scaling);
    splits.test = makeDataset(pixels[2], layout.test, scaling);
    if (options.augment.any())
        splits.trainTransform =
            std::make_shared<const ImageAugmentation>(options.augment, blackOf(scaling));
    splits.task = "classification";
    splits.sampleShape = {size.channels, size.side, size.side};
    splits.numClasses = static_cast<std::int64_t>(layout.classNames.size());
    splits.classNames = layout.classNames;
    splits.testImages.files = layout.test.files;
    splits.recipe.pixels = scaling;
    splits.description =
        folderName(options.layout.root) + ": " + splitText(layout.train, "train") + " / " +
        splitText(layout.val, "val") + " / " + splitText(layout.test, "test") + ", " +
        std::to_string(layout.classNames.size()) + " classes, " + std::to_string(size.side) + "x" +
        std::to_string(size.side) + (size.channels == 1 ? " gray" : " RGB") +
        (fromCache ? ", decoded by an earlier run (image cache)" : "");
    return splits;
}

} // namespace tb::engine
