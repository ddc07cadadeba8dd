// Browse the configured dataset and any dataset opened by hand.
#pragma once

#include "ui/dataset/FolderImageSet.h"

#include <QTimer>
#include <QWidget>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QStackedWidget;
class QThread;

namespace tb::engine {
struct CsvSplitOptions;
}

namespace tb::ui {

class ConfigDocument;
class CsvDatasetView;
class ImageDatasetView;
struct CsvDataset;

/// A source picker (the config's dataset first: data.path for data.kind `csv`, data.root
/// otherwise; then whatever was opened) over one viewer page per kind of data: image datasets
/// (IDX, or a folder of images in a subfolder per class, split by the config's fractions and
/// seed) show in an ImageDatasetView, time-series tables (`.csv`) in a CsvDatasetView. Files
/// are read on a worker thread, and only while the browser is visible. A table with missing
/// or non-numeric cells is shown with them as NaN while the status line says that training
/// would refuse it and why.
class DatasetBrowser : public QWidget {
    Q_OBJECT
public:
    explicit DatasetBrowser(ConfigDocument& document, QWidget* parent = nullptr);
    ~DatasetBrowser() override;

    /// Adds a dataset file or folder to the sources and shows it.
    void openPath(const QString& path);
    void openDialog();

    ImageDatasetView* imageView() const { return m_images; }
    CsvDatasetView* csvView() const { return m_csv; }
    bool isLoading() const { return m_loader != nullptr; }
    /// The status line: what is shown, what is loading, or why it cannot be shown.
    QString statusText() const;

    QSize sizeHint() const override;

Q_SIGNALS:
    /// A load finished (shown, or failed with the reason in statusText()).
    void loadFinished();

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct LoadJob;

    void syncConfiguredSource();
    /// How to read `path`, the current source, as a folder of image files; nothing when it is
    /// not one (IDX files, a CSV table).
    std::optional<FolderImageOptions> imageFolderOptions(const QString& path) const;
    void loadCurrentSource();
    void finishLoad();
    /// Progress shows, Shown is kept for statusText() but hidden (the page's header says
    /// what is shown), Problem is tinted like the config's "cannot train yet" banner.
    enum class Status { Progress, Shown, Problem };

    void showTable(std::shared_ptr<const CsvDataset> table);
    void showMessage(const QString& message);
    void showStatus(const QString& text, Status status);
    void openFileDialog(const QString& title, const QString& filters);
    tb::engine::CsvSplitOptions csvOptions() const;

    ConfigDocument& m_document;
    QComboBox* m_sources;
    QLabel* m_status;
    QStackedWidget* m_pages;
    QLabel* m_message;
    ImageDatasetView* m_images;
    CsvDatasetView* m_csv;
    QThread* m_loader = nullptr;
    std::shared_ptr<LoadJob> m_job;
    QString m_shownKey; // the LoadJob::key shown, so that the same files are not read twice
    QTimer m_configDebounce;
};

} // namespace tb::ui
