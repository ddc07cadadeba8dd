#include "engine/inference/PredictionCsv.h"

#include "engine/util/CsvFields.h"

#include <cstdio>

namespace tb::engine {
namespace {

std::string csvNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", value);
    return text;
}

std::string classRowsCsv(const Prediction& p) {
    const bool labelled = labelAgreement(p.images).labelled > 0;
    std::string csv = "file,class,probability";
    for (const std::string& name : p.classNames)
        csv += "," + csvField(name);
    csv += labelled ? ",label\n" : "\n";
    for (const ImageClasses& image : p.images) {
        const auto predicted = static_cast<std::size_t>(image.predicted);
        csv += csvField(image.name()) + "," + csvField(p.classNames[predicted]) + "," +
               csvNumber(image.probabilities[predicted]);
        for (const double probability : image.probabilities)
            csv += "," + csvNumber(probability);
        if (labelled)
            csv += "," + (image.label >= 0
                              ? csvField(p.classNames[static_cast<std::size_t>(image.label)])
                              : std::string());
        csv += "\n";
    }
    return csv;
}

std::string forecastRowsCsv(const Forecast& f) {
    std::string csv = "date";
    for (const std::string& column : f.columns)
        csv += "," + csvField(column);
    if (!f.actual.empty())
        for (const std::string& column : f.columns)
            csv += "," + csvField(column + "_actual");
    csv += "\n";
    for (std::size_t r = 0; r < f.dates.size(); ++r) {
        csv += f.dates[r];
        for (const double value : f.values[r])
            csv += "," + csvNumber(value);
        if (!f.actual.empty())
            for (std::size_t c = 0; c < f.columns.size(); ++c)
                csv += "," + (r < f.actual.size() ? csvNumber(f.actual[r][c]) : std::string());
        csv += "\n";
    }
    return csv;
}

} // namespace

std::string predictionCsv(const Prediction& prediction) {
    return prediction.task == "classification" ? classRowsCsv(prediction)
                                               : forecastRowsCsv(prediction.forecast);
}

} // namespace tb::engine
