// The one legend of compared runs, shared by every chart: a colour and a name per run.
#pragma once

#include <QScrollArea>
#include <QStringList>
#include <vector>

class QCheckBox;

namespace tb::ui {

class FlowLayout;
class RunTrace;

/// The compared runs on one line (wrapped onto more when narrow, scrolled past kMaxLines), each
/// ticked and beside a sample of its line in every chart. Charts of many runs keep their plots
/// clear this way: a legend inside each chart would cover most of it. Unticking a run hides it
/// in every chart; an entry's context menu shows that run alone, or every run again.
class RunLegend : public QScrollArea {
    Q_OBJECT
public:
    static constexpr int kMaxLines = 4;

    explicit RunLegend(QWidget* parent = nullptr);

    /// Lists `traces` (not owned), every run ticked.
    void setTraces(const std::vector<const RunTrace*>& traces);
    /// The labels listed, in run order.
    QStringList labels() const;
    /// Whether run `run` is ticked; true for a run it does not list.
    bool isRunShown(int run) const;
    /// Ticks or unticks run `run`, as a click does.
    void setRunShown(int run, bool shown);
    /// Ticks run `run` alone, or every run for -1.
    void showOnly(int run);

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;

Q_SIGNALS:
    void runShownChanged(int run, bool shown);

protected:
    void changeEvent(QEvent* event) override;

private:
    void paintSwatches();

    QWidget* m_list;
    FlowLayout* m_flow;
    std::vector<QCheckBox*> m_entries;
};

} // namespace tb::ui
