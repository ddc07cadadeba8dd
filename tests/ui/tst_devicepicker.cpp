// The device picker lists what the engine reports and writes the choice into the config.
#include "UiTestHelpers.h"
#include "engine/devices/DeviceInfo.h"
#include "ui/config/ConfigDocument.h"
#include "ui/devices/DevicePicker.h"
#include "ui/util/Format.h"

#include <QTreeWidget>
#include <QtTest>

using namespace tb::ui;

namespace {

QTreeWidgetItem* itemFor(QTreeWidget* tree, const QString& id) {
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->data(0, Qt::UserRole).toString() == id)
            return tree->topLevelItem(i);
    }
    return nullptr;
}

} // namespace

class TestDevicePicker : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { tb::test::useTemporarySettings(m_dir); }

    void listsTheCpuFirstAndUsable() {
        ConfigDocument document;
        DevicePicker picker(document);
        QTreeWidget* tree = picker.tree();
        QVERIFY(tree->topLevelItemCount() >= 1);
        QTreeWidgetItem* cpu = tree->topLevelItem(0);
        QCOMPARE(cpu->data(0, Qt::UserRole).toString(), QStringLiteral("cpu"));
        QVERIFY(cpu->flags() & Qt::ItemIsEnabled);
        QVERIFY(cpu->text(0).startsWith("cpu"));
        QVERIFY(!cpu->text(1).isEmpty()); // memory
        QVERIFY(cpu->isSelected());       // the default config trains on the CPU
    }

    void showsEveryEngineDeviceAndWhyOnesCannotBeUsed() {
        ConfigDocument document;
        DevicePicker picker(document);
        const auto devices = tb::engine::listDevices();
        QCOMPARE(picker.tree()->topLevelItemCount(), static_cast<int>(devices.size()));
        for (const auto& device : devices) {
            QTreeWidgetItem* item = itemFor(picker.tree(), toQString(device.id));
            QVERIFY(item);
            QCOMPARE(bool(item->flags() & Qt::ItemIsEnabled), device.available);
            if (!device.available) {
                QVERIFY(
                    item->toolTip(0).contains(toQString(device.unavailableReason).toHtmlEscaped()));
                QCOMPARE(item->child(0)->text(0).replace('\n', ' '),
                         toQString(device.unavailableReason));
                QVERIFY(item->child(0)->isFirstColumnSpanned()); // across the columns
            }
        }
    }

    void aReasonWrapsInANarrowDock() {
        ConfigDocument document;
        DevicePicker picker(document);
        QTreeWidgetItem* unusable = nullptr;
        for (int i = 0; i < picker.tree()->topLevelItemCount() && !unusable; ++i)
            if (picker.tree()->topLevelItem(i)->childCount() > 0)
                unusable = picker.tree()->topLevelItem(i);
        if (!unusable)
            QSKIP("every device of this machine can be used");
        QTreeWidgetItem* reason = unusable->child(0);
        const QString whole = reason->text(0).replace('\n', ' ');
        const int line = picker.tree()->fontMetrics().height();
        picker.resize(1600, 400);
        picker.show();
        QVERIFY(QTest::qWaitForWindowExposed(&picker));
        QTRY_COMPARE(reason->text(0), whole);
        QVERIFY(picker.tree()->visualItemRect(reason).height() < 2 * line);

        picker.resize(200, 400);
        QTRY_VERIFY(reason->text(0).count('\n') >= 1);
        QCOMPARE(reason->text(0).replace('\n', ' '), whole);
        QVERIFY(picker.tree()->visualItemRect(reason).height() >= 2 * line);
        const int width = picker.tree()->viewport()->width();
        for (const QString& text : reason->text(0).split('\n'))
            QVERIFY2(picker.tree()->fontMetrics().horizontalAdvance(text) < width,
                     qPrintable(text));
    }

    void choosingADeviceSetsTheConfig() {
        ConfigDocument document;
        document.setValue("device", std::string("cuda:0"));
        DevicePicker picker(document);
        QTreeWidgetItem* cpu = itemFor(picker.tree(), "cpu");
        QVERIFY(!cpu->isSelected());
        picker.tree()->scrollToItem(cpu);
        const QRect rect = picker.tree()->visualItemRect(cpu);
        picker.show();
        QVERIFY(QTest::qWaitForWindowExposed(&picker));
        QTest::mouseClick(picker.tree()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(toQString(document.config().getString("device")), QStringLiteral("cpu"));
    }

    void aDeviceSetElsewhereIsSelected() {
        ConfigDocument document;
        DevicePicker picker(document);
        document.setValue("device", std::string("npu:7"));
        QVERIFY(picker.tree()->selectedItems().isEmpty());
        document.setValue("device", std::string("cpu"));
        QCOMPARE(picker.tree()->selectedItems().size(), 1);
    }
};

QTEST_MAIN(TestDevicePicker)
#include "tst_devicepicker.moc"
