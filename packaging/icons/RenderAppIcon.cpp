// Writes the app icon as the PNG sizes of the freedesktop hicolor theme, so that menus and
// software centres show the same icon the window carries (ui/theme/GlyphIcons.cpp draws it).
//   render-app-icon <out-dir> <icon-name>  ->  <out-dir>/hicolor/<n>x<n>/apps/<icon-name>.png
#include "ui/theme/GlyphIcons.h"

#include <QApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QPixmap>
#include <cstdio>

int main(int argc, char* argv[]) {
    // Runs during the build, where no display need exist, nor the session's runtime folder
    // that Qt warns about; the tool reports its own failures below.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QLoggingCategory::setFilterRules(QStringLiteral("default.warning=false"));
    QApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: render-app-icon <out-dir> <icon-name>\n");
        return 2;
    }
    const QString outDir = QString::fromLocal8Bit(argv[1]);
    const QString iconName = QString::fromLocal8Bit(argv[2]);
    const QIcon icon = tb::ui::glyphIcon(tb::ui::Glyph::App);
    for (const int side : {16, 22, 24, 32, 48, 64, 128, 256, 512}) {
        const QString dir = QStringLiteral("%1/hicolor/%2x%2/apps").arg(outDir).arg(side);
        const QString file = QStringLiteral("%1/%2.png").arg(dir, iconName);
        if (!QDir().mkpath(dir) || !icon.pixmap(side, side).save(file, "PNG")) {
            std::fprintf(stderr, "render-app-icon: cannot write %s\n", qPrintable(file));
            return 1;
        }
    }
    return 0;
}
