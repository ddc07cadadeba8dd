#include "engine/data/images/ImageFolderLayout.h"

#include "engine/config/Config.h"
#include "engine/data/DataError.h"
#include "engine/data/Permutation.h"
#include "engine/data/images/ImageFile.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <set>

namespace tb::engine {
namespace {

namespace fs = std::filesystem;

/// Keeps the held-out draws apart from the loader's epoch orders of the same seed.
constexpr std::uint64_t kHoldOutStream = 0x696d'675f'686f'6c64; // "img_hold"

constexpr std::array<const char*, 3> kValFolderNames{"val", "valid", "validation"};

const std::string& layoutHelp() {
    static const std::string text =
        "point data.root at a folder with a subfolder of images per class (cat/, dog/, ...), or "
        "with train/ (and optionally val/ and test/) folders that each have one";
    return text;
}

bool isHidden(const fs::path& path) {
    const std::string name = path.filename().string();
    return !name.empty() && name.front() == '.';
}

/// Whether `inner` is `outer` or lies under it (both canonical).
bool isWithin(const fs::path& inner, const fs::path& outer) {
    const auto [innerEnd, outerEnd] =
        std::mismatch(inner.begin(), inner.end(), outer.begin(), outer.end());
    return outerEnd == outer.end();
}

std::vector<fs::path> subfolders(const fs::path& folder) {
    std::vector<fs::path> found;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
        std::error_code typeError;
        if (entry.is_directory(typeError) && !isHidden(entry.path()))
            found.push_back(entry.path());
    }
    if (error)
        throw DataError(folder.string() + " cannot be listed: " + error.message());
    std::sort(found.begin(), found.end());
    return found;
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text;
}

/// Every image of the class folders under `folder`, labelled by `classNames`.
ImageFolderSplit readSplitFolder(const fs::path& folder, const std::vector<std::string>& classNames,
                                 const std::string& source) {
    ImageFolderSplit split;
    split.source = source;
    for (const fs::path& classFolder : subfolders(folder)) {
        const std::string name = classFolder.filename().string();
        const auto known = std::find(classNames.begin(), classNames.end(), name);
        if (known == classNames.end())
            throw DataError(classFolder.string() + " is not one of the training classes (" +
                            joined(classNames) +
                            "); add the class to the training images or remove the folder");
        const auto label = static_cast<std::int64_t>(known - classNames.begin());
        for (std::string& file : imageFilesUnder(classFolder.string())) {
            split.files.push_back(std::move(file));
            split.labels.push_back(label);
        }
    }
    return split;
}

std::vector<std::string> classNamesOf(const fs::path& folder, const std::string& where) {
    std::vector<std::string> names;
    for (const fs::path& classFolder : subfolders(folder))
        names.push_back(classFolder.filename().string());
    if (names.size() < 2)
        throw DataError(
            where + " has " +
            (names.empty() ? "no class folders" : "one class folder (" + names.front() + ")") +
            "; a classifier needs at least two classes: " + layoutHelp());
    return names;
}

void checkEveryClassHasImages(const ImageFolderSplit& train, const fs::path& folder,
                              const std::vector<std::string>& classNames) {
    std::vector<std::size_t> counts(classNames.size(), 0);
    for (const std::int64_t label : train.labels)
        ++counts[static_cast<std::size_t>(label)];
    for (std::size_t c = 0; c < classNames.size(); ++c) {
        if (counts[c] == 0)
            throw DataError((folder / classNames[c]).string() +
                            " holds no .png, .jpg or .jpeg images; add some or remove the folder");
    }
}

/// A split drawn out of the training images: `fraction` of each class, rounded per class.
struct HeldOut {
    ImageFolderSplit* split; ///< null when the split has a folder of its own
    double fraction;
};

/// Deals each class's images in a seeded order: the first to `first`, the next to `second`,
/// the rest stay in `train`. The test split comes first, so that a change of
/// data.val_fraction leaves it alone. Files keep their sorted order within each split.
void holdOut(ImageFolderSplit& train, HeldOut first, HeldOut second, std::uint64_t seed,
             std::size_t classCount) {
    std::vector<std::vector<std::size_t>> byClass(classCount);
    for (std::size_t i = 0; i < train.size(); ++i)
        byClass[static_cast<std::size_t>(train.labels[i])].push_back(i);
    std::vector<ImageFolderSplit*> owner(train.size(), &train);
    for (std::size_t c = 0; c < classCount; ++c) {
        const auto& members = byClass[c];
        const auto count = static_cast<std::int64_t>(members.size());
        const auto order = seededPermutation(count, seed, kHoldOutStream + c);
        std::size_t next = 0;
        for (const HeldOut& held : {first, second}) {
            const auto share =
                static_cast<std::size_t>(std::llround(held.fraction * static_cast<double>(count)));
            for (std::size_t k = 0; held.split != nullptr && k < share && next < members.size();
                 ++k, ++next)
                owner[members[static_cast<std::size_t>(order[next])]] = held.split;
        }
    }
    ImageFolderSplit kept;
    kept.source = train.source;
    for (std::size_t i = 0; i < train.size(); ++i) {
        ImageFolderSplit& to = owner[i] == &train ? kept : *owner[i];
        to.files.push_back(std::move(train.files[i]));
        to.labels.push_back(train.labels[i]);
    }
    train = std::move(kept);
}

/// `val/`, `valid/` or `validation/` under `root`; empty when there is none.
fs::path valFolderIn(const fs::path& root) {
    std::error_code error;
    for (const char* name : kValFolderNames) {
        if (fs::is_directory(root / name, error))
            return root / name;
    }
    return {};
}

std::string fractionText(double fraction) {
    return std::to_string(static_cast<int>(std::lround(fraction * 100.0))) + "%";
}

} // namespace

