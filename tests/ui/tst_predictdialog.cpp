// The Predict dialog: a trained classifier lists new images (files, folders, IDX files) with
// their classes and thumbnails, and against their labels where they have them; a forecaster
// draws its forecast after the rows it read; Save CSV writes what the command line writes, and
// a problem shows by name in place of a result.

// qcustomplot.h spells Qt's plain keywords (`signals`), which the tests' QT_NO_KEYWORDS turns
// off for LibTorch's sake; this test includes no LibTorch header.
#undef QT_NO_KEYWORDS
#include "UiTestHelpers.h"
#include "engine/config/Config.h"
#include "engine/inference/PredictionCsv.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/training/RunController.h"
#include "ui/predict/ForecastPlot.h"
#include "ui/predict/PredictDialog.h"
#include "ui/predict/PredictionTask.h"
#include "ui/predict/StartingInput.h"

#include <QAbstractItemModel>
#include <QCheckBox>
#include <QComboBox>
#include <QDropEvent>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

using namespace tb::engine;
using namespace tb::ui;

namespace {

/// Trains `config` to its end in the workspace `db`; the run's id, 0 when it did not finish.
qint64 trained(const Config& config, const QString& db) {
    RunController controller;
    RunOptions options;
    options.databasePath = db.toStdString();
    const StartResult start = controller.start(config, options);
    if (!start.started || controller.wait() != RunStatus::Finished)
        return 0;
    return start.runId;
}

/// Red, green and blue squares: train/<colour>/ and test/<colour>/.
void writeColourFolders(const QString& root) {
    const QList<std::pair<QString, QColor>> classes{
        {"blue", Qt::blue}, {"green", Qt::green}, {"red", Qt::red}};
    for (const auto& [name, colour] : classes)
        for (int i = 0; i < 8; ++i) {
            const QColor shade = colour.darker(100 + 10 * i);
            const QString file = QString("%1/%2.png").arg(name).arg(i);
            QVERIFY(tb::test::writeImage(root + "/train/" + file, {12, 12}, shade));
            if (i < 2)
                QVERIFY(tb::test::writeImage(root + "/test/" + file, {20, 16}, shade));
        }
}

QString hourlyCsv(int rows) {
    QString text = "date,load,OT\n";
    for (int row = 0; row < rows; ++row)
        text += QString("2021-03-%1 %2:00:00,%3,%4\n")
                    .arg(row / 24 + 1, 2, 10, QChar('0'))
                    .arg(row % 24, 2, 10, QChar('0'))
                    .arg(std::sin(row * 0.26) * 10.0 + 20.0)
                    .arg(std::cos(row * 0.13) * 3.0 + row * 0.01);
    return text;
}

template <typename T> T* only(const QWidget& parent) {
    const QList<T*> found = parent.findChildren<T*>();
    return found.size() == 1 ? found.front() : nullptr;
}

QPushButton* buttonNamed(const PredictDialog& dialog, const QString& text) {
    for (QPushButton* button : dialog.findChildren<QPushButton*>())
        if (button->text() == text)
            return button;
    return nullptr;
}

QString statusOf(const PredictDialog& dialog) {
    return dialog.findChild<QLabel*>("status")->text();
}

} // namespace

class TestPredictDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        tb::test::useTemporarySettings(m_dir);
        m_db = m_dir.filePath("runs.db");
        writeColourFolders(m_dir.filePath("colours"));
        Config classifier(experimentSchema());
        classifier.set("data.kind", std::string("folder"));
        classifier.set("data.root", m_dir.filePath("colours/train").toStdString());
        classifier.set("data.image_size", std::int64_t{12});
        classifier.set("model.name", std::string("cnn"));
        classifier.set("model.channels", std::int64_t{4});
        classifier.set("train.batch_size", std::int64_t{4});
        classifier.set("train.epochs", std::int64_t{2});
        m_classifier = trained(classifier, m_db);
        QVERIFY(m_classifier > 0);

        m_csv = m_dir.filePath("load.csv");
        QVERIFY(tb::test::writeText(m_csv, hourlyCsv(300).toUtf8()));
        Config forecaster(experimentSchema());
        forecaster.set("data.kind", std::string("csv"));
        forecaster.set("data.path", m_csv.toStdString());
        forecaster.set("data.seq_len", std::int64_t{24});
        forecaster.set("data.label_len", std::int64_t{12});
        forecaster.set("data.pred_len", std::int64_t{6});
        forecaster.set("model.name", std::string("dlinear"));
        forecaster.set("train.epochs", std::int64_t{1});
        m_forecaster = trained(forecaster, m_db);
        QVERIFY(m_forecaster > 0);

        tb::test::writeIdxFolder(m_dir.filePath("idx"), 60, 20, 3, true);
        Config idx(experimentSchema());
        idx.set("data.root", m_dir.filePath("idx").toStdString());
        idx.set("model.name", std::string("mlp"));
        idx.set("train.batch_size", std::int64_t{8});
        idx.set("train.epochs", std::int64_t{1});
        m_idxClassifier = trained(idx, m_db);
        QVERIFY(m_idxClassifier > 0);
    }

    void aClassifierListsTheImagesWithTheirClasses() {
        PredictDialog dialog({m_db, m_classifier, "Run 1 'colours'", "folder", {}, "cpu"});
        QSignalSpy finished(&dialog, &PredictDialog::finished);
        QSignalSpy progressed(dialog.findChild<PredictionTask*>(), &PredictionTask::progressed);
        dialog.setInputs({m_dir.filePath("colours/test")});
        dialog.predict();
        QPushButton* predict = buttonNamed(dialog, "Stop"); // while it runs
        QVERIFY(predict && predict->isEnabled());
        QVERIFY(finished.wait(30000));
        QCOMPARE(predict->text(), QString("Predict"));
        QCOMPARE(progressed.size(), 1);
        QCOMPARE(progressed.first(), (QVariantList{qulonglong{6}, qulonglong{6}}));
        QVERIFY2(dialog.prediction(), qPrintable(statusOf(dialog)));
        QVERIFY2(statusOf(dialog).startsWith("6 images classified by run 1's best epoch"),
                 qPrintable(statusOf(dialog)));
        // test/<colour>/: each image's folder is its label.
        const tb::engine::LabelAgreement agreement = labelAgreement(dialog.prediction()->images);
        QCOMPARE(agreement.labelled, std::size_t{6});
        QVERIFY2(statusOf(dialog).contains(
                     QString(" %1 of the 6 labelled ones are right (").arg(agreement.right)),
                 qPrintable(statusOf(dialog)));

        QTableView* table = only<QTableView>(dialog);
        QVERIFY(table && table->isVisibleTo(&dialog));
        QVERIFY(!table->isColumnHidden(ImageClassesModel::Label));
        const QAbstractItemModel* rows = table->model();
        QCOMPARE(rows->rowCount(), 6);
        QCOMPARE(rows->headerData(ImageClassesModel::Probability, Qt::Horizontal).toString(),
                 QString("Probability"));
        QCOMPARE(rows->index(0, ImageClassesModel::File).data().toString(), QString("blue/0.png"));
        QCOMPARE(rows->index(0, ImageClassesModel::Label).data().toString(), QString("blue"));
        QVERIFY(rows->index(0, ImageClassesModel::Probability).data().toString().endsWith('%'));
        for (int row = 0; row < rows->rowCount(); ++row) {
            const bool right = rows->index(row, ImageClassesModel::Class).data() ==
                               rows->index(row, ImageClassesModel::Label).data();
            QCOMPARE(rows->index(row, ImageClassesModel::Class).data(Qt::ForegroundRole).isValid(),
                     !right);
        }
        // The thumbnails come from worker threads.
        QTRY_VERIFY_WITH_TIMEOUT(!rows->index(0, 0).data(Qt::DecorationRole).isNull(), 10000);

        const QString saved = m_dir.filePath("classes.csv");
        QString error;
        QVERIFY2(dialog.saveCsv(saved, error), qPrintable(error));
        QFile file(saved);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().toStdString(), predictionCsv(*dialog.prediction()));
    }

    void anIdxClassifierStartsFromItsTestImagesFile() {
        const QString t10k = m_dir.filePath("idx/t10k-images-idx3-ubyte.gz");
        // Trained on a GPU, which this machine may lack: the CPU then.
        PredictDialog dialog({m_db, m_idxClassifier, "Run 3 'digits'", "idx", t10k, "cuda:7"});
        const QComboBox* device = dialog.findChild<QComboBox*>("device");
        QVERIFY(device && device->count() >= 1);
        QCOMPARE(device->currentData().toString(), QString("cpu"));
        QVERIFY2(device->toolTip().endsWith("cuda:7, which cannot be used here"),
                 qPrintable(device->toolTip()));
        QSignalSpy finished(&dialog, &PredictDialog::finished);
        dialog.predict();
        QVERIFY(finished.wait(30000));
        QVERIFY2(dialog.prediction(), qPrintable(statusOf(dialog)));
        QCOMPARE(dialog.prediction()->images.size(), std::size_t{20});
        QVERIFY2(statusOf(dialog).contains("labelled ones are right") &&
                     statusOf(dialog).contains("Labels of 20 images from " +
                                               m_dir.filePath("idx/t10k-labels-idx1-ubyte.gz")),
                 qPrintable(statusOf(dialog)));

        QTableView* table = only<QTableView>(dialog);
        const QAbstractItemModel* rows = table->model();
        QCOMPARE(rows->rowCount(), 20);
        // In the file's order, not the text's ("#10" before "#2").
        QCOMPARE(rows->index(2, ImageClassesModel::File).data().toString(),
                 QString("t10k-images-idx3-ubyte.gz #2"));
        QCOMPARE(rows->index(2, ImageClassesModel::Label).data().toString(), QString("2"));
        // Drawn from the file read beside the prediction, not decoded per row.
        QVERIFY(!rows->index(2, ImageClassesModel::File).data(Qt::DecorationRole).isNull());

        // One epoch on 60 images leaves mistakes to look at, and only those on asking.
        const tb::engine::LabelAgreement agreement = labelAgreement(dialog.prediction()->images);
        const auto mistakes = static_cast<int>(agreement.labelled - agreement.right);
        QVERIFY(mistakes > 0);
        QCheckBox* only = dialog.findChild<QCheckBox*>();
        QVERIFY(only && only->isVisibleTo(&dialog));
        QCOMPARE(only->text(), QString("Only the %1 wrong").arg(mistakes));
        only->setChecked(true);
        QCOMPARE(rows->rowCount(), mistakes);
        for (int row = 0; row < rows->rowCount(); ++row)
            QVERIFY(rows->index(row, ImageClassesModel::Class).data() !=
                    rows->index(row, ImageClassesModel::Label).data());
        // A problem next: nothing to filter, and no filter left on.
        dialog.setInputs({m_dir.filePath("nothing here")});
        dialog.predict();
        QVERIFY(finished.wait(30000));
        QVERIFY(!only->isVisibleTo(&dialog) && !only->isChecked());
    }

    void aRunOfNoEpochsPredictsWithTheWeightsItTested() {
        PredictDialog dialog({m_db, m_forecaster, "Run 4 'tested'", "csv", m_csv, "cpu", true});
        const QComboBox* weights = dialog.findChild<QComboBox*>("weights");
        QVERIFY(weights && !weights->isEnabled());
        QCOMPARE(weights->currentText(), QString("The weights it tested"));
    }

    void eachKindStartsFromItsTestFiles() {
        Config config(experimentSchema());
        config.set("data.root", m_dir.filePath("idx").toStdString());
        QCOMPARE(startingPredictionInput(config), m_dir.filePath("idx/t10k-images-idx3-ubyte.gz"));
        config.set("data.kind", std::string("folder"));
        config.set("data.root", m_dir.filePath("colours").toStdString());
        QCOMPARE(startingPredictionInput(config), m_dir.filePath("colours/test"));
        config.set("data.root", m_dir.filePath("colours/train").toStdString());
        QCOMPARE(startingPredictionInput(config), QString());
        config.set("data.kind", std::string("csv"));
        config.set("data.path", m_csv.toStdString());
        QCOMPARE(startingPredictionInput(config), m_csv);
    }

    void filesDroppedOnTheDialogArePredictedOn() {
        PredictDialog dialog({m_db, m_classifier, "Run 1 'colours'", "folder", {}, "cpu"});
        QSignalSpy finished(&dialog, &PredictDialog::finished);
        QMimeData dragged;
        dragged.setUrls({QUrl::fromLocalFile(m_dir.filePath("colours/test/red/0.png")),
                         QUrl::fromLocalFile(m_dir.filePath("colours/test/green"))});
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &dragged, Qt::LeftButton, {});
        // Straight to the dialog: QApplication hands a drop only to the target of a real drag.
        static_cast<QObject&>(dialog).event(&drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(finished.wait(30000));
        QVERIFY2(dialog.prediction(), qPrintable(statusOf(dialog)));
        QCOMPARE(dialog.prediction()->images.size(), std::size_t{3});
    }

    void aProblemShowsInPlaceOfTheResult() {
        PredictDialog dialog({m_db, m_classifier, "Run 1 'colours'", "folder", {}, "cpu"});
        QSignalSpy finished(&dialog, &PredictDialog::finished);
        dialog.setInputs({m_dir.filePath("nothing here")});
        dialog.predict();
        QVERIFY(finished.wait(30000));
        QVERIFY(!dialog.prediction());
        QVERIFY2(statusOf(dialog).contains("nothing here does not exist"),
                 qPrintable(statusOf(dialog)));
        QVERIFY(!only<QTableView>(dialog)->isVisibleTo(&dialog));
        QString error;
        QVERIFY(!dialog.saveCsv(m_dir.filePath("none.csv"), error));
    }

    void aForecasterDrawsItsForecastAfterTheRowsItRead() {
        PredictDialog dialog({m_db, m_forecaster, "Run 2 'load'", "csv", m_csv, "cpu"});
        QSignalSpy finished(&dialog, &PredictDialog::finished);
        // Its training file to begin with; two rows before its end.
        dialog.setForecastFrom("2021-03-13 09:00");
        dialog.predict();
        QVERIFY(finished.wait(30000));
        QVERIFY2(dialog.prediction(), qPrintable(statusOf(dialog)));
        const ForecastPlot* plot = only<ForecastPlot>(dialog);
        QVERIFY(plot && plot->isVisibleTo(&dialog));
        QCustomPlot* chart = plot->plot();
        QCOMPARE(chart->graph(0)->dataCount(), 24); // the rows read
        QCOMPARE(chart->graph(1)->dataCount(), 2);  // the file's two rows after them
        QCOMPARE(chart->graph(2)->dataCount(), 6);  // the forecast
        QCOMPARE(chart->yAxis->label(), QString("OT"));
        const QString summary = plot->findChild<QLabel*>("summary")->text();
        QVERIFY2(summary.contains("up to 2021-03-13 09:00:00; 6 forecast, 2021-03-13 10:00:00 "
                                  "\u2013 2021-03-13 15:00:00. The file has the actual values "
                                  "of the first 2 rows."),
                 qPrintable(summary));
    }

private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_csv;
    qint64 m_classifier = 0;
    qint64 m_forecaster = 0;
    qint64 m_idxClassifier = 0;
};

QTEST_MAIN(TestPredictDialog)
#include "tst_predictdialog.moc"
