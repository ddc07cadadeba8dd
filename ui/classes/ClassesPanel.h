// A finished image-classification run's test predictions: which classes it takes for which,
// and the images it gets wrong.
#pragma once

#include "ui/classes/ConfusionHeatMap.h"
#include "ui/classes/RunClasses.h"
#include "ui/dataset/ModelImage.h"

#include <QWidget>
#include <memory>

class QCheckBox;
class QLabel;
class QListView;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace tb::ui {

class CellSamplesModel;
class ClassScoresModel;
struct ImageSplit;
class Workspace;

/// Shows a finished classifier's test pass: the confusion matrix as a heat map (counts or
/// shares of the true class), the scores of every class, and the test images of the selected
/// cell, the most confident mistakes first. Showing a run selects its most common confusion;
/// a row of the scores selects its class's. The test images come from the IDX file or the
/// image files the run recorded. Without them (the file or folder moved) the matrix and
/// scores still show and the images' place says why; a single missing file is crossed out.
class ClassesPanel : public QWidget {
    Q_OBJECT
public:
    explicit ClassesPanel(Workspace& workspace, QWidget* parent = nullptr);
    ~ClassesPanel() override;

    /// Shows run `runId`'s test predictions, or a message saying why there are none; true when
    /// it drew them.
    bool showRun(qint64 runId);
    qint64 runId() const { return m_runId; }
    /// The predictions shown; null while a message is shown instead.
    const RunClasses* classes() const { return m_classes.get(); }
    /// The test images; null when they cannot be read (imagesMessage() says why).
    const ImageSplit* images() const { return m_images.get(); }

    ConfusionHeatMap* heatMap() const { return m_heatMap; }
    QCheckBox* sharesBox() const { return m_shares; }
    QToolButton* copyButton() const { return m_copy; }
    QTableView* scoresView() const { return m_scoresView; }
    QListView* samplesView() const { return m_grid; }
    CellSamplesModel* samples() const { return m_samples; }
    QLabel* titleLabel() const { return m_title; }
    QLabel* messageLabel() const { return m_message; }
    QLabel* samplesHeader() const { return m_samplesHeader; }
    QLabel* imagesMessage() const { return m_imagesMessage; }

    QSize sizeHint() const override;

private:
    QToolButton* createCopyButton();
    QWidget* createScores();
    QWidget* createSamples();
    bool showMessage(const QString& text);
    /// How run `runId`'s model saw its image files, by its config.
    ImageLook runImageLook(qint64 runId) const;
    void showClasses(std::unique_ptr<RunClasses> classes, const QString& title,
                     const ImageLook& look);
    /// Sizes the grid's cells for the thumbnails of the images shown.
    void fitGridToThumbnails();
    /// Lets the views go of the predictions shown, before they are replaced.
    void detachViews();
    void showCell(int trueClass, int predictedClass);
    /// Selects the cell of class `c`'s most common mistake (its diagonal when it has none).
    void selectClass(int c);

    Workspace& m_workspace;
    qint64 m_runId = 0;
    std::unique_ptr<RunClasses> m_classes;
    std::unique_ptr<ImageSplit> m_images;

    QWidget* m_header;
    QLabel* m_title;
    QCheckBox* m_shares;
    QToolButton* m_copy;
    QLabel* m_message;
    QWidget* m_content;
    ConfusionHeatMap* m_heatMap;
    ClassScoresModel* m_scores;
    QSortFilterProxyModel* m_scoresProxy;
    QTableView* m_scoresView;
    QLabel* m_samplesHeader;
    QLabel* m_imagesMessage;
    CellSamplesModel* m_samples;
    QListView* m_grid;
};

} // namespace tb::ui
