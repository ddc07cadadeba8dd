#include "ui/forecast/RunForecast.h"

#include "engine/data/csv/DateTime.h"
#include "ui/util/RunFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <stdexcept>

namespace tb::ui {

namespace {

std::vector<double> numbers(const QJsonArray& array) {
    std::vector<double> out;
    for (const auto& value : array)
        out.push_back(value.toDouble());
    return out;
}

bool readTimes(const QJsonArray& dates, std::vector<double>& timeS) {
    for (const auto& date : dates) {
        const auto parsed = tb::engine::parseDateTime(date.toString().toStdString());
        if (!parsed)
            return false;
        timeS.push_back(static_cast<double>(parsed->secondsSinceEpoch()));
    }
    return true;
}

} // namespace

double RunForecast::unscaled(double value, int channel, bool original) const {
    if (!original)
        return value;
    const auto c = static_cast<std::size_t>(channel);
    return value * scale[c] + mean[c];
}

double RunForecast::actual(int row, int channel, bool original) const {
    const auto at = row * channels.size() + channel;
    return unscaled(series.values[static_cast<std::size_t>(at)], channel, original);
}

double RunForecast::predicted(int window, int step, int channel, bool original) const {
    const auto at = (static_cast<qsizetype>(window) * predLen + step) * channels.size() + channel;
    return unscaled(predictions.values[static_cast<std::size_t>(at)], channel, original);
}

double RunForecast::error(int window, int step, int channel) const {
    return predicted(window, step, channel, false) -
           actual(forecastRow(window) + step, channel, false);
}

double RunForecast::windowMse(int window, int channel) const {
    double sum = 0.0;
    for (int step = 0; step < predLen; ++step)
        sum += std::pow(error(window, step, channel), 2);
    return sum / predLen;
}

double RunForecast::windowMae(int window, int channel) const {
    double sum = 0.0;
    for (int step = 0; step < predLen; ++step)
        sum += std::abs(error(window, step, channel));
    return sum / predLen;
}

int RunForecast::worstWindow(int channel) const {
    int worst = 0;
    double worstMse = -1.0;
    for (int window = 0; window < windows; ++window) {
        const double mse = windowMse(window, channel);
        if (mse > worstMse) {
            worstMse = mse;
            worst = window;
        }
    }
    return worst;
}

std::vector<double> RunForecast::stepMse(int channel) const {
    std::vector<double> mse(static_cast<std::size_t>(predLen), 0.0);
    for (int window = 0; window < windows; ++window)
        for (int step = 0; step < predLen; ++step)
            mse[static_cast<std::size_t>(step)] +=
                std::pow(error(window, step, channel), 2) / windows;
    return mse;
}

bool loadRunForecast(const QString& jsonPath, RunForecast& out, QString& error) {
    QFile file(jsonPath);
    if (!file.exists()) {
        error = missingRunFileText(jsonPath, QObject::tr("the forecasts"));
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        error = QObject::tr("%1 cannot be read: %2").arg(jsonPath, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        error = QObject::tr("%1 is not valid JSON: %2").arg(jsonPath, parseError.errorString());
        return false;
    }
    if (!json.contains("series")) {
        error = QObject::tr("%1 was written by an older Trainbench that did not save the test "
                            "windows' input rows; train the run again to draw its forecasts.")
                    .arg(jsonPath);
        return false;
    }

    RunForecast f;
    f.csvPath = json["csv"].toString();
    for (const auto& name : json["columns"].toArray())
        f.channels << name.toString();
    f.mean = numbers(json["mean"].toArray());
    f.scale = numbers(json["scale"].toArray());
    f.windows = json["windows"].toInt();
    f.seqLen = json["seq_len"].toInt();
    f.predLen = json["pred_len"].toInt();
    if (!readTimes(json["dates"].toArray(), f.timeS)) {
        error = QObject::tr("%1 holds a date that cannot be read.").arg(jsonPath);
        return false;
    }
    const QDir folder = QFileInfo(jsonPath).dir();
    try {
        f.predictions =
            tb::engine::readNpyFile(folder.filePath(json["predictions"].toString()).toStdString());
        f.series =
            tb::engine::readNpyFile(folder.filePath(json["series"].toString()).toStdString());
    } catch (const std::runtime_error& e) {
        error = QString::fromUtf8(e.what());
        return false;
    }

    const std::int64_t channels = f.channels.size();
    const std::int64_t rows = f.windows + f.seqLen + f.predLen - 1;
    const std::vector<std::int64_t> predictionShape{f.windows, f.predLen, channels};
    const std::vector<std::int64_t> seriesShape{rows, channels};
    if (channels == 0 || f.windows <= 0 || f.predLen <= 0 ||
        f.predictions.shape != predictionShape || f.series.shape != seriesShape ||
        f.timeS.size() != static_cast<std::size_t>(rows) ||
        f.mean.size() != static_cast<std::size_t>(channels) || f.scale.size() != f.mean.size()) {
        error = QObject::tr("The forecast files in %1 disagree: %2 describes %3 windows of %4 "
                            "steps and %5 channels over %6 dated rows, the arrays hold %7 "
                            "forecasts and %8 rows.")
                    .arg(folder.path(), QFileInfo(jsonPath).fileName())
                    .arg(f.windows)
                    .arg(f.predLen)
                    .arg(channels)
                    .arg(f.timeS.size())
                    .arg(shapeText(f.predictions.shape), shapeText(f.series.shape));
        return false;
    }
    out = std::move(f);
    return true;
}

} // namespace tb::ui
