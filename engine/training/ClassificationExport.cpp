#include "engine/training/ClassificationExport.h"

#include "engine/data/NpyTensor.h"
#include "engine/data/csv/JsonText.h"
#include "engine/util/AtomicFile.h"

#include <filesystem>

namespace tb::engine {
namespace {

namespace fs = std::filesystem;

std::string classesJson(const ClassifiedSamples& test) {
    return "{\n  \"class_names\": " + jsonStrings(test.confusion.classNames()) +
           ",\n  \"samples\": " + std::to_string(test.labels.size(0)) +
           ",\n  \"images\": " + jsonString(test.images.idxFile) +
           ",\n  \"image_files\": " + jsonStrings(test.images.files) +
           ",\n  \"probabilities\": \"test-probabilities.npy\",\n  \"labels\": "
           "\"test-labels.npy\",\n  \"confusion\": \"test-confusion.csv\"\n}\n";
}

} // namespace

std::vector<ObjectiveReport::Artifact> writeClassificationArtifacts(const std::string& dir,
                                                                    const ClassifiedSamples& test) {
    const fs::path folder(dir);
    fs::create_directories(folder);
    writeNpyTensor((folder / "test-probabilities.npy").string(), test.probabilities);
    writeNpyTensor((folder / "test-labels.npy").string(), test.labels);
    writeFileAtomically((folder / "test-confusion.csv").string(), test.confusion.toCsv());
    // The description last: a reader that finds it finds the arrays it names.
    writeFileAtomically((folder / "test-classes.json").string(), classesJson(test));
    // Every file is named, so that deleting the run deletes them all.
    return {{"class_predictions", (folder / "test-classes.json").string()},
            {"class_probabilities", (folder / "test-probabilities.npy").string()},
            {"class_labels", (folder / "test-labels.npy").string()},
            {"confusion", (folder / "test-confusion.csv").string()}};
}

} // namespace tb::engine
