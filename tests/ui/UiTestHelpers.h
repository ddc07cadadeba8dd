// Shared set-up of the GUI tests.
#pragma once

#include "engine/events/Event.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <cstdint>
#include <string>
#include <vector>

class QAction;
class QColor;
class QMenu;
class QSize;
class QTableWidget;

namespace tb::engine {
class RunStore;
}

namespace tb::test {

/// Keeps QSettings and QStandardPaths away from the user's real files for this process:
/// both point into `dir`.
void useTemporarySettings(const QTemporaryDir& dir);

/// Where Debian's dataset-fashion-mnist installs the files, and whether they are there.
extern const char* const kFashionMnistRoot;
bool haveFashionMnist();

/// Writes an unsigned-byte IDX file (gzip-compressed when `path` ends in `.gz`).
void writeIdx(const QString& path, const std::vector<std::uint32_t>& dims,
              const std::vector<std::uint8_t>& data);

/// Writes a tiny MNIST-style folder: `trainCount` and `testCount` 4x3 images whose labels
/// cycle through 0..classes-1; gzip-compressed or plain.
void writeIdxFolder(const QString& folder, int trainCount, int testCount, int classes, bool gzip);

/// Writes a `size` image of one colour to `path` (its folder made), PNG or JPEG by the suffix;
/// false when it cannot.
bool writeImage(const QString& path, const QSize& size, const QColor& color);

/// Stores a run that went through `epochs` epochs of `stepsPerEpoch` steps, with
/// val/loss = 1/epoch and val/accuracy = 0.5 + epoch/100, and ended as `status` (a Running
/// one is still training). Its config is `configYaml`, or a small one naming it.
std::int64_t storeRun(tb::engine::RunStore& store, const std::string& name,
                      const std::string& device, int epochs, int stepsPerEpoch,
                      tb::engine::RunStatus status, const std::string& configYaml = {});

/// Writes `text` to `path` (replacing it); false when it cannot.
bool writeText(const QString& path, const QByteArray& text);

/// The action of `menu` (not of its submenus) whose text is `text`; null when none is.
QAction* actionNamed(const QMenu& menu, const QString& text);

/// A table's column headers, and the texts of one of its rows.
QStringList headerTexts(const QTableWidget& table);
QStringList rowTexts(const QTableWidget& table, int row);

} // namespace tb::test
