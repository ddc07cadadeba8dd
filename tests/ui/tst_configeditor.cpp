// The config form and the YAML view edit one config; problems block Train with the message.
#include "UiTestHelpers.h"
#include "engine/config/ConfigYaml.h"
#include "ui/config/ConfigDocument.h"
#include "ui/config/ConfigEditor.h"
#include "ui/config/ConfigForm.h"
#include "ui/config/FieldEditor.h"
#include "ui/config/YamlEditor.h"
#include "ui/main/TrainActions.h"
#include "ui/training/SweepQueue.h"
#include "ui/training/TrainingSession.h"
#include "ui/util/Format.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTabWidget>
#include <QtTest>

using namespace tb::ui;

namespace {

/// The engine's own message for `key` after setting it to `value`.
QString engineMessage(const std::string& key, const tb::engine::ConfigValue& value,
                      const tb::engine::Config& base) {
    tb::engine::Config config = base;
    config.set(key, value);
    for (const auto& issue : tb::engine::validateConfig(config)) {
        if (issue.field == key)
            return toQString(issue.message);
    }
    return {};
}

} // namespace

class TestConfigEditor : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ConfigDocument> m_document;
    std::unique_ptr<ConfigEditor> m_editor;
    std::unique_ptr<TrainingSession> m_session;
    std::unique_ptr<SweepQueue> m_sweep;
    std::unique_ptr<TrainActions> m_actions;

    QPlainTextEdit* yamlText() const { return m_editor->yamlEditor()->textEdit(); }

    template <typename Widget> Widget* input(const std::string& key) const {
        FieldEditor* editor = m_editor->form()->editor(key);
        return editor ? qobject_cast<Widget*>(editor->input()) : nullptr;
    }

    void editYaml(const QString& from, const QString& to) {
        QString text = yamlText()->toPlainText();
        QVERIFY2(text.contains(from), qPrintable(from));
        text.replace(from, to);
        yamlText()->setPlainText(text); // as typing does: applied after a pause
    }

