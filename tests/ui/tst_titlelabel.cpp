// TitleLabel: a heading cut to the width it is given, so that a long run name or file path
// never widens the panel (and the window) that holds it.
#include "ui/util/TitleLabel.h"

#include <QHBoxLayout>
#include <QTest>

using tb::ui::TitleLabel;

class TestTitleLabel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aLongTitleIsCutToItsWidthAndWholeInItsTooltip() {
        QWidget panel;
        auto* layout = new QHBoxLayout(&panel);
        auto* title = new TitleLabel(&panel);
        layout->addWidget(title, 1);
        const QString name = "Run 3 \u00b7 " + QString("ablation-of-kernel-sizes-").repeated(12) +
                             " \u00b7 cpu \u00b7 stopped";
        title->setTitle(name);
        const int fullWidth = title->fontMetrics().horizontalAdvance(name);
        // The panel may be far narrower than the title.
        QVERIFY(panel.minimumSizeHint().width() < fullWidth / 4);

        panel.resize(fullWidth / 3, 40);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(title->title(), name);
        QVERIFY2(title->text().endsWith(QChar(0x2026)), qPrintable(title->text()));
        QVERIFY(title->text().size() < name.size() / 2);
        QCOMPARE(title->toolTip(), name);

        // Given the room, it shows whole, with no tooltip to repeat it.
        panel.resize(fullWidth + 100, 40);
        QTRY_COMPARE(title->text(), name);
        QVERIFY(title->toolTip().isEmpty());
    }
};

QTEST_MAIN(TestTitleLabel)
#include "tst_titlelabel.moc"
