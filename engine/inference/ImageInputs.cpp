#include "engine/inference/ImageInputs.h"

#include "engine/data/DataError.h"
#include "engine/data/IdxFile.h"
#include "engine/data/images/ImageFile.h"
#include "engine/data/images/ImageFolderLayout.h"
#include "engine/data/images/ImageResize.h"
#include "engine/inference/Prediction.h"
#include "engine/util/Lowered.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace tb::engine {
namespace {

namespace fs = std::filesystem;
using Kind = PredictionError::Kind;

/// The file name without `.gz`.
std::string withoutGz(const std::string& path) {
    const fs::path name = fs::path(path).filename();
    return (lowered(name.extension().string()) == ".gz" ? name.stem() : name).string();
}

/// MNIST's naming: `t10k-images-idx3-ubyte`, `train-labels.idx1-ubyte`, plain or `.gz`.
bool isIdxFileName(const std::string& path) {
    const std::string name = lowered(withoutGz(path));
    const std::string tail = "-ubyte";
    return name.find("idx") != std::string::npos && name.size() > tail.size() &&
           name.rfind(tail) == name.size() - tail.size();
}

/// The first IDX images file of `folder` by name (`t10k-` before `train-`); empty for none.
std::string idxImagesFileIn(const std::string& folder) {
    std::vector<std::string> found;
    std::error_code error;
    for (fs::directory_iterator it(folder, error); !error && it != fs::directory_iterator();
         it.increment(error))
        if (isIdxFileName(it->path().string()) &&
            lowered(it->path().filename().string()).find("images") != std::string::npos)
            found.push_back(it->path().string());
    return found.empty() ? std::string() : *std::min_element(found.begin(), found.end());
}

/// `t10k-labels-idx1-ubyte[.gz]` beside `t10k-images-idx3-ubyte[.gz]`; empty when not there.
std::string labelsFileBeside(const std::string& imagesPath) {
    std::string name = withoutGz(imagesPath);
    for (const auto& [from, to] : {std::pair{"images", "labels"}, std::pair{"idx3", "idx1"}}) {
        const std::size_t at = name.find(from);
        if (at == std::string::npos)
            return {};
        name.replace(at, std::strlen(from), to);
    }
    for (const std::string& candidate : {name, name + ".gz"}) {
        const fs::path path = fs::path(imagesPath).parent_path() / candidate;
        std::error_code error;
        if (fs::is_regular_file(path, error))
            return path.string();
    }
    return {};
}

/// An IDX file's gray [N, H, W] images at the model's [channels, height, width]: scaled and
/// centre-cropped to a square model's side, the gray repeated into RGB.
torch::Tensor fittedIdxImages(const torch::Tensor& images, const std::vector<std::int64_t>& shape,
                              const std::string& path) {
    const std::int64_t count = images.size(0), height = images.size(1), width = images.size(2);
    torch::Tensor gray = images;
    if (height != shape[1] || width != shape[2]) {
        if (shape[1] != shape[2])
            throw PredictionError(Kind::Unusable, path + " holds " + std::to_string(width) + "x" +
                                                      std::to_string(height) +
                                                      " images; this model takes " +
                                                      std::to_string(shape[2]) + "x" +
                                                      std::to_string(shape[1]) + " images only");
        const int side = static_cast<int>(shape[1]);
        gray = torch::empty({count, side, side}, torch::kUInt8);
        const std::uint8_t* in = images.data_ptr<std::uint8_t>();
        std::uint8_t* out = gray.data_ptr<std::uint8_t>();
        const auto plane = static_cast<std::size_t>(height * width);
        for (std::int64_t i = 0; i < count; ++i, in += plane, out += side * side) {
            const DecodedImage image{static_cast<int>(width), static_cast<int>(height), 1,
                                     std::vector<std::uint8_t>(in, in + plane)};
            const DecodedImage fitted = fitToSquare(image, side);
            std::copy(fitted.pixels.begin(), fitted.pixels.end(), out);
        }
    }
    return gray.unsqueeze(1).expand({count, shape[0], shape[1], shape[2]}).contiguous();
}

/// The class of each name.
std::int64_t classNamed(const std::vector<std::string>& classNames, const std::string& name) {
    const auto found = std::find(classNames.begin(), classNames.end(), name);
    return found == classNames.end() ? -1 : found - classNames.begin();
}

/// The class named by the topmost folder from `folder` (itself included) down to `file`.
std::int64_t folderLabel(const fs::path& folder, const std::string& file,
                         const std::vector<std::string>& classNames) {
    const fs::path base = folder.lexically_normal();
    const fs::path own = base.has_filename() ? base.filename() : base.parent_path().filename();
    if (const std::int64_t label = classNamed(classNames, own.string()); label >= 0)
        return label;
    const fs::path below = fs::path(file).lexically_relative(base).parent_path();
    for (const fs::path& part : below)
        if (const std::int64_t label = classNamed(classNames, part.string()); label >= 0)
            return label;
    return -1;
}

std::string countedImages(std::size_t count) {
    return std::to_string(count) + (count == 1 ? " image" : " images");
}

} // namespace

