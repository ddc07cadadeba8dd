// The sampler thread: its rate, its stop, its time stamps, and which readings judge idleness.
#include "engine/telemetry/TelemetrySampler.h"

#include <QTest>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

using namespace tb::engine;
using namespace std::chrono_literals;

namespace {

/// A device whose utilization the test sets; counts its readings.
class ScriptedDevice final : public TelemetrySource {
public:
    ScriptedDevice(std::string id, double utilizationPct)
        : m_id(std::move(id))
        , m_utilizationPct(utilizationPct) {}
    std::string device() const override { return m_id; }
    DeviceSample read() override {
        DeviceSample sample;
        sample.device = m_id;
        sample.utilizationPct = m_utilizationPct;
        sample.memoryUsedBytes = ++m_reads;
        return sample;
    }

private:
    std::string m_id;
    double m_utilizationPct;
    std::int64_t m_reads = 0;
};

/// What the sampler published, in order.
struct Published {
    std::mutex mutex;
    std::vector<DeviceSample> samples;

    std::function<void(DeviceSample)> sink() {
        return [this](DeviceSample s) {
            std::lock_guard lock(mutex);
            samples.push_back(std::move(s));
        };
    }
    std::vector<DeviceSample> of(const std::string& device) {
        std::lock_guard lock(mutex);
        std::vector<DeviceSample> out;
        for (const auto& s : samples)
            if (s.device == device)
                out.push_back(s);
        return out;
    }
};

std::function<double()> secondsSince(std::chrono::steady_clock::time_point start) {
    return [start] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
}

std::vector<std::unique_ptr<TelemetrySource>> devices(double gpuPct) {
    std::vector<std::unique_ptr<TelemetrySource>> out;
    out.push_back(std::make_unique<ScriptedDevice>("cuda:0", gpuPct));
    out.push_back(std::make_unique<ScriptedDevice>("cpu", 50.0));
    return out;
}

} // namespace

class TestTelemetrySampler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsEveryDeviceNeverFasterThanTheRate();
    void stopTakesALastReadingWithoutWaitingAPeriod();
    void idleTrainingDeviceGivesAWarning();
    void busyTrainingDeviceGivesNone();
};

void TestTelemetrySampler::readsEveryDeviceNeverFasterThanTheRate() {
    Published published;
    const auto start = std::chrono::steady_clock::now();
    TelemetrySampler sampler(devices(90.0), 10.0, secondsSince(start), published.sink());
    std::this_thread::sleep_for(650ms);
    sampler.stop();
    const double elapsedS = secondsSince(start)();

    const auto gpu = published.of("cuda:0");
    const auto cpu = published.of("cpu");
    QCOMPARE(gpu.size(), cpu.size());
    // One at start, one every 0.1 s, one at stop; a loaded machine may deliver fewer.
    QVERIFY2(gpu.size() >= 3, qPrintable(QString::number(gpu.size())));
    QVERIFY2(double(gpu.size()) <= elapsedS * 10.0 + 2.0, qPrintable(QString::number(gpu.size())));
    for (std::size_t i = 1; i < gpu.size(); ++i) {
        QCOMPARE(gpu[i].memoryUsedBytes, gpu[i - 1].memoryUsedBytes + 1);
        QVERIFY(gpu[i].wallTimeS >= gpu[i - 1].wallTimeS);
        // Reading i is due 0.1 s x i after the start, never earlier; a busy machine may take
        // it later (so two readings may stand closer than 0.1 s), which no schedule prevents.
        // The reading at stop() comes when asked.
        if (i + 1 < gpu.size())
            QVERIFY2(gpu[i].wallTimeS >= 0.1 * static_cast<double>(i) - 1e-6,
                     qPrintable(QString("reading %1 at %2 s").arg(i).arg(gpu[i].wallTimeS)));
    }
    QVERIFY(gpu.back().wallTimeS <= elapsedS);
}

void TestTelemetrySampler::stopTakesALastReadingWithoutWaitingAPeriod() {
    Published published;
    const auto start = std::chrono::steady_clock::now();
    TelemetrySampler sampler(devices(90.0), 0.1, secondsSince(start), published.sink());
    std::this_thread::sleep_for(50ms);
    sampler.stop();
    sampler.stop(); // idempotent
    QCOMPARE(published.of("cuda:0").size(), std::size_t{2});
    QVERIFY2(secondsSince(start)() < 5.0, "stop() must not wait out the 10 s period");
}

void TestTelemetrySampler::idleTrainingDeviceGivesAWarning() {
    Published published;
    TelemetrySampler sampler(devices(4.0), 10.0, secondsSince(std::chrono::steady_clock::now()),
                             published.sink());
    QTRY_VERIFY_WITH_TIMEOUT(
        published.of("cuda:0").size() >= std::size_t(IdleDetector::kMinReadings), 10000);
    const std::optional<std::string> warning = sampler.idleWarning();
    QVERIFY(warning.has_value());
    QVERIFY2(QString::fromStdString(*warning).startsWith("cuda:0 was idle"), warning->c_str());
}

void TestTelemetrySampler::busyTrainingDeviceGivesNone() {
    Published published;
    TelemetrySampler sampler(devices(97.0), 10.0, secondsSince(std::chrono::steady_clock::now()),
                             published.sink());
    QTRY_VERIFY_WITH_TIMEOUT(
        published.of("cuda:0").size() >= std::size_t(IdleDetector::kMinReadings), 10000);
    QVERIFY(!sampler.idleWarning().has_value());
}

QTEST_GUILESS_MAIN(TestTelemetrySampler)
#include "tst_telemetrysampler.moc"
