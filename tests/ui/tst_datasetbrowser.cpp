// The dataset browser shows the configured image dataset: samples with labels, classes,
// splits, for IDX files and image folders (CSV tables: tst_csvdatasetview; an image folder's
// thumbnails: tst_folderimageset).
#include "UiTestHelpers.h"
#include "ui/config/ConfigDocument.h"
#include "ui/dataset/DatasetBrowser.h"
#include "ui/dataset/ImageDatasetView.h"
#include "ui/dataset/SampleGridModel.h"
#include "ui/dataset/SplitBar.h"

#include <QComboBox>
#include <QListView>
#include <QSignalSpy>
#include <QtTest>

using namespace tb::ui;

namespace {

/// An image folder: `classes` class folders of four 12x10 PNG images.
void writeImageFolder(const QString& root, const QStringList& classes) {
    for (const QString& name : classes)
        for (int k = 0; k < 4; ++k)
            QVERIFY(tb::test::writeImage(QStringLiteral("%1/%2/%3.png").arg(root, name).arg(k),
                                         QSize(12, 10), QColor(40 * k, 90, 160)));
}

QString splitSummary(const DatasetBrowser& browser) {
    return browser.imageView()->findChild<SplitBar*>()->summary();
}

} // namespace

class TestDatasetBrowser : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { tb::test::useTemporarySettings(m_dir); }

    void showsTheConfiguredFolder() {
        const QString folder = m_dir.filePath("fashion-small");
        tb::test::writeIdxFolder(folder, 40, 20, 10, true);
        ConfigDocument document;
        document.setValue("data.root", folder.toStdString());
        document.setValue("data.val_fraction", 0.25);
        DatasetBrowser browser(document);
        QSignalSpy loaded(&browser, &DatasetBrowser::loadFinished);
        browser.show();
        QVERIFY(loaded.wait(10000));

        QVERIFY2(browser.statusText().contains("60 samples"), qPrintable(browser.statusText()));
        SampleGridModel* samples = browser.imageView()->samples();
        QCOMPARE(samples->rowCount(), 40);
        const QModelIndex third = samples->index(2);
        QCOMPARE(samples->data(third, Qt::DisplayRole).toString(), QStringLiteral("Pullover"));
        QCOMPARE(samples->data(third, Qt::DecorationRole).value<QPixmap>().size(), QSize(6, 8));

        const QString split = browser.imageView()->findChild<SplitBar*>()->summary();
        QVERIFY2(split.contains("Train 30") && split.contains("Validation 10") &&
                     split.contains("Test 20"),
                 qPrintable(split));
    }

    void filtersByClassAndSplit() {
        const QString folder = m_dir.filePath("digits");
        tb::test::writeIdxFolder(folder, 40, 20, 4, false);
        ConfigDocument document;
        document.setValue("data.root", folder.toStdString());
        DatasetBrowser browser(document);
        QSignalSpy loaded(&browser, &DatasetBrowser::loadFinished);
        browser.show();
        QVERIFY(loaded.wait(10000));
        const auto combos = browser.imageView()->findChildren<QComboBox*>();
        QCOMPARE(combos.size(), 2);
        QComboBox* splitCombo = combos[0];
        QComboBox* classCombo = combos[1];
        classCombo->setCurrentIndex(classCombo->findData(3));
        SampleGridModel* samples = browser.imageView()->samples();
        QCOMPARE(samples->rowCount(), 10);
        for (int row = 0; row < samples->rowCount(); ++row)
            QCOMPARE(samples->data(samples->index(row), Qt::DisplayRole).toString(),
                     QStringLiteral("3"));
        splitCombo->setCurrentIndex(1);
        QCOMPARE(samples->rowCount(), 5);
    }

    void followsDataRootAndExplainsProblems() {
        ConfigDocument document;
        document.setValue("data.root", m_dir.filePath("absent").toStdString());
        DatasetBrowser browser(document);
        QSignalSpy loaded(&browser, &DatasetBrowser::loadFinished);
        browser.show();
        QVERIFY(loaded.wait(10000));
        QVERIFY2(browser.statusText().contains("does not exist"), qPrintable(browser.statusText()));

        const QString folder = m_dir.filePath("later");
        tb::test::writeIdxFolder(folder, 8, 4, 2, true);
        document.setValue("data.root", folder.toStdString());
        QVERIFY(loaded.wait(10000));
        QCOMPARE(browser.imageView()->samples()->rowCount(), 8);
    }

    void saysWhenTheConfigNamesNoFolderAndFollowsWhenItDoes() {
        const QString folder = m_dir.filePath("named-later");
        tb::test::writeIdxFolder(folder, 4, 2, 2, false);
        ConfigDocument document;
        document.setValue("data.root", std::string());
        DatasetBrowser browser(document);
        QSignalSpy loaded(&browser, &DatasetBrowser::loadFinished);
        browser.show();
        QTRY_VERIFY2(browser.statusText().contains("names no dataset folder (data.root)"),
                     qPrintable(browser.statusText()));
        document.setValue("data.root", folder.toStdString());
        QVERIFY(loaded.wait(10000));
        QCOMPARE(browser.imageView()->samples()->rowCount(), 4);
        // Emptied and named again: the folder is read again, not taken for still shown.
        document.setValue("data.root", std::string());
        QTRY_VERIFY(browser.statusText().contains("names no dataset folder"));
        document.setValue("data.root", folder.toStdString());
        QVERIFY(loaded.wait(10000));
        QCOMPARE(browser.imageView()->samples()->rowCount(), 4);
    }

    void showsAConfiguredImageFolderAndDealsItAgainWhenTheSplitChanges() {
        const QString root = m_dir.filePath("pets");
        writeImageFolder(root, {"cat", "dog", "fox"});
        ConfigDocument document;
        document.setValue("data.kind", std::string("folder"));
        document.setValue("data.root", root.toStdString());
        document.setValue("data.val_fraction", 0.25);
        document.setValue("data.test_fraction", 0.25);
        DatasetBrowser browser(document);
        QSignalSpy loaded(&browser, &DatasetBrowser::loadFinished);
        browser.show();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(browser.statusText(), QStringLiteral("pets: 12 samples"));
        QVERIFY(browser.imageView()->isVisible());
        QCOMPARE(splitSummary(browser),
                 QStringLiteral("Train 6 (the class folders) \u00b7 Validation 3 (25% held out "
                                "of the class folders) \u00b7 Test 3 (25% held out of the class "
                                "folders)"));
        QCOMPARE(browser.imageView()->samples()->rowCount(), 6);

        // Another share held out deals the folder anew, as training would.
        document.setValue("data.val_fraction", 0.5);
        QVERIFY(loaded.wait(10000));
        QVERIFY2(splitSummary(browser).startsWith("Train 3 (the class folders) \u00b7 Validation "
                                                  "6 (50% held out"),
                 qPrintable(splitSummary(browser)));
        // How the model sees the images changes the title, not the split.
        document.setValue("data.color", std::string("gray"));
        QVERIFY(loaded.wait(10000));
        QVERIFY2(browser.imageView()->title().contains("64\u00d764 gray"),
                 qPrintable(browser.imageView()->title()));
    }

    void explainsAnImageFolderTrainingCannotUse() {
        const QString root = m_dir.filePath("one-class");
        writeImageFolder(root, {"cat"});
        ConfigDocument document;
        document.setValue("data.kind", std::string("folder"));
        document.setValue("data.root", root.toStdString());
        DatasetBrowser browser(document);
        QSignalSpy loaded(&browser, &DatasetBrowser::loadFinished);
        browser.show();
        QVERIFY(loaded.wait(10000));
        QVERIFY2(browser.statusText().contains("one class folder (cat); a classifier needs at "
                                               "least two classes"),
                 qPrintable(browser.statusText()));
        QVERIFY(!browser.imageView()->isVisible());
    }

    void opensAFolderOfImagesByHand() {
        const QString root = m_dir.filePath("opened");
        writeImageFolder(root, {"a", "b"});
        ConfigDocument document;
        document.setValue("data.root", m_dir.filePath("absent").toStdString());
        DatasetBrowser browser(document);
        QSignalSpy loaded(&browser, &DatasetBrowser::loadFinished);
        browser.show();
        QVERIFY(loaded.wait(10000));
        // No IDX files in it: a folder of images, split by the config's fractions (0.1 of 4
        // images rounds to none held out).
        browser.openPath(root);
        QTRY_COMPARE(browser.imageView()->samples()->rowCount(), 8);
        QCOMPARE(splitSummary(browser), QStringLiteral("Train 8 (the class folders)"));
    }

    void opensAFileByHand() {
        const QString folder = m_dir.filePath("byhand");
        tb::test::writeIdxFolder(folder, 6, 3, 3, false);
        ConfigDocument document;
        document.setValue("data.root", m_dir.filePath("absent").toStdString());
        DatasetBrowser browser(document);
        QSignalSpy loaded(&browser, &DatasetBrowser::loadFinished);
        browser.show();
        QVERIFY(loaded.wait(10000));
        browser.openPath(folder + "/t10k-images-idx3-ubyte");
        QTRY_COMPARE(browser.imageView()->samples()->rowCount(), 3);
    }
};

QTEST_MAIN(TestDatasetBrowser)
#include "tst_datasetbrowser.moc"
