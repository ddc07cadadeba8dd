#include "ui/charts/TestFigures.h"

#include "ui/charts/MetricChart.h"
#include "ui/trace/RunTrace.h"
#include "ui/util/Format.h"

#include <algorithm>
#include <vector>

namespace tb::ui {

namespace {

const QString kTestPrefix = QStringLiteral("test/");

} // namespace

TestFigures::TestFigures(QWidget* parent)
    : QLabel(parent) {
    setObjectName(QStringLiteral("testFigures"));
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
}

bool TestFigures::testedOnly(const RunTrace& trace) {
    const auto& metrics = trace.metrics();
    return !trace.info().testedWeights.isEmpty() &&
           std::any_of(metrics.begin(), metrics.end(),
                       [](const auto& series) { return series.first.startsWith(kTestPrefix); });
}

void TestFigures::showFigures(const RunTrace& trace) {
    std::vector<std::pair<QString, double>> figures;
    for (const auto& [name, series] : trace.metrics())
        if (name.startsWith(kTestPrefix) && series.size() > 0)
            figures.emplace_back(MetricChart::metricOf(name), series.value.back());
    std::stable_sort(figures.begin(), figures.end(), [](const auto& a, const auto& b) {
        return MetricChart::rankOf(a.first) < MetricChart::rankOf(b.first);
    });
    QString rows;
    for (const auto& [metric, value] : figures)
        rows += QStringLiteral("<tr><td>%1</td><td align='right'><b>%2</b></td></tr>")
                    .arg(MetricChart::titleOf(metric).toHtmlEscaped(), formatMetric(value));
    setText(tr("<p style='font-size:large'>Run %1 trained no epoch: it tested the weights of "
               "%2.</p>"
               "<p>On its test split they score:</p>"
               "<table cellpadding='4' align='center'>%3</table>"
               "<p>Right-click the run in the Runs panel to predict with them or to test them on "
               "other data.</p>")
                .arg(trace.info().runId)
                .arg(trace.info().testedWeights.toHtmlEscaped(), rows));
}

} // namespace tb::ui