ImageInputs::ImageInputs(const std::vector<std::string>& inputs,
                         const std::vector<std::int64_t>& shape,
                         const std::vector<std::string>& classNames)
    : m_shape(shape) {
    std::size_t labelledFiles = 0;
    for (const std::string& input : inputs) {
        std::error_code error;
        const fs::file_status status = fs::status(input, error);
        if (fs::is_directory(status)) {
            addFolder(input, classNames);
        } else if (!fs::exists(status)) {
            throw PredictionError(Kind::Unusable, input + " does not exist");
        } else if (isIdxFileName(input)) {
            addIdxFile(input, classNames.size());
        } else if (isImageFileName(input)) {
            const std::int64_t label =
                classNamed(classNames, fs::path(input).parent_path().filename().string());
            labelledFiles += label >= 0 ? 1 : 0;
            m_images.push_back({input, -1, label});
        } else {
            throw PredictionError(Kind::Unusable,
                                  input + " is not a .png, .jpg or .jpeg file nor an MNIST-style "
                                          "IDX images file; this run classifies images: give it "
                                          "image files, folders of them or an IDX images file");
        }
    }
    if (m_images.empty())
        throw PredictionError(Kind::Unusable, "no .png, .jpg or .jpeg file in " + inputs.front() +
                                                  (inputs.size() > 1 ? " and the rest" : ""));
    if (labelledFiles > 0)
        m_notes.push_back("labels of " + countedImages(labelledFiles) +
                          " from the class folders they lie in");
}

void ImageInputs::addFolder(const std::string& folder, const std::vector<std::string>& classNames) {
    std::vector<std::string> files;
    try {
        files = imageFilesUnder(folder);
    } catch (const DataError& e) {
        throw PredictionError(Kind::Unusable, e.what());
    }
    if (const std::string idx = files.empty() ? idxImagesFileIn(folder) : std::string();
        !idx.empty())
        throw PredictionError(Kind::Unusable,
                              folder +
                                  " holds MNIST-style IDX files, not .png, .jpg or .jpeg "
                                  "files: give one of its images files, such as " +
                                  idx);
    std::size_t labelled = 0;
    for (std::string& file : files) {
        const std::int64_t label = folderLabel(folder, file, classNames);
        labelled += label >= 0 ? 1 : 0;
        m_images.push_back({std::move(file), -1, label});
    }
    if (labelled > 0)
        m_notes.push_back("labels of " + countedImages(labelled) + " of " + folder +
                          " from the class folders they lie in");
}

