#include "engine/data/InputRecipeFile.h"

#include "engine/data/DataError.h"
#include "engine/data/DataSplits.h"
#include "engine/util/AtomicFile.h"

#include <yaml-cpp/yaml.h>

namespace tb::engine {
namespace {

template <typename T>
void emitList(YAML::Emitter& out, const char* key, const std::vector<T>& values) {
    out << YAML::Key << key << YAML::Value << YAML::Flow << values;
}

template <typename T> std::vector<T> listOf(const YAML::Node& root, const char* key) {
    const YAML::Node node = root[key];
    // A missing key gives an invalid node, which only IsDefined() may be asked about.
    if (!node.IsDefined() || !node.IsSequence())
        throw DataError(std::string("it has no list '") + key + "'");
    return node.as<std::vector<T>>();
}

void checkRecipe(const DataSplits& splits) {
    const auto shapeRank = splits.sampleShape.size();
    if (splits.task == "classification") {
        if (shapeRank != 3 || splits.numClasses < 1)
            throw DataError("a classifier's sample_shape has 3 sizes and it has classes");
        const auto channels = static_cast<std::size_t>(splits.sampleShape[0]);
        if (splits.recipe.pixels.mean.size() != channels ||
            splits.recipe.pixels.std.size() != channels)
            throw DataError("pixel_mean and pixel_std need one value per channel");
        for (const float value : splits.recipe.pixels.std)
            if (!(value > 0.0f))
                throw DataError("a pixel_std is not above 0");
        return;
    }
    if (splits.task != "forecasting")
        throw DataError("its task '" + splits.task + "' is neither classification nor forecasting");
    if (shapeRank != 2 ||
        splits.recipe.columns.size() != static_cast<std::size_t>(splits.sampleShape[1]) ||
        splits.recipe.scaler.mean().size() != splits.recipe.columns.size())
        throw DataError("a forecaster's sample_shape is [seq_len, channels] with a column, a "
                        "mean and a scale per channel");
}

DataSplits parseRecipe(const YAML::Node& root) {
    DataSplits splits;
    splits.task = root["task"].as<std::string>("");
    splits.sampleShape = listOf<std::int64_t>(root, "sample_shape");
    if (splits.task == "classification") {
        splits.classNames = listOf<std::string>(root, "classes");
        splits.numClasses = static_cast<std::int64_t>(splits.classNames.size());
        splits.recipe.pixels = {listOf<float>(root, "pixel_mean"),
                                listOf<float>(root, "pixel_std")};
    } else if (splits.task == "forecasting") {
        splits.recipe.columns = listOf<std::string>(root, "columns");
        try {
            splits.recipe.scaler = StandardScaler::restore(listOf<double>(root, "mean"),
                                                           listOf<double>(root, "scale"));
        } catch (const std::invalid_argument& e) {
            throw DataError(std::string("its scaling is wrong: ") + e.what());
        }
    }
    checkRecipe(splits);
    return splits;
}

} // namespace

void writeInputRecipe(const DataSplits& splits, const std::string& path) {
    YAML::Emitter out;
    out.SetFloatPrecision(9);
    out.SetDoublePrecision(17);
    out << YAML::Comment("What this run's model takes, and how raw files are scaled for it "
                         "(trainbench-cli predict reads it)")
        << YAML::BeginMap;
    out << YAML::Key << "task" << YAML::Value << splits.task;
    emitList(out, "sample_shape", splits.sampleShape);
    if (splits.task == "classification") {
        emitList(out, "classes", splits.classNames);
        emitList(out, "pixel_mean", splits.recipe.pixels.mean);
        emitList(out, "pixel_std", splits.recipe.pixels.std);
    } else {
        emitList(out, "columns", splits.recipe.columns);
        emitList(out, "mean", splits.recipe.scaler.mean());
        emitList(out, "scale", splits.recipe.scaler.scale());
    }
    out << YAML::EndMap;
    writeFileAtomically(path, std::string(out.c_str()) + "\n");
}

DataSplits readInputRecipe(const std::string& path) {
    try {
        return parseRecipe(YAML::LoadFile(path));
    } catch (const YAML::BadFile&) {
        throw DataError(path + " cannot be read; it holds how this run's inputs are scaled");
    } catch (const YAML::Exception& e) {
        throw DataError(path + " is not a valid input recipe: " + e.msg);
    } catch (const DataError& e) {
        throw DataError(path + " is not a valid input recipe: " + e.what());
    }
}

} // namespace tb::engine
