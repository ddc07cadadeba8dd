#include "ForecastTestHelpers.h"

#include "engine/training/ExperimentSchema.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace tb::test {

using I = std::int64_t;

std::string sharedDataFile(const std::string& relativePath) {
    const auto path = std::filesystem::path(TB_SHARED_DATA_DIR) / relativePath;
    return std::filesystem::is_regular_file(path) ? path.string() : std::string{};
}

std::string writeFile(const QTemporaryDir& dir, const QString& name, const std::string& text) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(text.data(), static_cast<qint64>(text.size()));
    return path.toStdString();
}

std::string syntheticCsv(std::int64_t rows, std::int64_t channels) {
    std::string text = "date";
    for (I c = 0; c < channels; ++c)
        text += c + 1 == channels ? ",OT" : ",x" + std::to_string(c);
    text += '\n';
    const double pi = std::acos(-1.0);
    const QDateTime start(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    for (I r = 0; r < rows; ++r) {
        text += start.addSecs(3600 * r).toString("yyyy-MM-dd HH:mm:ss").toStdString();
        for (I c = 0; c < channels; ++c) {
            const double t = static_cast<double>(r + 5 * c);
            const double noise = std::sin(static_cast<double>(r * 7919 + c * 104729) * 0.001) * 0.1;
            const double value = std::sin(2 * pi * t / 24.0) + 0.5 * std::sin(2 * pi * t / 168.0) +
                                 0.0005 * t + noise + static_cast<double>(c);
            char cell[32];
            std::snprintf(cell, sizeof(cell), ",%.6f", value);
            text += cell;
        }
        text += '\n';
    }
    return text;
}

tb::engine::Config quickForecastConfig(const std::string& path, const std::string& model) {
    tb::engine::Config c(tb::engine::experimentSchema());
    c.set("data.kind", std::string{"csv"});
    c.set("data.path", path);
    c.set("data.seq_len", I{48});
    c.set("data.label_len", I{24});
    c.set("data.pred_len", I{12});
    c.set("data.split", std::string{"ratio"});
    c.set("data.num_workers", I{0});
    c.set("model.name", model);
    c.set("train.batch_size", I{32});
    c.set("train.epochs", I{1});
    c.set("threads", I{1});
    return c;
}

tb::engine::Batch randomBatch(std::int64_t windows, std::int64_t seqLen, std::int64_t labelLen,
                              std::int64_t predLen, std::int64_t channels) {
    torch::manual_seed(7);
    tb::engine::Batch b;
    b.input = torch::randn({windows, seqLen, channels});
    b.target = torch::randn({windows, labelLen + predLen, channels});
    b.inputMark = torch::rand({windows, seqLen, 4}) - 0.5;
    b.targetMark = torch::rand({windows, labelLen + predLen, 4}) - 0.5;
    return b;
}

} // namespace tb::test
