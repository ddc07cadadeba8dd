// Applying a trained run's model to new files from the desktop app.
#pragma once

#include "engine/inference/Prediction.h"
#include "ui/predict/ImageClassesModel.h"

#include <QDialog>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace tb::ui {

class ForecastPlot;
class PredictionTask;

/// The run a PredictDialog predicts with.
struct PredictingRun {
    QString databasePath; ///< its workspace
    qint64 id = 0;
    QString title;         ///< `Run 7 'cnn'`
    QString dataKind;      ///< `csv` forecasts, the others classify
    QString startingInput; ///< predicted on to begin with (startingPredictionInput()); or none
    QString device;        ///< where it trained: predicted on there too where it can be used
    /// It trained no epoch: it predicts with the weights it tested (model.init_from's), and
    /// offers no choice of checkpoint.
    bool testedOnly = false;
};

/// What a run applies its weights to and what it made of them. A classifier takes image files,
/// folders or IDX images files (its test images to begin with) and lists each image with its
/// class, and against its label where the image has one; a forecaster takes a CSV (its
/// training file to begin with) and a date to forecast from, and draws the forecast after the
/// rows it read. Files dropped on it are predicted on at once. The prediction runs on a thread of
/// its own, counting the images done, and Stop ends it after the batch under way (so does closing
/// the dialog); Save CSV writes what `trainbench-cli predict` writes.
class PredictDialog : public QDialog {
    Q_OBJECT
public:
    /// The device list offers the usable devices (tb::engine::listDevices()), the run's own
    /// chosen where it is one of them, else the CPU.
    explicit PredictDialog(const PredictingRun& run, QWidget* parent = nullptr);
    ~PredictDialog() override;

    /// The files predicted on next: image files or folders, or one CSV.
    void setInputs(const QStringList& inputs);
    /// A forecaster's date of the last row read; empty: the file's last row.
    void setForecastFrom(const QString& date);
    /// Predicts with the inputs set; the result or the problem shows when it is done.
    void predict();
    /// The last prediction; null before the first or after a failure.
    std::shared_ptr<const tb::engine::Prediction> prediction() const { return m_prediction; }
    /// Writes the last prediction as CSV to `path`; false with `error` set when it cannot.
    bool saveCsv(const QString& path, QString& error) const;

Q_SIGNALS:
    /// A prediction ended, with a result or a problem.
    void finished();

protected:
    /// Files and folders dropped on the dialog become its inputs and are predicted on.
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    bool forecasts() const { return m_run.dataKind == QLatin1String("csv"); }
    QWidget* createInputRow();
    void listDevices();
    void chooseImages();
    void chooseFolder();
    void chooseCsv();
    /// Predict while none is under way, otherwise stop the one that is.
    void predictOrStop();
    void showProgress(qulonglong done, qulonglong total);
    void showPrediction(std::shared_ptr<const tb::engine::Prediction> prediction,
                        std::shared_ptr<const IdxImageFiles> idxFiles);
    void showProblem(const QString& message, bool stopped);
    /// A check box to show only the images whose label is not their class; none for 0.
    void offerMistakesOnly(std::size_t mistakes);
    void readyForTheNext();
    void askWhereToSave();

    const PredictingRun m_run;
    std::shared_ptr<const tb::engine::Prediction> m_prediction;
    PredictionTask* m_task;
    QLineEdit* m_inputText;
    QLineEdit* m_from = nullptr;
    QComboBox* m_weights;
    QComboBox* m_device;
    QPushButton* m_predict;
    QLabel* m_status;
    QCheckBox* m_mistakesOnly; ///< shows the labelled images given another class only
    QStackedWidget* m_results;
    ImageClassesModel* m_classes;
    QSortFilterProxyModel* m_shownClasses;
    QTableView* m_classesView;
    ForecastPlot* m_forecast;
    QPushButton* m_save;
};

} // namespace tb::ui
