#include "engine/models/ModelRegistry.h"

#include "engine/config/Config.h"
#include "engine/models/forecasting/ForecastFamilies.h"
#include "engine/models/image/CnnClassifier.h"
#include "engine/models/image/MlpClassifier.h"
#include "engine/models/image/ResNetClassifier.h"

#include <numeric>

namespace tb::engine {
namespace {

using I = std::int64_t;

std::int64_t sampleSize(const DataSplits& data) {
    return std::accumulate(data.sampleShape.begin(), data.sampleShape.end(), I{1},
                           std::multiplies<>());
}

ModelFamily mlpFamily() {
    ModelFamily f;
    f.name = "mlp";
    f.task = "classification";
    f.description = "Multi-layer perceptron on flattened images";
    f.hyperparameters = {
        FieldSpec{"model.hidden", FieldType::Int, I{256}}.min(1).max(1 << 16).help(
            "Units per hidden layer"),
        FieldSpec{"model.layers", FieldType::Int, I{2}}.min(1).max(64).help("Hidden layers"),
        FieldSpec{"model.dropout", FieldType::Float, 0.1}.min(0.0).max(0.95).help(
            "Dropout after each hidden layer"),
    };
    f.build = [](const Config& c, const DataSplits& data) -> std::shared_ptr<Model> {
        MlpOptions o;
        o.inputSize = sampleSize(data);
        o.hidden = c.getInt("model.hidden");
        o.layers = c.getInt("model.layers");
        o.dropout = c.getFloat("model.dropout");
        o.classes = data.numClasses;
        return std::make_shared<MlpClassifier>(o);
    };
    return f;
}

ModelFamily cnnFamily() {
    ModelFamily f;
    f.name = "cnn";
    f.task = "classification";
    f.description = "Two convolution blocks and a small dense head";
    f.hyperparameters = {
        FieldSpec{"model.channels", FieldType::Int, I{32}}.min(1).max(1024).help(
            "Filters of the first convolution block (the second has twice as many)"),
        FieldSpec{"model.hidden", FieldType::Int, I{128}}.min(1).max(1 << 16).help(
            "Units of the dense layer"),
        FieldSpec{"model.dropout", FieldType::Float, 0.25}.min(0.0).max(0.95).help(
            "Dropout before the output layer"),
    };
    f.build = [](const Config& c, const DataSplits& data) -> std::shared_ptr<Model> {
        CnnOptions o;
        o.inputChannels = data.sampleShape.at(0);
        o.height = data.sampleShape.at(1);
        o.width = data.sampleShape.at(2);
        o.channels = c.getInt("model.channels");
        o.hidden = c.getInt("model.hidden");
        o.dropout = c.getFloat("model.dropout");
        o.classes = data.numClasses;
        return std::make_shared<CnnClassifier>(o);
    };
    return f;
}

ModelFamily resNetFamily() {
    ModelFamily f;
    f.name = "resnet";
    f.task = "classification";
    f.description = "He et al.'s CIFAR ResNet: three stages of residual blocks, global pooling";
    f.hyperparameters = {
        FieldSpec{"model.blocks", FieldType::Int, I{3}}.min(1).max(18).help(
            "Residual blocks per stage: a ResNet of 6 x blocks + 2 layers (3: ResNet-20, 5: "
            "ResNet-32, 9: ResNet-56)"),
        FieldSpec{"model.width", FieldType::Int, I{16}}.min(1).max(512).help(
            "Filters of the first stage (the paper's 16); the second and third have twice and "
            "four times as many"),
    };
    f.build = [](const Config& c, const DataSplits& data) -> std::shared_ptr<Model> {
        ResNetOptions o;
        o.inputChannels = data.sampleShape.at(0);
        o.blocks = c.getInt("model.blocks");
        o.width = c.getInt("model.width");
        o.classes = data.numClasses;
        return std::make_shared<ResNetClassifier>(o);
    };
    return f;
}

std::vector<ModelFamily> buildRegistry() {
    return {cnnFamily(),      mlpFamily(),      resNetFamily(), dlinearFamily(),
            patchTstFamily(), informerFamily(), lstmFamily()};
}

} // namespace

const std::vector<ModelFamily>& modelRegistry() {
    static const std::vector<ModelFamily> registry = buildRegistry();
    return registry;
}

const ModelFamily* findModelFamily(const std::string& name) {
    for (const ModelFamily& f : modelRegistry()) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

} // namespace tb::engine
