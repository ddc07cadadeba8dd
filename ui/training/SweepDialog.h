// Choosing the config values a sweep trains every combination of.
#pragma once

#include "engine/config/Config.h"
#include "engine/config/SweepGrid.h"

#include <QDialog>
#include <QStringList>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QVBoxLayout;

namespace tb::ui {

/// Rows of a field and its comma-separated values over the editor's config, and the list of
/// runs they make with each run's problems, checked as the user types. Train is enabled only
/// when every run is valid. The rows are remembered for the next sweep.
class SweepDialog : public QDialog {
    Q_OBJECT
public:
    /// The largest sweep the dialog starts: each run is trained after the one before.
    static constexpr int kMaxRuns = 1000;

    SweepDialog(const tb::engine::Config& base, const QString& baseTitle,
                QWidget* parent = nullptr);

    /// `key=v1,v2` per row with a field or values.
    QStringList axes() const;
    /// Replaces the rows with these `key=v1,v2` axes.
    void setAxes(const QStringList& axes);
    /// Every combination, each valid once the dialog is accepted.
    const std::vector<tb::engine::SweepRun>& runs() const { return m_runs; }
    /// The tag the user gave the sweep's runs; empty: the default, `sweep-` and the time.
    QString tag() const;
    QString problem() const { return m_problem; }

    void accept() override;

private:
    struct AxisRow {
        QWidget* widget;
        QComboBox* field;
        QLineEdit* values;
    };

    void addRow(const QString& key = {}, const QString& values = {});
    void removeRow(QWidget* row);
    void onFieldChosen(const AxisRow& row);
    void updateRuns();
    void showRuns();

    const tb::engine::Config m_base;
    QStringList m_fieldKeys;
    std::vector<AxisRow> m_rows;
    QVBoxLayout* m_rowLayout;
    QLabel* m_summary;
    QListWidget* m_list;
    QLineEdit* m_tag;
    QPushButton* m_train;
    std::vector<tb::engine::SweepRun> m_runs;
    QString m_problem; ///< what keeps the sweep from starting; empty when it can
};

} // namespace tb::ui
