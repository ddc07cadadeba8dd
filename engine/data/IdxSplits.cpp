#include "engine/data/IdxSplits.h"

#include "engine/config/Config.h"
#include "engine/data/DataError.h"
#include "engine/data/IdxFile.h"
#include "engine/data/ImageDataset.h"
#include "engine/data/Permutation.h"
#include "engine/util/Lowered.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>

namespace tb::engine {
namespace {

namespace fs = std::filesystem;

constexpr std::array<const char*, 4> kFileNames{"train-images-idx3-ubyte",
                                                "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                                                "t10k-labels-idx1-ubyte"};
/// Keeps the validation shuffle apart from the loader's epoch orders of the same seed.
constexpr std::uint64_t kValSplitStream = 0x7661'6c5f'7370'6c74; // "val_splt"
/// Labels are class indices; a larger one means the labels file is something else.
constexpr std::int64_t kMaxClasses = 10000;

constexpr std::array<const char*, 10> kFashionClassNames{
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};

std::string expectedFilesText() {
    std::string text;
    for (std::size_t i = 0; i < kFileNames.size(); ++i) {
        text += (i == 0 ? "" : i + 1 == kFileNames.size() ? " and " : ", ");
        text += std::string(kFileNames[i]) + "(.gz)";
    }
    return text;
}

std::string fixText() {
    return "install the Debian package dataset-fashion-mnist or point data.root at a folder "
           "holding " +
           expectedFilesText();
}

/// The four files in kFileNames order, preferring the uncompressed copy of each.
std::array<std::string, 4> findFiles(const std::string& root) {
    if (root.empty()) {
        throw DataError("data.root is empty; " + fixText());
    }
    std::error_code error;
    if (!fs::exists(root, error)) {
        throw DataError("data.root '" + root + "' does not exist; " + fixText());
    }
    if (!fs::is_directory(root, error)) {
        throw DataError("data.root '" + root + "' is not a folder; " + fixText());
    }
    std::array<std::string, 4> paths;
    std::string missing;
    for (std::size_t i = 0; i < kFileNames.size(); ++i) {
        const auto plain = fs::path(root) / kFileNames[i];
        auto gzipped = plain;
        gzipped += ".gz";
        if (fs::exists(plain, error)) {
            paths[i] = plain.string();
        } else if (fs::exists(gzipped, error)) {
            paths[i] = gzipped.string();
        } else {
            missing += (missing.empty() ? "" : ", ") + std::string(kFileNames[i]) + "(.gz)";
        }
    }
    if (!missing.empty()) {
        throw DataError("data.root '" + root + "' lacks " + missing + "; " + fixText());
    }
    return paths;
}

std::string fileName(const std::string& path) {
    return fs::path(path).filename().string();
}

/// One pair of files read and checked against each other.
struct LabelledImages {
    torch::Tensor images; ///< uint8 [N,H,W]
    torch::Tensor labels; ///< int64 [N]
};

LabelledImages readPair(const std::string& imagesPath, const std::string& labelsPath) {
    auto images = readIdxFile(imagesPath);
    if (images.dim() != 3 || images.scalar_type() != torch::kUInt8) {
        throw DataError(imagesPath + " holds " + std::string(c10::toString(images.scalar_type())) +
                        " data of " + std::to_string(images.dim()) +
                        " dimensions, not uint8 images [N,H,W]; point data.root at MNIST-style "
                        "image files");
    }
    if (images.size(0) == 0) {
        throw DataError(imagesPath + " holds no images; download it again");
    }
    auto labels = readIdxFile(labelsPath);
    if (labels.dim() != 1 || labels.is_floating_point()) {
        throw DataError(labelsPath + " holds " + std::string(c10::toString(labels.scalar_type())) +
                        " data of " + std::to_string(labels.dim()) +
                        " dimensions, not integer labels [N]; point data.root at MNIST-style "
                        "label files");
    }
    if (labels.size(0) != images.size(0)) {
        throw DataError(labelsPath + " holds " + std::to_string(labels.size(0)) + " labels but " +
                        fileName(imagesPath) + " holds " + std::to_string(images.size(0)) +
                        " images; the files do not belong together, download both again");
    }
    labels = labels.to(torch::kInt64);
    const auto negative = (labels < 0).nonzero();
    if (negative.size(0) > 0) {
        const auto index = negative[0][0].item<std::int64_t>();
        throw DataError(labelsPath + ": label " +
                        std::to_string(labels[index].item<std::int64_t>()) + " at index " +
                        std::to_string(index) +
                        " is negative; labels must be class indices 0, 1, 2, ...");
    }
    return {images, labels};
}

std::int64_t countClasses(const LabelledImages& train, const LabelledImages& test,
                          const std::string& testLabelsPath) {
    const auto trainMax = train.labels.max().item<std::int64_t>();
    const auto testMax = test.labels.max().item<std::int64_t>();
    const auto numClasses = std::max<std::int64_t>({trainMax + 1, testMax + 1, 2});
    if (numClasses > kMaxClasses) {
        throw DataError("the labels reach " + std::to_string(numClasses - 1) + ", over " +
                        std::to_string(kMaxClasses) +
                        " classes; labels must be class indices 0, 1, 2, ... (check " +
                        testLabelsPath + " and its train counterpart)");
    }
    return numClasses;
}

/// Sorted sample indices of the train and validation parts of the train files.
std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>>
splitIndices(std::int64_t count, double valFraction, std::uint64_t seed) {
    const auto valCount = std::llround(valFraction * static_cast<double>(count));
    auto order = seededPermutation(count, seed, kValSplitStream);
    std::vector<std::int64_t> val(order.begin(), order.begin() + valCount);
    std::vector<std::int64_t> train(order.begin() + valCount, order.end());
    std::sort(val.begin(), val.end());
    std::sort(train.begin(), train.end());
    return {train, val};
}

torch::Tensor asIndexTensor(const std::vector<std::int64_t>& indices) {
    return torch::tensor(torch::ArrayRef<std::int64_t>(indices), torch::kInt64);
}

/// uint8 [N,H,W] -> float [N,1,H,W] in [0, 1].
torch::Tensor scaled(const torch::Tensor& images) {
    return images.unsqueeze(1).to(torch::kFloat32).div_(255.0);
}

std::shared_ptr<const Dataset> makeDataset(torch::Tensor images, torch::Tensor labels) {
    return std::make_shared<const ImageDataset>(std::move(images), std::move(labels));
}

bool isFashion(const std::string& root) {
    std::error_code error;
    auto folder = fs::weakly_canonical(root, error);
    if (error) {
        folder = fs::path(root);
    }
    if (!folder.has_filename()) {
        folder = folder.parent_path();
    }
    return lowered(folder.filename().string()).find("fashion") != std::string::npos;
}

std::vector<std::string> classNames(bool fashion, std::int64_t numClasses) {
    if (fashion && numClasses == static_cast<std::int64_t>(kFashionClassNames.size())) {
        return {kFashionClassNames.begin(), kFashionClassNames.end()};
    }
    std::vector<std::string> names;
    for (std::int64_t i = 0; i < numClasses; ++i) {
        names.push_back(std::to_string(i));
    }
    return names;
}

/// Shifts and scales every split by the mean and standard deviation of `train`; returns them.
PixelScaling standardize(const torch::Tensor& train, std::initializer_list<torch::Tensor*> splits) {
    const auto mean = train.mean().item<double>();
    const auto stdDev = train.std().item<double>();
    // Constant images have no spread to divide by; centring them is all there is to do.
    const auto divisor = stdDev > 1e-12 ? stdDev : 1.0;
    for (auto* images : splits) {
        images->sub_(mean).div_(divisor);
    }
    return {{static_cast<float>(mean)}, {static_cast<float>(divisor)}};
}

void checkValFraction(double valFraction) {
    if (!std::isfinite(valFraction) || valFraction < 0.0 || valFraction >= 1.0) {
        throw DataError("data.val_fraction is " + std::to_string(valFraction) +
                        "; it must be at least 0 and below 1 (0.1 holds out a tenth of the train "
                        "files for validation)");
    }
}

} // namespace

IdxSplitOptions IdxSplitOptions::fromConfig(const Config& config) {
    IdxSplitOptions options;
    options.root = config.getString("data.root");
    options.valFraction = config.getFloat("data.val_fraction");
    options.normalize = config.getBool("data.normalize");
    options.seed = static_cast<std::uint64_t>(config.getInt("seed"));
    options.augment = AugmentOptions::fromConfig(config);
    return options;
}

std::string idxRootProblem(const std::string& root) {
    try {
        findFiles(root);
    } catch (const DataError& e) {
        return e.what();
    }
    return {};
}

DataSplits loadIdxSplits(const IdxSplitOptions& options) {
    checkValFraction(options.valFraction);
    const auto paths = findFiles(options.root);
    const auto trainFiles = readPair(paths[0], paths[1]);
    const auto testFiles = readPair(paths[2], paths[3]);
    const auto height = trainFiles.images.size(1);
    const auto width = trainFiles.images.size(2);
    if (testFiles.images.size(1) != height || testFiles.images.size(2) != width) {
        throw DataError(paths[2] + " holds " + std::to_string(testFiles.images.size(1)) + "x" +
                        std::to_string(testFiles.images.size(2)) + " images but " +
                        fileName(paths[0]) + " holds " + std::to_string(height) + "x" +
                        std::to_string(width) + "; the files come from different datasets");
    }
    const auto numClasses = countClasses(trainFiles, testFiles, paths[3]);

    const auto [trainIndices, valIndices] =
        splitIndices(trainFiles.images.size(0), options.valFraction, options.seed);
    if (trainIndices.empty()) {
        throw DataError("data.val_fraction " + std::to_string(options.valFraction) +
                        " leaves no training images; lower it");
    }
    const auto trainIndex = asIndexTensor(trainIndices);
    const auto valIndex = asIndexTensor(valIndices);
    auto trainImages = scaled(trainFiles.images.index_select(0, trainIndex));
    auto valImages = scaled(trainFiles.images.index_select(0, valIndex));
    auto testImages = scaled(testFiles.images);
    PixelScaling scaling{{0.0f}, {1.0f}};
    if (options.normalize) {
        scaling = standardize(trainImages, {&trainImages, &valImages, &testImages});
    }

    DataSplits splits;
    splits.train = makeDataset(trainImages, trainFiles.labels.index_select(0, trainIndex));
    if (!valIndices.empty()) {
        splits.val = makeDataset(valImages, trainFiles.labels.index_select(0, valIndex));
    }
    splits.test = makeDataset(testImages, testFiles.labels);
    if (options.augment.any())
        splits.trainTransform = std::make_shared<const ImageAugmentation>(
            options.augment, std::vector<float>{-scaling.mean[0] / scaling.std[0]});
    splits.task = "classification";
    splits.sampleShape = {1, height, width};
    splits.numClasses = numClasses;
    const bool fashion = isFashion(options.root);
    splits.classNames = classNames(fashion, numClasses);
    splits.testImages.idxFile = fs::absolute(paths[2]).string();
    splits.recipe.pixels = scaling;
    splits.description = std::string(fashion ? "Fashion-MNIST" : "MNIST") + ": " +
                         std::to_string(trainIndices.size()) + " train / " +
                         std::to_string(valIndices.size()) + " val / " +
                         std::to_string(testFiles.images.size(0)) + " test, " +
                         std::to_string(height) + "x" + std::to_string(width);
    return splits;
}

} // namespace tb::engine