void ImageInputs::addIdxFile(const std::string& path, std::size_t classCount) {
    torch::Tensor images;
    try {
        images = readIdxFile(path);
    } catch (const DataError& e) {
        throw PredictionError(Kind::Unusable, e.what());
    }
    if (images.dim() == 1)
        throw PredictionError(Kind::Unusable,
                              path + " holds labels (one number per image), not images: give "
                                     "the images file beside it (...-images-idx3-ubyte)");
    if (images.dim() == 3 && images.size(0) == 0)
        throw PredictionError(Kind::Unusable, path + " holds no images (its header says 0)");
    if (images.dim() != 3 || images.scalar_type() != torch::kUInt8)
        throw PredictionError(Kind::Unusable,
                              path + " holds no 8-bit gray images (an IDX file of " +
                                  std::to_string(images.dim()) + " dimensions of " +
                                  std::string(c10::toString(images.scalar_type())) +
                                  "): give an MNIST-style images file (...-images-idx3-ubyte)");
    m_idxPixels.emplace(path, fittedIdxImages(images, m_shape, path));
    const std::int64_t count = images.size(0);
    torch::Tensor labels;
    if (const std::string labelsPath = labelsFileBeside(path); !labelsPath.empty()) {
        try {
            labels = readIdxFile(labelsPath);
        } catch (const DataError& e) {
            m_notes.push_back(std::string(e.what()) + "; the images are classified without labels");
        }
        const bool fits = labels.defined() && labels.dim() == 1 && labels.size(0) == count &&
                          labels.min().item<std::int64_t>() >= 0 &&
                          labels.max().item<std::int64_t>() < static_cast<std::int64_t>(classCount);
        if (fits)
            m_notes.push_back("labels of " + countedImages(static_cast<std::size_t>(count)) +
                              " from " + labelsPath);
        else if (labels.defined())
            m_notes.push_back(labelsPath + " does not hold one of the run's " +
                              std::to_string(classCount) + " classes per image of " + path +
                              "; the images are classified without labels");
        labels = fits ? labels.to(torch::kInt64) : torch::Tensor();
    }
    const std::int64_t* label = labels.defined() ? labels.data_ptr<std::int64_t>() : nullptr;
    for (std::int64_t i = 0; i < count; ++i)
        m_images.push_back({path, i, label ? label[i] : -1});
}

DecodedImages ImageInputs::pixels(std::size_t first, std::size_t end) const {
    std::vector<std::string> files;
    std::vector<std::size_t> fileRows; // where each file's sample goes
    for (std::size_t i = first; i < end; ++i)
        if (m_images[i].index < 0) {
            files.push_back(m_images[i].file);
            fileRows.push_back(i - first);
        }
    const int channels = static_cast<int>(m_shape[0]);
    const int side = static_cast<int>(m_shape[1]);
    // A model of non-square images takes files of its own size only.
    const bool fit = m_shape[1] == m_shape[2];
    if (fileRows.size() == end - first)
        return decodeImageFiles(files, channels, side, fit, imageDecodingThreads(0));
    DecodedImages out{
        torch::empty({static_cast<std::int64_t>(end - first), m_shape[0], m_shape[1], m_shape[2]},
                     torch::kUInt8),
        {}};
    if (!files.empty()) {
        const DecodedImages decoded =
            decodeImageFiles(files, channels, side, fit, imageDecodingThreads(0));
        for (std::size_t j = 0; j < files.size(); ++j)
            out.pixels[static_cast<std::int64_t>(fileRows[j])].copy_(
                decoded.pixels[static_cast<std::int64_t>(j)]);
        for (const ImageFailure& failure : decoded.failures)
            out.failures.push_back({fileRows[failure.index], failure.message});
    }
    for (std::size_t i = first; i < end; ++i)
        if (const ImageInput& image = m_images[i]; image.index >= 0)
            out.pixels[static_cast<std::int64_t>(i - first)].copy_(
                m_idxPixels.at(image.file)[image.index]);
    return out;
}

} // namespace tb::engine
