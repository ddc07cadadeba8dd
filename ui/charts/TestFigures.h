// The figures of a run that trained no epoch (a test of model.init_from's weights), listed
// where its charts would be: a chart of one point says nothing.
#pragma once

#include <QLabel>

namespace tb::ui {

class RunTrace;

class TestFigures : public QLabel {
    Q_OBJECT
public:
    explicit TestFigures(QWidget* parent = nullptr);

    /// Whether `trace` is such a run's, with its test figures in.
    static bool testedOnly(const RunTrace& trace);
    /// Lists `trace`'s test figures, loss first.
    void showFigures(const RunTrace& trace);
};

} // namespace tb::ui
