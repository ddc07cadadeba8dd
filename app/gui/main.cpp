// The desktop app: a thin shell around tb::ui::MainWindow.
#include "engine/util/Environment.h"
#include "engine/util/HostMemory.h"
#include "ui/main/MainWindow.h"
#include "ui/theme/Theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>
#include <QTimer>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

struct Arguments {
    tb::ui::MainWindow::Options window;
    QString screenshotPath;
    double screenshotDelayS = 1.0;
};

/// Exits with the help, the version or a usage error where the arguments ask for it.
Arguments parseArguments(const QCoreApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Trainbench: train and compare LibTorch models on CPU, GPU and NPU."));
    parser.addHelpOption();
    parser.addVersionOption();
    // The command line's default too, so that runs trained there show here.
    const QString defaultDatabase = QString::fromStdString(tb::engine::defaultWorkspacePath());
    const QCommandLineOption db(
        QStringLiteral("db"),
        QStringLiteral("Workspace database (default: %1).").arg(defaultDatabase),
        QStringLiteral("FILE"));
    const QCommandLineOption config(QStringLiteral("config"),
                                    QStringLiteral("Experiment config to load (YAML)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption train(QStringLiteral("train"),
                                   QStringLiteral("Start training the loaded config at once."));
    const QCommandLineOption compare(
        QStringLiteral("compare"),
        QStringLiteral("Open the stored runs IDS side by side (comma separated: 3,5,8)."),
        QStringLiteral("IDS"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Save a PNG of the main window once it is shown, then quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"),
                                   QStringLiteral("Seconds to wait before the screenshot."),
                                   QStringLiteral("SECONDS"), QStringLiteral("1"));
    parser.addOptions({db, config, train, compare, screenshot, delay});
    parser.process(app);

    Arguments args;
    args.window.databasePath = parser.isSet(db) ? parser.value(db) : defaultDatabase;
    if (!parser.isSet(db)) {
        // Where the desktop app kept its own workspace until it shared the command line's.
        const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        args.window.earlierWorkspacePath = QDir(dataDir).filePath(QStringLiteral("workspace.db"));
    }
    args.window.configPath = parser.value(config);
    args.window.trainAtStart = parser.isSet(train);
    for (const QString& id : parser.value(compare).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        args.window.compareRunIds << id.trimmed().toLongLong(&ok);
        if (!ok) {
            std::fprintf(stderr, "--compare takes run ids separated by commas (3,5,8), not '%s'\n",
                         qPrintable(id));
            std::exit(2);
        }
    }
    args.screenshotPath = parser.value(screenshot);
    args.screenshotDelayS = parser.value(delay).toDouble();
    return args;
}

void nameApplication() {
    QCoreApplication::setOrganizationName(QStringLiteral("Trainbench"));
    QCoreApplication::setApplicationName(QStringLiteral("Trainbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TRAINBENCH_VERSION));
}

/// Whether Qt has a window system to open: without one, QApplication aborts.
bool hasWindowSystem(int argc, char* argv[]) {
    for (const char* variable : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
        if (const char* value = std::getenv(variable); value && *value)
            return true;
    }
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "-platform") == 0 || std::strcmp(argv[i], "--platform") == 0)
            return true;
    }
    return false;
}

/// Answers --help and --version (and a mistyped option) without a window system, as on a server
/// reached by ssh; otherwise says why no window can open, and the exit code.
int runWithoutWindowSystem(int argc, char* argv[]) {
    QCoreApplication reader(argc, argv);
    nameApplication();
    parseArguments(reader);
    std::fprintf(stderr,
                 "trainbench: there is no display to open a window on (DISPLAY and "
                 "WAYLAND_DISPLAY are unset). Start it in a desktop session or over ssh -X, or "
                 "train with trainbench-cli, which needs no window.\n");
    return 1;
}

} // namespace

int main(int argc, char* argv[]) {
    // Before Qt starts threads of its own: they would each get a glibc arena that trims.
    tb::engine::keepFreedHostMemory();
    if (!hasWindowSystem(argc, argv))
        return runWithoutWindowSystem(argc, argv);
    QApplication app(argc, argv);
    nameApplication();
    QApplication::setDesktopFileName(QStringLiteral(TRAINBENCH_APP_ID));
    const Arguments args = parseArguments(app);
    tb::ui::Theme::applySaved(app);

    tb::ui::MainWindow window(args.window);
    window.show();
    if (!args.screenshotPath.isEmpty()) {
        QTimer::singleShot(static_cast<int>(args.screenshotDelayS * 1000), &window, [&] {
            const bool saved = window.grab().save(args.screenshotPath, "PNG");
            if (!saved)
                std::fprintf(stderr, "cannot write %s\n", qPrintable(args.screenshotPath));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}
