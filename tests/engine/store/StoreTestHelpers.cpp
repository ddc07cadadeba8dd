#include "StoreTestHelpers.h"

#include "engine/store/RunStore.h"

#include <QDir>
#include <sqlite3.h>
#include <stdexcept>

namespace tb::test {

namespace {

/// A plain sqlite3 connection closed on scope exit.
class RawConnection {
public:
    explicit RawConnection(const std::string& path) {
        if (sqlite3_open(path.c_str(), &m_db) != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(m_db);
            sqlite3_close(m_db);
            throw std::runtime_error(path + ": " + message);
        }
    }
    ~RawConnection() { sqlite3_close(m_db); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    sqlite3* get() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

} // namespace

void execSql(const std::string& path, const std::string& sql) {
    RawConnection db(path);
    char* error = nullptr;
    if (sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw std::runtime_error(path + ": " + sql + ": " + message);
    }
}

std::int64_t queryInt(const std::string& path, const std::string& sql) {
    RawConnection db(path);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        throw std::runtime_error(path + ": " + sql + ": " + sqlite3_errmsg(db.get()));
    }
    const std::int64_t value =
        sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : 0;
    sqlite3_finalize(statement);
    return value;
}

QString storeErrorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const engine::StoreError& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

QStringList filesIn(const QString& folder) {
    return QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                                  QDir::Name);
}

engine::RunRecord sampleRun(const std::string& name, const std::string& createdAt) {
    engine::RunRecord run;
    run.name = name;
    run.createdAt = createdAt;
    run.device = "cuda:0";
    run.configYaml = "name: " + name + "\ntrain:\n  epochs: 3\n";
    run.configHash = "sha256:" + name;
    run.seed = 42;
    run.torchVersion = "1.13.1";
    run.threads = 8;
    run.host = "gpu-box";
    run.notes = "notes of " + name;
    run.tags = "baseline,etth1";
    run.starred = true;
    return run;
}

engine::StepMetrics stepMetrics(std::int64_t runId, std::int64_t step, double loss) {
    engine::StepMetrics event;
    event.runId = runId;
    event.step = step;
    event.epoch = 1 + (step - 1) / 100;
    event.wallTimeS = 0.5 * static_cast<double>(step);
    event.samplesPerSec = 1000.0 + static_cast<double>(step);
    event.values = {{"train/loss", loss}, {"train/lr", 0.001}};
    return event;
}

} // namespace tb::test