private Q_SLOTS:
    void initTestCase() { tb::test::useTemporarySettings(m_dir); }

    void init() {
        m_document = std::make_unique<ConfigDocument>();
        m_editor = std::make_unique<ConfigEditor>(*m_document);
        m_session = std::make_unique<TrainingSession>();
        m_sweep = std::make_unique<SweepQueue>(*m_session);
        m_actions = std::make_unique<TrainActions>(*m_session, *m_document, *m_sweep);
        QVERIFY(m_editor->loadPreset("fashion-mnist-cnn"));
        m_editor->show();
    }

    void cleanup() {
        m_actions.reset();
        m_sweep.reset();
        m_session.reset();
        m_editor.reset();
        m_document.reset();
    }

    void formShowsThePreset() {
        QCOMPARE(m_document->origin(), QStringLiteral("fashion-mnist-cnn"));
        QCOMPARE(input<QSpinBox>("train.batch_size")->value(), 128);
        QCOMPARE(input<QComboBox>("model.name")->currentText(), QStringLiteral("cnn"));
        QCOMPARE(input<QComboBox>("optim.name")->currentText(), QStringLiteral("adamw"));
        QVERIFY(input<QCheckBox>("data.normalize")->isChecked());
        QVERIFY(
            input<QSpinBox>("train.batch_size")->toolTip().contains("Samples per forward pass"));
        QVERIFY(m_actions->train()->isEnabled());
        QVERIFY(!m_editor->issuesLabel()->isVisible());
    }

    void formEditsShowInTheYaml() {
        input<QSpinBox>("train.batch_size")->setValue(256);
        QCOMPARE(m_document->config().getInt("train.batch_size"), std::int64_t{256});
        QVERIFY(yamlText()->toPlainText().contains("batch_size: 256"));

        input<QComboBox>("optim.name")->setCurrentText("sgd");
        QVERIFY(yamlText()->toPlainText().contains("name: sgd"));
        input<QCheckBox>("data.normalize")->setChecked(false);
        QVERIFY(yamlText()->toPlainText().contains("normalize: false"));
    }

    void yamlEditsShowInTheForm() {
        editYaml("epochs: 3", "epochs: 7");
        QTRY_COMPARE(input<QSpinBox>("train.epochs")->value(), 7);
        QCOMPARE(m_document->config().getInt("train.epochs"), std::int64_t{7});
    }

    void anotherModelFamilyRebuildsTheForm() {
        QVERIFY(input<QSpinBox>("model.channels"));
        QVERIFY(!m_editor->form()->editor("model.layers"));
        editYaml("name: cnn", "name: mlp");
        // The CNN's own field is still in the text: the engine names it and nothing changes.
        QTRY_VERIFY(m_editor->issuesLabel()->isVisible());
        QVERIFY2(m_editor->issuesLabel()->text().contains("model.channels"),
                 qPrintable(m_editor->issuesLabel()->text()));
        QString text = yamlText()->toPlainText();
        text.remove(QRegularExpression(QStringLiteral("\\n *channels:[^\\n]*")));
        yamlText()->setPlainText(text);
        QTRY_VERIFY(m_editor->form()->editor("model.layers"));
        QVERIFY(!m_editor->form()->editor("model.channels"));
        QCOMPARE(input<QComboBox>("model.name")->currentText(), QStringLiteral("mlp"));
        QVERIFY(m_document->isValid());

        // And back from the form: the combo box rebuilds the form once it has returned, and
        // the MLP's own values leave the config with it.
        input<QComboBox>("model.name")->setCurrentText("cnn");
        QTRY_VERIFY(m_editor->form()->editor("model.channels"));
        QVERIFY(yamlText()->toPlainText().contains("name: cnn"));
        QVERIFY(!yamlText()->toPlainText().contains("layers:"));
        QVERIFY(m_document->isValid());
        QVERIFY(m_actions->train()->isEnabled());
    }

    void unparsableYamlKeepsTheConfigAndSaysWhy() {
        const tb::engine::Config before = m_document->config();
        editYaml("epochs: 3", "epochs: [3");
        QTRY_VERIFY(m_editor->issuesLabel()->isVisible());
        QVERIFY(!m_document->isValid());
        QVERIFY(!m_actions->train()->isEnabled());
        QVERIFY(m_document->config() == before);
        QCOMPARE(input<QSpinBox>("train.epochs")->value(), 3);

        editYaml("epochs: [3", "epochs: 4");
        QTRY_VERIFY(m_actions->train()->isEnabled());
        QVERIFY(!m_editor->issuesLabel()->isVisible());
    }

    void unknownYamlKeysAreReported() {
        editYaml("epochs: 3", "epochz: 3");
        QTRY_VERIFY(m_editor->issuesLabel()->isVisible());
        QVERIFY2(m_editor->issuesLabel()->text().contains("epochs"),
                 qPrintable(m_editor->issuesLabel()->text())); // the "did you mean" hint
    }

    void anInvalidFieldBlocksTrainWithTheMessage() {
        QSpinBox* batch = input<QSpinBox>("train.batch_size");
        batch->setFocus();
        batch->selectAll();
        QTest::keyClicks(batch, "0"); // below the minimum of 1: typed, not yet committed
        const QString expected =
            engineMessage("train.batch_size", std::int64_t{0}, m_document->config());
        QVERIFY(!expected.isEmpty());
        FieldEditor* editor = m_editor->form()->editor("train.batch_size");
        QVERIFY(editor->hasIssue());
        QCOMPARE(editor->messageLabel()->text(), expected);
        QVERIFY(!m_actions->train()->isEnabled());
        QVERIFY(m_actions->train()->toolTip().contains(expected));
        QVERIFY(m_editor->issuesLabel()->text().contains("train.batch_size"));

        batch->selectAll();
        QTest::keyClicks(batch, "64");
        QVERIFY(!editor->hasIssue());
        QVERIFY(m_actions->train()->isEnabled());
    }

    void aProblemLinksToItsField() {
        m_document->setValue("train.batch_size", std::int64_t{0});
        auto* tabs = m_editor->findChild<QTabWidget*>();
        tabs->setCurrentIndex(1);
        QVERIFY(m_editor->issuesLabel()->text().contains("href=\"train.batch_size\""));
        QApplication::setActiveWindow(m_editor.get());
        QVERIFY(QTest::qWaitForWindowActive(m_editor.get()));
        Q_EMIT m_editor->issuesLabel()->linkActivated("train.batch_size");
        QCOMPARE(tabs->currentIndex(), 0);
        QTRY_VERIFY(input<QSpinBox>("train.batch_size")->hasFocus());
    }

    void crossFieldRulesMarkTheirField() {
        m_document->setValue("data.val_fraction", 0.0);
        m_document->setValue("train.early_stop.patience", std::int64_t{2});
        FieldEditor* editor = m_editor->form()->editor("train.early_stop.patience");
        QVERIFY(editor->hasIssue());
        QVERIFY(editor->messageLabel()->text().contains("validation"));
        QVERIFY(!m_actions->train()->isEnabled());
    }

    void fp16OnTheCpuMarksMixedPrecision() {
        QComboBox* amp = input<QComboBox>("train.amp");
        QVERIFY(amp);
        QCOMPARE(amp->currentText(), QStringLiteral("off"));
        QCOMPARE(FieldEditor::labelFor("train.amp"), QStringLiteral("Mixed precision"));
        QCOMPARE(FieldEditor::labelFor("dist.timeout_s"), QStringLiteral("Timeout (s)"));
        QCOMPARE(FieldEditor::labelFor("optim.weight_decay"), QStringLiteral("Weight decay"));
        amp->setCurrentText("fp16");
        const QString expected =
            engineMessage("train.amp", std::string("fp16"), m_document->config());
        QVERIFY(expected.contains("bf16"));
        FieldEditor* editor = m_editor->form()->editor("train.amp");
        QVERIFY(editor->hasIssue());
        QCOMPARE(editor->messageLabel()->text(), expected);
        QVERIFY(!m_actions->train()->isEnabled());

        amp->setCurrentText("bf16");
        QVERIFY(!editor->hasIssue());
        QVERIFY(m_actions->train()->isEnabled());
        QVERIFY(yamlText()->toPlainText().contains("amp: bf16"));
    }

    void outOfRangeYamlValuesShowAsTheyAre() {
        editYaml("batch_size: 128", "batch_size: 0");
        QTRY_COMPARE(input<QSpinBox>("train.batch_size")->value(), 0);
        QVERIFY(m_editor->form()->editor("train.batch_size")->hasIssue());
        QVERIFY(!m_actions->train()->isEnabled());
    }

    void presetPickerLoadsAPreset() {
        auto* combo = m_editor->findChild<QComboBox*>(QStringLiteral("presetCombo"));
        QVERIFY(combo);
        const int mlp = combo->findText("fashion-mnist-mlp");
        QVERIFY(mlp >= 0);
        // Each entry's tooltip says what it trains.
        QCOMPARE(combo->itemData(mlp, Qt::ToolTipRole).toString(),
                 QStringLiteral("A two-layer MLP on Fashion-MNIST"));
        combo->setCurrentIndex(mlp);
        Q_EMIT combo->activated(mlp);
        QCOMPARE(m_document->origin(), QStringLiteral("fashion-mnist-mlp"));
        QCOMPARE(toQString(m_document->config().getString("model.name")), QStringLiteral("mlp"));
    }

    void aFileThatDoesNotParseShowsAsWrittenUnderItsName() {
        const QString path = m_dir.filePath("broken.yaml");
        const QString text = "name: mine\ntrain:\n  epochs: [3\n";
        QVERIFY(tb::test::writeText(path, text.toUtf8()));
        ConfigDocument document;
        ConfigEditor editor(document);
        const auto* combo = editor.findChild<QComboBox*>(QStringLiteral("presetCombo"));
        QVERIFY(combo);
        QCOMPARE(combo->currentText(), QStringLiteral("(defaults)"));
        QVERIFY(!document.loadFile(path));
        const QString issue = toQString(document.issues().front().message);
        QVERIFY2(issue.startsWith("broken.yaml: YAML syntax error at line"), qPrintable(issue));
        // No field could be read: the config stays, and the file is there to fix.
        QCOMPARE(document.config().getString("name"), std::string("experiment"));
        QCOMPARE(editor.yamlEditor()->textEdit()->toPlainText(), text);
        QCOMPARE(editor.findChild<QTabWidget*>()->currentWidget(), editor.yamlEditor());
        // The entry names the file, not a preset it no longer matches.
        QCOMPARE(combo->currentText(), QStringLiteral("broken"));
        QVERIFY(combo->currentData().toString().isEmpty());
        // Once a preset is loaded, only presets are listed.
        const int presets = combo->count() - 1;
        QVERIFY(editor.loadPreset("fashion-mnist-mlp"));
        QCOMPARE(combo->currentText(), QStringLiteral("fashion-mnist-mlp"));
        QCOMPARE(combo->count(), presets);
        QCOMPARE(combo->findText("broken"), -1);
    }

    void aFileWithBadFieldsLoadsTheOthersAndNamesEveryProblem() {
        const QString path = m_dir.filePath("partly.yaml");
        const QString text = "name: mine\nmodel:\n  name: mlp\n  hiden: 64\ntrain:\n  epochs: "
                             "0.5\n  batch_size: 0\n";
        QVERIFY(tb::test::writeText(path, text.toUtf8()));
        QVERIFY(!m_document->loadFile(path));
        // What could be read is in the form, with the problem of each field that could not.
        QCOMPARE(input<QLineEdit>("name")->text(), QStringLiteral("mine"));
        QCOMPARE(input<QSpinBox>("train.batch_size")->value(), 0);
        QVERIFY(m_editor->form()->editor("train.epochs")->hasIssue());
        const QString issues = m_document->issuesText();
        QVERIFY2(issues.contains("'model.hidden'"), qPrintable(issues)); // the misspelt key
        QVERIFY2(issues.contains("train.epochs"), qPrintable(issues));
        QVERIFY2(issues.contains("train.batch_size"), qPrintable(issues)); // out of range
        QVERIFY(!m_actions->train()->isEnabled());
        // The file as written, to fix the misspelt key in.
        QCOMPARE(yamlText()->toPlainText(), text);
        QCOMPARE(m_editor->findChild<QTabWidget*>()->currentWidget(), m_editor->yamlEditor());
        QCOMPARE(m_document->origin(), QStringLiteral("partly"));
        editYaml("hiden", "hidden");
        editYaml("epochs: 0.5", "epochs: 2");
        editYaml("batch_size: 0", "batch_size: 16");
        QTRY_VERIFY(m_document->isValid());
        QCOMPARE(m_document->config().getInt("model.hidden"), std::int64_t{64});
    }

    void saveAndLoadRoundTrip() {
        input<QSpinBox>("train.epochs")->setValue(9);
        const QString path = m_dir.filePath("saved.yaml");
        QString error;
        QVERIFY2(m_document->saveFile(path, error), qPrintable(error));
        ConfigDocument other;
        QVERIFY(other.loadFile(path));
        QCOMPARE(tb::engine::configHash(other.config()),
                 tb::engine::configHash(m_document->config()));
        QCOMPARE(other.origin(), QStringLiteral("saved"));
    }

    void cloningARunsConfig() {
        m_editor->cloneRunConfig(12, "name: cloned\nmodel:\n  name: mlp\ntrain:\n  epochs: 2\n");
        QCOMPARE(m_document->origin(), QStringLiteral("run 12"));
        QTRY_COMPARE(input<QSpinBox>("train.epochs")->value(), 2);
        QCOMPARE(input<QLineEdit>("name")->text(), QStringLiteral("cloned"));
    }

    void startingFromARunsWeights() {
        m_editor->startFromRunWeights(7, "name: base\nmodel:\n  name: mlp\n");
        QCOMPARE(m_document->origin(), QStringLiteral("from run 7"));
        QCOMPARE(m_document->config().getString("model.init_from"), std::string("run:7"));
        QTRY_COMPARE(input<QLineEdit>("model.init_from")->text(), QStringLiteral("run:7"));
        QCOMPARE(input<QLineEdit>("name")->text(), QStringLiteral("base"));
    }

    void testingARunsWeights() {
        m_editor->testRunWeights(7, "name: base\nmodel:\n  name: mlp\ntrain:\n  epochs: 5\n");
        QCOMPARE(m_document->origin(), QStringLiteral("test of run 7"));
        QCOMPARE(m_document->config().getString("model.init_from"), std::string("run:7"));
        QCOMPARE(m_document->config().getInt("train.epochs"), std::int64_t{0});
        QTRY_COMPARE(input<QSpinBox>("train.epochs")->value(), 0);
        QCOMPARE(input<QLineEdit>("name")->text(), QStringLiteral("base (test of run 7)"));
        QVERIFY2(m_document->issues().empty(), formatIssues(m_document->issues()).c_str());

        // A test of that test's weights names the test it took them from, once.
        m_editor->testRunWeights(9, "name: base (test of run 7)\nmodel:\n  name: mlp\n  "
                                    "init_from: run:7\ntrain:\n  epochs: 0\n");
        QCOMPARE(m_document->config().getString("model.init_from"), std::string("run:9"));
        QCOMPARE(m_document->config().getString("name"), std::string("base (test of run 9)"));
    }

    void aMissingFileIsReported() {
        QVERIFY(!m_document->loadFile(m_dir.filePath("nope.yaml")));
        QVERIFY(m_editor->issuesLabel()->text().contains("nope.yaml"));
    }
};

QTEST_MAIN(TestConfigEditor)
#include "tst_configeditor.moc"
