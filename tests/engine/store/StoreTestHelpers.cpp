#include "StoreTestHelpers.h"

#include "engine/store/Migrations.h"
#include "engine/store/RunStore.h"
#include "engine/store/SqlDatabase.h"

#include <QDir>
#include <sqlite3.h>
#include <sstream>
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

std::string runName(const ForecastRun& run) {
    return run.model + "-" + run.dataset + "-" + std::to_string(run.predLen);
}

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

void writeOlderStore(const std::string& path, std::size_t version, const std::string& sql) {
    engine::sql::Database db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const std::vector<const char*>& steps = engine::schemaMigrations();
    engine::migrate(db, {steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(version)});
    db.exec(sql.c_str());
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
    run.deviceName = "NVIDIA A100-SXM4-80GB";
    run.configYaml = "name: " + name + "\ntrain:\n  epochs: 3\n";
    run.configHash = "sha256:" + name;
    run.seed = 42;
    run.torchVersion = "1.13.1";
    run.threads = 8;
    run.host = "gpu-box";
    run.pid = 4242;
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

std::int64_t storeFinishedRun(engine::RunStore& store, const std::string& name,
                              const std::string& configYaml,
                              const std::vector<engine::MetricValue>& finals) {
    engine::RunRecord record;
    record.name = name;
    record.configYaml = configYaml;
    const std::int64_t id = store.createRun(record);
    store.apply({engine::RunStarted{id, name, "cpu", 1, 1, 0.0},
                 engine::RunEnded{id, engine::RunStatus::Finished, "", 1.0, finals}});
    return id;
}

std::int64_t storeTimedRun(engine::RunStore& store, const TimedRun& run) {
    engine::RunRecord record;
    record.name = run.name;
    record.host = run.host;
    record.deviceName = run.deviceName;
    record.configYaml = run.config;
    const std::int64_t id = store.createRun(record);
    store.apply({engine::RunStarted{id, run.name, run.device, 3, 100, 0.0}});
    std::vector<engine::MetricPoint> durations;
    std::vector<engine::MetricPoint> throughput;
    std::vector<engine::MetricPoint> waits;
    double wallTimeS = 0.0;
    for (std::size_t i = 0; i < run.epochSeconds.size(); ++i) {
        const auto epoch = static_cast<std::int64_t>(i + 1);
        wallTimeS += run.epochSeconds[i];
        durations.push_back({epoch * 100, epoch, wallTimeS, run.epochSeconds[i]});
        throughput.push_back({epoch * 100, epoch, wallTimeS, 6400.0 / run.epochSeconds[i]});
        if (i < run.dataWait.size())
            waits.push_back({epoch * 100, epoch, wallTimeS, run.dataWait[i]});
    }
    store.appendMetrics(id, "epoch/duration_s", durations);
    store.appendMetrics(id, "epoch/samples_per_s", throughput);
    if (!waits.empty())
        store.appendMetrics(id, "epoch/data_wait", waits);
    if (run.status != engine::RunStatus::Running)
        store.apply({engine::RunEnded{id, run.status, "", wallTimeS, {}}});
    return id;
}

std::string forecastConfigYaml(const ForecastRun& run) {
    std::ostringstream yaml;
    yaml << "# Name shown in the runs list\n"
         << "name: " << runName(run) << "\n\n"
         << "# Seeds weights, shuffling and the validation split\n"
         << "seed: " << run.seed << "\n\n"
         << "device: cpu\n\n"
         << "data:\n"
         << "  # Dataset format: idx (MNIST / Fashion-MNIST image files), csv (time series)\n"
         << "  kind: csv\n"
         << "  normalize: true\n"
         << "  # CSV file: a date column and numeric columns (ETT style)\n"
         << "  path: /work/shared/data/ett/" << run.dataset << ".csv\n"
         << "  target: OT\n"
         << "  # M: every column in and out; S: the target in and out; MS: every column in\n"
         << "  features: " << run.features << "\n"
         << "  freq: h\n"
         << "  seq_len: 336\n"
         << "  label_len: 48\n"
         << "  # Forecast horizon: rows predicted per window\n"
         << "  pred_len: " << run.predLen << "\n"
         << "  split: ett\n\n"
         << "model:\n"
         << "  # Model family; its hyperparameters follow\n"
         << "  name: " << run.model << "\n\n"
         << "train:\n"
         << "  epochs: 2\n"
         << "  early_stop:\n"
         << "    monitor: val/loss\n";
    return yaml.str();
}

std::int64_t storeForecastRun(engine::RunStore& store, const ForecastRun& run) {
    engine::RunRecord record;
    record.name = runName(run);
    record.device = "cpu";
    record.deviceName = "AMD EPYC 7763 (2 threads)";
    record.configYaml = forecastConfigYaml(run);
    record.seed = run.seed;
    const std::int64_t id = store.createRun(record);
    std::vector<engine::Event> events{engine::RunStarted{id, record.name, "cpu", 2, 10, 0.0}};
    for (std::int64_t epoch = 1; epoch <= 2; ++epoch)
        events.push_back(engine::EpochSummary{id,
                                              epoch,
                                              epoch * 10,
                                              static_cast<double>(epoch),
                                              1.0,
                                              320.0,
                                              {{"train/loss", 0.5 / static_cast<double>(epoch)},
                                               {"val/loss", 0.9 / static_cast<double>(epoch)},
                                               {"epoch/data_wait", 0.1}}});
    std::vector<engine::MetricValue> finals;
    if (run.status == engine::RunStatus::Finished)
        finals = {{"test/loss", run.testMse}, {"test/mse", run.testMse}, {"test/mae", run.testMae}};
    if (run.status != engine::RunStatus::Running)
        events.push_back(engine::RunEnded{id, run.status, "", 2.5, finals});
    store.apply(events);
    return id;
}

} // namespace tb::test
