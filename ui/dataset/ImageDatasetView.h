// An image dataset: its splits, a grid of labelled samples and the label histogram.
#pragma once

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QListView;

namespace tb::ui {

struct ImageDataset;
class LabelHistogram;
class SampleGridModel;
class SplitBar;

/// Shows one ImageDataset: the split sizes (the train files divided into training and
/// validation by `data.val_fraction`, as the engine will), a grid of samples of the chosen
/// split and class with their labels, and the samples per class of every split.
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

private:
    void showSamples();
    void updateSplitBar();

    std::shared_ptr<const ImageDataset> m_dataset;
    double m_valFraction = 0.0;
    QLabel* m_title;
    SplitBar* m_splitBar;
    QComboBox* m_split;
    QComboBox* m_class;
    QLabel* m_count;
    QListView* m_grid;
    SampleGridModel* m_samples;
    LabelHistogram* m_histogram;
};

} // namespace tb::ui