ImageFolderOptions ImageFolderOptions::fromConfig(const Config& config) {
    ImageFolderOptions options;
    options.root = config.getString("data.root");
    options.valFraction = config.getFloat("data.val_fraction");
    options.testFraction = config.getFloat("data.test_fraction");
    options.seed = static_cast<std::uint64_t>(config.getInt("seed"));
    return options;
}

ImageFolderLayout scanImageFolder(const ImageFolderOptions& options) {
    std::error_code error;
    if (options.root.empty())
        throw DataError("data.root is empty; " + layoutHelp());
    const fs::path root = fs::absolute(options.root, error);
    if (!fs::is_directory(root, error))
        throw DataError("data.root '" + options.root + "' is not a folder; " + layoutHelp());

    const bool splitFolders = fs::is_directory(root / "train", error);
    const fs::path trainFolder = splitFolders ? root / "train" : root;
    const std::string trainSource = splitFolders ? "train/" : "the class folders";

    ImageFolderLayout layout;
    layout.classNames = classNamesOf(trainFolder, "data.root '" + trainFolder.string() + "'");
    layout.train = readSplitFolder(trainFolder, layout.classNames, trainSource);
    checkEveryClassHasImages(layout.train, trainFolder, layout.classNames);

    const fs::path valFolder = splitFolders ? valFolderIn(root) : fs::path();
    const bool testFolder = splitFolders && fs::is_directory(root / "test", error);
    const std::string heldOutOf = " held out of " + trainSource;
    layout.test = testFolder
                      ? readSplitFolder(root / "test", layout.classNames, "test/")
                      : ImageFolderSplit{{}, {}, fractionText(options.testFraction) + heldOutOf};
    layout.val =
        !valFolder.empty()
            ? readSplitFolder(valFolder, layout.classNames, valFolder.filename().string() + "/")
            : ImageFolderSplit{{}, {}, fractionText(options.valFraction) + heldOutOf};
    // An empty folder would silently mean no validation, or a test of nothing.
    for (const auto& [folder, split] :
         {std::pair{valFolder, &layout.val},
          std::pair{testFolder ? root / "test" : fs::path(), &layout.test}}) {
        if (!folder.empty() && split->files.empty())
            throw DataError(split->source + " (" + folder.string() +
                            ") holds no .png, .jpg or .jpeg images in its class folders; add "
                            "some, or remove the folder to hold images out of " +
                            trainSource + " instead");
    }
    holdOut(layout.train, {testFolder ? nullptr : &layout.test, options.testFraction},
            {valFolder.empty() ? &layout.val : nullptr, options.valFraction}, options.seed,
            layout.classNames.size());
    if (layout.train.files.empty())
        throw DataError("holding out data.val_fraction and data.test_fraction leaves no training "
                        "images in " +
                        trainFolder.string() + "; lower them or add images");
    return layout;
}

std::vector<std::string> imageFilesUnder(const std::string& folder) {
    std::vector<std::string> files;
    std::error_code error;
    const fs::path root = fs::weakly_canonical(folder, error);
    std::set<fs::path> entered{root};
    fs::recursive_directory_iterator it(folder, fs::directory_options::follow_directory_symlink,
                                        error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        std::error_code typeError;
        if (isHidden(it->path())) {
            if (it->is_directory(typeError))
                it.disable_recursion_pending();
            continue;
        }
        if (it->is_directory(typeError)) {
            // A link back up (`cat/up -> ..`) would list every image again and again under
            // this folder, and one to a folder already listed would count its images twice.
            const fs::path target = fs::canonical(it->path(), typeError);
            if (typeError || isWithin(root, target) || !entered.insert(target).second)
                it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(typeError) && isImageFileName(it->path().string()))
            files.push_back(it->path().string());
    }
    if (error)
        throw DataError(folder + " cannot be listed: " + error.message());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace tb::engine
