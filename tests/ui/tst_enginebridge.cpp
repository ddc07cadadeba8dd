// Engine events reach the GUI thread in a few ordered batches, never one signal per event.
#include "engine/events/EventObserver.h"
#include "ui/bridge/EngineBridge.h"

#include <QtTest>
#include <thread>

using namespace tb::engine;
using tb::ui::EngineBridge;
using tb::ui::EventBatch;

class TestEngineBridge : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deliversEveryEventInOrderInBatches() {
        EngineBridge bridge;
        std::vector<std::int64_t> steps;
        int batches = 0;
        connect(&bridge, &EngineBridge::eventsArrived, this, [&](const EventBatch& batch) {
            QCOMPARE(QThread::currentThread(), qApp->thread());
            ++batches;
            for (const Event& e : batch)
                steps.push_back(std::get<StepMetrics>(e).step);
        });
        bridge.setDraining(true);

        constexpr int kEvents = 20000;
        std::shared_ptr<EventObserver> observer = bridge.observer();
        std::thread engine([observer] {
            for (int i = 1; i <= kEvents; ++i) {
                observer->onEvent(StepMetrics{1, i, 1, i * 1e-3, 0, 0, {{"train/loss", 1.0}}});
                if (i % 2000 == 0)
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        });
        engine.join();
        QTRY_COMPARE(steps.size(), std::size_t{kEvents});
        for (int i = 0; i < kEvents; ++i)
            QCOMPARE(steps[static_cast<std::size_t>(i)], std::int64_t{i + 1});
        QVERIFY2(batches < 100, qPrintable(QStringLiteral("%1 batches").arg(batches)));
    }

    void staysQuietWithoutEvents() {
        EngineBridge bridge;
        QSignalSpy spy(&bridge, &EngineBridge::eventsArrived);
        bridge.setDraining(true);
        QTest::qWait(5 * EngineBridge::kDrainIntervalMs);
        QCOMPARE(spy.count(), 0);
    }

    void queuesWhileNotDrainingAndDrainsOnRequest() {
        EngineBridge bridge;
        QSignalSpy spy(&bridge, &EngineBridge::eventsArrived);
        bridge.observer()->onEvent(LogLine{1, LogLevel::Info, 0.5, "hello"});
        bridge.observer()->onEvent(RunEnded{1, RunStatus::Finished, "", 1.0, {}});
        QTest::qWait(3 * EngineBridge::kDrainIntervalMs);
        QCOMPARE(spy.count(), 0);
        bridge.drainNow();
        QCOMPARE(spy.count(), 1);
        const auto batch = spy.at(0).at(0).value<EventBatch>();
        QCOMPARE(batch.size(), std::size_t{2});
        QVERIFY(std::holds_alternative<RunEnded>(batch.back()));
    }

    void observerOutlivesTheBridge() {
        std::shared_ptr<EventObserver> observer;
        {
            EngineBridge bridge;
            observer = bridge.observer();
        }
        observer->onEvent(LogLine{1, LogLevel::Info, 0.0, "after the window closed"});
    }
};

QTEST_GUILESS_MAIN(TestEngineBridge)
#include "tst_enginebridge.moc"
