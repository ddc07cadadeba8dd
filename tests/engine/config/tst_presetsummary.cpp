// presetSummary: what a preset trains, from the comment its file opens with, as the command
// line's preset list and the config editor's preset menu show it.
#include "engine/config/PresetSummary.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace tb::engine;

class TestPresetSummary : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cutsAtTheFirstClause_data() {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("summary");
        QTest::newRow("a colon") << "# DLinear on ETTh1, horizon 96: the settings of the\n"
                                    "# LTSF-Linear scripts.\nname: x\n"
                                 << "DLinear on ETTh1, horizon 96";
        QTest::newRow("a sentence over two lines")
            << "# A small CNN on\n# Fashion-MNIST. Reaches 90%.\nname: x\n"
            << "A small CNN on Fashion-MNIST";
        QTest::newRow("inside parentheses") << "# Informer (ProbSparse: top-u queries) on ETTh1.\n"
                                            << "Informer (ProbSparse: top-u queries) on ETTh1";
        QTest::newRow("a version number") << "# PatchTST/42 v1.5 on ETTh2\n"
                                          << "PatchTST/42 v1.5 on ETTh2";
        QTest::newRow("a blank comment ends it") << "# MLP\n#\n# notes: more\n"
                                                 << "MLP";
        QTest::newRow("no comment") << "name: x\n# later\n"
                                    << "";
        QTest::newRow("empty") << ""
                               << "";
    }

    void cutsAtTheFirstClause() {
        QFETCH(QString, yaml);
        QFETCH(QString, summary);
        QCOMPARE(QString::fromStdString(presetSummary(yaml.toStdString())), summary);
    }

    void everyShippedPresetSaysWhatItTrains() {
        const QDir presets(TB_PRESET_DIR);
        const QStringList files = presets.entryList({"*.yaml"}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString& name : files) {
            QFile file(presets.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString summary =
                QString::fromStdString(presetSummary(file.readAll().toStdString()));
            QVERIFY2(summary.size() >= 20 && summary.size() <= 100,
                     qPrintable(name + ": " + summary));
        }
    }
};

QTEST_GUILESS_MAIN(TestPresetSummary)
#include "tst_presetsummary.moc"
