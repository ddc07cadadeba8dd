// The status bar's account of a run: its warnings, and "Waiting" while the run is held until
// its workspace can be written again.
#include "ui/main/RunStatusBar.h"

#include <QtTest>

using namespace tb::ui;
using tb::engine::LogLevel;
using tb::engine::LogLine;

namespace {

EventBatch warning(const std::string& text) {
    return {LogLine{1, LogLevel::Warning, 0.0, text}};
}

} // namespace

class TestRunStatusBar : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aWarningIsShownForAWhile() {
        RunStatusBar bar;
        bar.setState(TrainingSession::State::Running);
        bar.appendEvents(warning("could not save the last checkpoint"));
        QCOMPARE(bar.currentMessage(), QStringLiteral("could not save the last checkpoint"));
        QVERIFY(bar.stateText().contains("Training"));
        bar.appendEvents({LogLine{1, LogLevel::Info, 0.0, "model: mlp"}});
        QCOMPARE(bar.currentMessage(), QStringLiteral("could not save the last checkpoint"));
    }

    void aHeldRunShowsWaitingUntilItGoesOn() {
        RunStatusBar bar;
        bar.setState(TrainingSession::State::Running);
        const std::string held =
            std::string(tb::engine::kHoldStartsLog) + "cannot write to ws.db (disk is full)";
        bar.appendEvents(warning(held));
        QVERIFY2(bar.stateText().contains("Waiting"), qPrintable(bar.stateText()));
        QCOMPARE(bar.currentMessage(), QString::fromStdString(held));

        const std::string goesOn = std::string(tb::engine::kHoldEndsLog) + "it can be written";
        bar.appendEvents(warning(goesOn));
        QVERIFY2(bar.stateText().contains("Training"), qPrintable(bar.stateText()));
        QCOMPARE(bar.currentMessage(), QString::fromStdString(goesOn));
    }

    void aNewRunDoesNotInheritTheWait() {
        RunStatusBar bar;
        bar.setState(TrainingSession::State::Running);
        bar.appendEvents(warning(std::string(tb::engine::kHoldStartsLog) + "disk full"));
        bar.setState(TrainingSession::State::Stopping);
        bar.setState(TrainingSession::State::Starting);
        bar.setState(TrainingSession::State::Running);
        QVERIFY2(bar.stateText().contains("Training"), qPrintable(bar.stateText()));
    }
};

QTEST_MAIN(TestRunStatusBar)
#include "tst_runstatusbar.moc"
