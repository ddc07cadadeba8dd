// Browse the configured dataset and any dataset opened by hand.
#pragma once

#include <QTimer>
#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QStackedWidget;
class QThread;

namespace tb::ui {

class ConfigDocument;
class ImageDatasetView;

/// A source picker (the config's data folder first, then whatever was opened) over one
/// viewer page per kind of data; image datasets (IDX) show in an ImageDatasetView. A new
/// kind (CSV tables) is one more page and one more branch in the loader. Files are read on a
/// worker thread, and only while the browser is visible.
class DatasetBrowser : public QWidget {
    Q_OBJECT
public:
    explicit DatasetBrowser(ConfigDocument& document, QWidget* parent = nullptr);
    ~DatasetBrowser() override;

    /// Adds a dataset file or folder to the sources and shows it.
    void openPath(const QString& path);
    void openDialog();

    ImageDatasetView* imageView() const { return m_images; }
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
    void loadCurrentSource();
    void finishLoad();
    void showMessage(const QString& message);

    ConfigDocument& m_document;
    QComboBox* m_sources;
    QLabel* m_status;
    QStackedWidget* m_pages;
    QLabel* m_message;
    ImageDatasetView* m_images;
    QThread* m_loader = nullptr;
    std::shared_ptr<LoadJob> m_job;
    QString m_shownPath;
    QTimer m_configDebounce;
};

} // namespace tb::ui
