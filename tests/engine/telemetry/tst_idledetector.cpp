// The idle-accelerator warning: when it fires, how often, and for which devices.
#include "engine/telemetry/IdleDetector.h"

#include <QTest>

using namespace tb::engine;

class TestIdleDetector : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mostlyIdleGpuWarnsOnceWithAdvice();
    void busyGpuDoesNotWarn();
    void tooFewReadingsAreNotJudged();
    void unknownReadingsDoNotCount();
    void eachVerdictJudgesItsOwnWindow();
    void aPauseIsNotJudged();
    void cpuIsNeverJudged();
};

namespace {

void feed(IdleDetector& detector, int count, double pct) {
    for (int i = 0; i < count; ++i)
        detector.add(pct);
}

} // namespace

void TestIdleDetector::mostlyIdleGpuWarnsOnceWithAdvice() {
    IdleDetector detector("cuda:0");
    feed(detector, 16, 5.0);
    feed(detector, 4, 95.0);
    const std::optional<std::string> warning = detector.verdict();
    QVERIFY(warning.has_value());
    const QString text = QString::fromStdString(*warning);
    QVERIFY2(text.contains("cuda:0") && text.contains("80%") && text.contains("20 readings"),
             qPrintable(text));
    QVERIFY2(text.contains("data.num_workers") && text.contains("train.batch_size"),
             qPrintable(text));

    feed(detector, 20, 0.0);
    QVERIFY2(!detector.verdict().has_value(), "one warning per run is enough");
}

void TestIdleDetector::busyGpuDoesNotWarn() {
    IdleDetector detector("npu:0");
    feed(detector, 10, 10.0);
    feed(detector, 10, 90.0); // exactly half idle: not "most of the time"
    QVERIFY(!detector.verdict().has_value());
}

void TestIdleDetector::tooFewReadingsAreNotJudged() {
    IdleDetector detector("cuda:0");
    feed(detector, IdleDetector::kMinReadings - 1, 0.0);
    QVERIFY(!detector.verdict().has_value());
}

void TestIdleDetector::unknownReadingsDoNotCount() {
    IdleDetector detector("cuda:0");
    feed(detector, 50, -1.0);
    feed(detector, 5, 0.0);
    QVERIFY(!detector.verdict().has_value());
}

void TestIdleDetector::eachVerdictJudgesItsOwnWindow() {
    IdleDetector detector("cuda:1");
    feed(detector, 30, 99.0);
    QVERIFY(!detector.verdict().has_value());
    feed(detector, 12, 1.0); // the busy epoch before does not dilute this one
    QVERIFY(detector.verdict().has_value());
}

void TestIdleDetector::aPauseIsNotJudged() {
    IdleDetector detector("npu:0");
    feed(detector, 40, 0.0); // paused, or held until the workspace can be written
    detector.forget();
    feed(detector, 12, 95.0);
    QVERIFY(!detector.verdict().has_value());
}

void TestIdleDetector::cpuIsNeverJudged() {
    IdleDetector detector("cpu");
    feed(detector, 100, 0.0);
    QVERIFY(!detector.verdict().has_value());
}

QTEST_GUILESS_MAIN(TestIdleDetector)
#include "tst_idledetector.moc"
