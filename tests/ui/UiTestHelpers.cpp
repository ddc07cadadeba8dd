#include "UiTestHelpers.h"

#include "engine/store/RunStore.h"

#include <QAction>
#include <QColor>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <filesystem>
#include <zlib.h>

namespace tb::test {

using namespace tb::engine;

const char* const kFashionMnistRoot = "/usr/share/datasets/fashion-mnist";

void useTemporarySettings(const QTemporaryDir& dir) {
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.filePath("settings"));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath("settings"));
    QSettings().clear();
}

bool haveFashionMnist() {
    return std::filesystem::exists(std::string(kFashionMnistRoot) + "/train-images-idx3-ubyte.gz");
}

void writeIdx(const QString& path, const std::vector<std::uint32_t>& dims,
              const std::vector<std::uint8_t>& data) {
    std::vector<std::uint8_t> bytes{0, 0, 0x08, static_cast<std::uint8_t>(dims.size())};
    for (std::uint32_t d : dims) {
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes.push_back(static_cast<std::uint8_t>(d >> shift));
    }
    bytes.insert(bytes.end(), data.begin(), data.end());
    const bool gzip = path.endsWith(QLatin1String(".gz"));
    gzFile file = gzopen(QFile::encodeName(path).constData(), gzip ? "wb" : "wbT");
    gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(file);
}

void writeIdxFolder(const QString& folder, int trainCount, int testCount, int classes, bool gzip) {
    QDir().mkpath(folder);
    const QString suffix = gzip ? QStringLiteral(".gz") : QString();
    const std::pair<QString, int> splits[] = {{"train", trainCount}, {"t10k", testCount}};
    for (const auto& [prefix, count] : splits) {
        std::vector<std::uint8_t> pixels(static_cast<std::size_t>(count) * 12);
        std::vector<std::uint8_t> labels(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) {
            labels[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i % classes);
            for (int p = 0; p < 12; ++p)
                pixels[static_cast<std::size_t>(i * 12 + p)] = static_cast<std::uint8_t>(i + p);
        }
        const auto n = static_cast<std::uint32_t>(count);
        writeIdx(folder + "/" + prefix + "-images-idx3-ubyte" + suffix, {n, 4, 3}, pixels);
        writeIdx(folder + "/" + prefix + "-labels-idx1-ubyte" + suffix, {n}, labels);
    }
}

bool writeImage(const QString& path, const QSize& size, const QColor& color) {
    QImage image(size, QImage::Format_RGB888);
    image.fill(color);
    // Best quality: a one-colour JPEG then decodes to within a step of its colour.
    return QDir().mkpath(QFileInfo(path).path()) && image.save(path, nullptr, 100);
}

std::int64_t storeRun(RunStore& store, const std::string& name, const std::string& device,
                      int epochs, int stepsPerEpoch, RunStatus status,
                      const std::string& configYaml) {
    RunRecord record;
    record.name = name;
    record.device = device;
    record.configYaml = !configYaml.empty() ? configYaml
                                            : "name: " + name + "\ntrain:\n  batch_size: " +
                                                  std::to_string(64 * epochs) + "\n  amp: off\n";
    const std::int64_t id = store.createRun(record);
    std::vector<Event> events;
    // emplace_back builds each variant in place: moving a temporary one trips GCC 12's false
    // -Wmaybe-uninitialized on the alternatives' fields.
    events.emplace_back(RunStarted{id, name, device, epochs, stepsPerEpoch, 0.0});
    for (int e = 1; e <= epochs; ++e) {
        for (int s = 1; s <= stepsPerEpoch; ++s) {
            const std::int64_t step = (e - 1) * stepsPerEpoch + s;
            events.emplace_back(StepMetrics{id,
                                            step,
                                            e,
                                            static_cast<double>(step),
                                            100.0,
                                            0.0,
                                            {{"train/loss", 2.0 / static_cast<double>(step)}}});
        }
        events.emplace_back(
            EpochSummary{id,
                         e,
                         static_cast<std::int64_t>(e) * stepsPerEpoch,
                         static_cast<double>(e * stepsPerEpoch),
                         1.0,
                         100.0,
                         {{"val/loss", 1.0 / e}, {"val/accuracy", 0.5 + e / 100.0}}});
        events.emplace_back(DeviceSample{id, device, static_cast<double>(e * stepsPerEpoch), 50.0,
                                         std::int64_t{1} << 30, std::int64_t{4} << 30});
    }
    if (status != RunStatus::Running)
        events.emplace_back(
            RunEnded{id, status, "", static_cast<double>(epochs * stepsPerEpoch), {}});
    store.apply(events);
    return id;
}

bool writeText(const QString& path, const QByteArray& text) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

QAction* actionNamed(const QMenu& menu, const QString& text) {
    for (QAction* action : menu.actions())
        if (action->text() == text)
            return action;
    return nullptr;
}

QStringList headerTexts(const QTableWidget& table) {
    QStringList texts;
    for (int c = 0; c < table.columnCount(); ++c)
        texts << table.horizontalHeaderItem(c)->text();
    return texts;
}

QStringList rowTexts(const QTableWidget& table, int row) {
    QStringList texts;
    for (int c = 0; c < table.columnCount(); ++c)
        texts << table.item(row, c)->text();
    return texts;
}

} // namespace tb::test
