// Every device the engine reports, to pick where to train.
#pragma once

#include <QTimer>
#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;

namespace tb::ui {

class ConfigDocument;

/// Lists listDevices() with name, memory (free of total) and utilization, refreshed while
/// visible. A device that cannot be used is greyed out with the engine's reason, on lines as
/// wide as the list. Choosing
/// a device sets the config's `device`; a device set elsewhere is selected here.
class DevicePicker : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 3000;

    explicit DevicePicker(ConfigDocument& document, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }
    /// Reads the device list again.
    void refresh();

    QSize sizeHint() const override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void selectConfiguredDevice();
    void wrapReasons();
    void onItemClicked(QTreeWidgetItem* item);

    ConfigDocument& m_document;
    QTreeWidget* m_tree;
    QTimer m_refreshTimer;
};

} // namespace tb::ui
