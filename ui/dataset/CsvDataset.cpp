#include "ui/dataset/CsvDataset.h"

#include "engine/data/DataError.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <algorithm>
#include <iterator>
#include <map>
#include <new>

namespace tb::ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("tb::ui::CsvDataset", text);
}

/// `hourly`, `every 15 min`, `every 2 h`, `daily`, `every 3 d`, `weekly`.
QString stepName(qint64 stepS) {
    constexpr qint64 kMinute = 60;
    constexpr qint64 kHour = 3600;
    constexpr qint64 kDay = 86400;
    if (stepS == 1)
        return tr("every second");
    if (stepS == kMinute)
        return tr("every minute");
    if (stepS == kHour)
        return tr("hourly");
    if (stepS == kDay)
        return tr("daily");
    if (stepS == 7 * kDay)
        return tr("weekly");
    if (stepS % kDay == 0)
        return tr("every %1 d").arg(stepS / kDay);
    if (stepS % kHour == 0)
        return tr("every %1 h").arg(stepS / kHour);
    if (stepS % kMinute == 0)
        return tr("every %1 min").arg(stepS / kMinute);
    return tr("every %1 s").arg(stepS);
}

bool isMonthStep(qint64 stepS) {
    constexpr qint64 kDay = 86400;
    return stepS >= 28 * kDay && stepS <= 31 * kDay;
}

} // namespace

QString CsvDataset::fileName() const {
    return QFileInfo(QString::fromStdString(table.path)).fileName();
}

std::vector<double> CsvDataset::columnValues(std::size_t column) const {
    const std::size_t columns = table.columns.size();
    const auto rows = static_cast<std::size_t>(table.rows());
    std::vector<double> out(rows);
    for (std::size_t r = 0; r < rows; ++r)
        out[r] = table.values[r * columns + column];
    return out;
}

bool loadCsvDataset(const QString& path, CsvDataset& out, QString& error) {
    try {
        tb::engine::LenientCsvTable read = tb::engine::readCsvTableLenient(path.toStdString());
        out.table = std::move(read.table);
        out.problems = std::move(read.problems);
        out.problemCount = read.problemCount;
    } catch (const tb::engine::DataError& e) {
        error = QString::fromStdString(e.what());
        return false;
    } catch (const std::bad_alloc&) {
        error = tr("%1 is too large to browse in the memory left; close other programs or open "
                   "a smaller file")
                    .arg(path);
        return false;
    }
    out.stats = tb::engine::columnStats(out.table);
    out.timeS.reserve(out.table.dates.size());
    for (const tb::engine::DateTime& date : out.table.dates)
        out.timeS.push_back(static_cast<double>(date.secondsSinceEpoch()));
    return true;
}

QString describeRowSpacing(const std::vector<double>& timeS) {
    if (timeS.size() < 2)
        return {};
    std::map<qint64, qint64> stepCounts;
    bool monthly = true;
    for (std::size_t i = 1; i < timeS.size(); ++i) {
        const auto step = static_cast<qint64>(timeS[i] - timeS[i - 1]);
        ++stepCounts[step];
        monthly = monthly && isMonthStep(step);
    }
    if (monthly)
        return tr("monthly");
    const auto usual =
        std::max_element(stepCounts.begin(), stepCounts.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    const auto steps = static_cast<qint64>(timeS.size() - 1);
    // A usual step that less than half the rows keep says nothing about the file.
    if (usual->second * 2 < steps)
        return tr("irregular");
    const QString name = stepName(usual->first);
    const qint64 irregular = steps - usual->second;
    if (irregular == 0)
        return name;
    // The steps longer than the usual one are gaps: missing rows.
    qint64 gaps = 0;
    for (auto it = std::next(usual); it != stepCounts.end(); ++it)
        gaps += it->second;
    const QString count = QLocale().toString(irregular);
    if (gaps == irregular)
        return irregular == 1 ? tr("%1, 1 gap").arg(name) : tr("%1, %2 gaps").arg(name, count);
    return irregular == 1 ? tr("%1, 1 irregular step").arg(name)
                          : tr("%1, %2 irregular steps").arg(name, count);
}

} // namespace tb::ui
