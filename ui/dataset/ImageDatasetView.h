// An image dataset: its splits, a grid of labelled samples and the label histogram.
#pragma once

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QListView;

namespace tb::ui {

class TitleLabel;
struct ImageDataset;
struct ImageSplit;
class ImageFileCheck;
class LabelHistogram;
class SampleGridModel;
class SplitBar;

/// Shows one ImageDataset: the split sizes (IDX: the train files divided into training and
/// validation by `data.val_fraction`, as the engine will; an image folder: its splits as the
/// engine dealt them, each with where it comes from), a grid of samples of the chosen split
/// and class with their labels, and the samples per class of every split.
class ImageDatasetView : public QWidget {
    Q_OBJECT
public:
    explicit ImageDatasetView(QWidget* parent = nullptr);
    ~ImageDatasetView() override;

    void setDataset(std::shared_ptr<const ImageDataset> dataset);
    /// The share of the train files the engine holds out for validation.
    void setValFraction(double fraction);

    QListView* grid() const { return m_grid; }
    SampleGridModel* samples() const { return m_samples; }
    /// "96 samples", and of an image folder how many of its files were read, and how many
    /// cannot be: training would refuse the folder.
    QLabel* countLabel() const { return m_count; }

    /// `pets — 3 classes, 1,200 images seen by the model as 64×64 RGB — /data/pets`
    QString title() const;

private:
    QString splitName(const ImageSplit& split) const;
    /// The split chooser's text: `Validation (10% held out of train/)`
    QString splitChoice(const ImageSplit& split) const;
    void showSamples();
    void updateCount();
    void updateSplitBar();

    std::shared_ptr<const ImageDataset> m_dataset;
    double m_valFraction = 0.0;
    TitleLabel* m_title;
    SplitBar* m_splitBar;
    QComboBox* m_split;
    QComboBox* m_class;
    QLabel* m_count;
    QListView* m_grid;
    SampleGridModel* m_samples;
    ImageFileCheck* m_fileCheck;
    LabelHistogram* m_histogram;
};

} // namespace tb::ui
