#include "ui/dataset/CsvSplitRegions.h"

#include <QCoreApplication>
#include <algorithm>

namespace tb::ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("tb::ui::CsvSplitRegions", text);
}

QString issueText(const tb::engine::ConfigIssue& issue) {
    return QString::fromStdString(issue.field + ": " + issue.message);
}

} // namespace

std::vector<CsvSplitRegion> csvSplitRegions(const tb::engine::CsvTable& table,
                                            const tb::engine::CsvSplitOptions& options,
                                            QString& problem) {
    problem.clear();
    for (const tb::engine::ConfigIssue& issue : tb::engine::checkCsvOptions(table, options)) {
        if (issue.field == "data.split") {
            problem = issueText(issue);
            return {};
        }
        if (issue.field == "data.seq_len")
            problem = issueText(issue);
    }
    const auto plan = tb::engine::planSplits(table, options);
    const qint64 rows = table.rows();
    // Validation and test begin seq_len rows early for their first input window; the rows
    // they forecast start where the split before ends.
    const qint64 trainEnd = plan[0].end;
    const qint64 valEnd = plan[1].end;
    const qint64 testEnd = plan[2].end;
    std::vector<CsvSplitRegion> regions{
        {QStringLiteral("train"), tr("Train"), 0, trainEnd, false},
        {QStringLiteral("val"), tr("Validation"), trainEnd, valEnd, false},
        {QStringLiteral("test"), tr("Test"), valEnd, testEnd, false},
    };
    if (testEnd < rows)
        regions.push_back({QStringLiteral("unused"), tr("Unused"), testEnd, rows, false});
    const auto lookBack = [&](const QString& split, const QString& label, qint64 begin,
                              qint64 border) {
        if (std::max<qint64>(begin, 0) < border)
            regions.push_back({split, label, std::max<qint64>(begin, 0), border, true});
    };
    lookBack(QStringLiteral("val"), tr("Validation look-back"), plan[1].begin, trainEnd);
    lookBack(QStringLiteral("test"), tr("Test look-back"), plan[2].begin, valEnd);
    return regions;
}

} // namespace tb::ui
