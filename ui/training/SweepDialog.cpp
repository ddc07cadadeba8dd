#include "ui/training/SweepDialog.h"

#include "engine/config/Schema.h"
#include "ui/theme/AccentColors.h"
#include "ui/theme/GlyphIcons.h"
#include "ui/util/Format.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <ctime>
#include <stdexcept>

namespace tb::ui {

using tb::engine::GridAxis;
using tb::engine::SweepRun;

namespace {

const char* const kAxesSetting = "sweep/axes";

/// The field's help, and its choices where it has them: what values it takes.
QString fieldHelp(const tb::engine::Config& config, const QString& key) {
    const tb::engine::FieldSpec* field = config.schema().findActive(key.toStdString(), config);
    if (field == nullptr)
        return {};
    QString help = toQString(field->helpText);
    if (!field->choices.empty()) {
        QStringList choices;
        for (const std::string& choice : field->choices)
            choices << toQString(choice);
        help += SweepDialog::tr("\nOne of: %1").arg(choices.join(QStringLiteral(", ")));
    }
    return help;
}

/// The issues of a run on one line: `train.amp: 'fp17' is not one of ...; ...`.
QString issuesLine(const tb::engine::ConfigIssues& issues) {
    return toQString(tb::engine::formatIssues(issues))
        .trimmed()
        .replace('\n', QStringLiteral("; "));
}

} // namespace

SweepDialog::SweepDialog(const tb::engine::Config& base, const QString& baseTitle, QWidget* parent)
    : QDialog(parent)
    , m_base(base)
    , m_rowLayout(new QVBoxLayout)
    , m_summary(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_tag(new QLineEdit(this))
    , m_train(new QPushButton(this)) {
    setWindowTitle(tr("Sweep"));
    // A sweep names its runs after their values, so `name` is not a field to sweep.
    for (const tb::engine::FieldSpec* field : m_base.schema().activeFields(m_base))
        if (field->key != "name")
            m_fieldKeys << toQString(field->key);

    auto* intro = new QLabel(
        tr("Trains one run per combination of the values below, one after the other, each "
           "from the config in the editor (%1) with those values. The runs share a tag, so "
           "the Runs filter finds them together; when the last ends, Compare shows them all.")
            .arg(baseTitle.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    auto* addButton = new QPushButton(tr("&Add field"), this);
    addButton->setToolTip(tr("Another field to vary: every value of it combines with every "
                             "combination of the others"));
    connect(addButton, &QPushButton::clicked, this, [this] {
        addRow();
        m_rows.back().field->setFocus();
    });
    m_tag->setObjectName(QStringLiteral("sweepTag"));
    m_tag->setPlaceholderText(toQString(tb::engine::sweepTag(std::time(nullptr))));
    m_tag->setToolTip(tr("Every run of the sweep carries this tag (the Runs filter finds them "
                         "by it); empty: \u201csweep-\u201d and the time it starts"));
    connect(m_tag, &QLineEdit::textChanged, this, &SweepDialog::updateRuns);
    m_summary->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("sweepRuns"));
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_train->setObjectName(QStringLiteral("trainSweep"));
    m_train->setIcon(glyphIcon(Glyph::Sweep));
    m_train->setDefault(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_train, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &SweepDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // Headings over the rows, in the rows' proportions.
    auto* headings = new QHBoxLayout;
    headings->addWidget(new QLabel(tr("<b>Field</b>"), this), 2);
    headings->addWidget(new QLabel(tr("<b>Values</b>, separated by commas"), this), 3);
    headings->addSpacing(QToolButton().sizeHint().width());
    auto* addRowLayout = new QHBoxLayout;
    addRowLayout->addWidget(addButton);
    addRowLayout->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(4);
    layout->addLayout(headings);
    layout->addLayout(m_rowLayout);
    layout->addLayout(addRowLayout);
    auto* tagRow = new QFormLayout;
    tagRow->addRow(tr("T&ag of the runs:"), m_tag);
    layout->addLayout(tagRow);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(720, 520);

    setAxes(QSettings().value(kAxesSetting).toStringList());
}

QStringList SweepDialog::axes() const {
    QStringList out;
    for (const AxisRow& row : m_rows) {
        const QString key = row.field->currentText().trimmed();
        const QString values = row.values->text().trimmed();
        if (!key.isEmpty() || !values.isEmpty())
            out << key + '=' + values;
    }
    return out;
}

void SweepDialog::setAxes(const QStringList& axes) {
    while (!m_rows.empty())
        removeRow(m_rows.back().widget);
    for (const QString& axis : axes) {
        const QString key = axis.section('=', 0, 0);
        // A field of another model or data kind does not apply to this config.
        if (m_fieldKeys.contains(key))
            addRow(key, axis.section('=', 1));
    }
    if (m_rows.empty())
        addRow();
    updateRuns();
}

void SweepDialog::addRow(const QString& key, const QString& values) {
    auto* widget = new QWidget(this);
    auto* field = new QComboBox(widget);
    auto* valuesEdit = new QLineEdit(values, widget);
    auto* remove = new QToolButton(widget);

    field->setEditable(true);
    field->setInsertPolicy(QComboBox::NoInsert);
    field->addItems(m_fieldKeys);
    for (int i = 0; i < m_fieldKeys.size(); ++i)
        field->setItemData(i, fieldHelp(m_base, m_fieldKeys[i]), Qt::ToolTipRole);
    field->setCurrentIndex(-1);
    field->setEditText(key);
    field->lineEdit()->setPlaceholderText(tr("field, e.g. train.batch_size"));
    // `batch` finds train.batch_size and eval.batch_size.
    field->completer()->setFilterMode(Qt::MatchContains);
    field->completer()->setCompletionMode(QCompleter::PopupCompletion);
    field->setMinimumContentsLength(24);
    valuesEdit->setPlaceholderText(tr("e.g. 64, 128, 256"));
    remove->setText(QStringLiteral("\u2715"));
    remove->setToolTip(tr("Do not vary this field"));
    remove->setAutoRaise(true);

    auto* layout = new QHBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 2);
    layout->addWidget(valuesEdit, 3);
    layout->addWidget(remove);
    m_rowLayout->addWidget(widget);
    m_rows.push_back({widget, field, valuesEdit});
    const AxisRow row = m_rows.back();
    onFieldChosen(row);

    connect(field, &QComboBox::currentTextChanged, this, [this, row] {
        onFieldChosen(row);
        updateRuns();
    });
    connect(valuesEdit, &QLineEdit::textChanged, this, &SweepDialog::updateRuns);
    connect(remove, &QToolButton::clicked, this, [this, widget] {
        removeRow(widget);
        if (m_rows.empty())
            addRow();
        updateRuns();
    });
}

void SweepDialog::removeRow(QWidget* row) {
    m_rows.erase(std::remove_if(m_rows.begin(), m_rows.end(),
                                [row](const AxisRow& r) { return r.widget == row; }),
                 m_rows.end());
    row->deleteLater();
    row->hide();
}

void SweepDialog::onFieldChosen(const AxisRow& row) {
    const QString key = row.field->currentText().trimmed();
    const QString help = fieldHelp(m_base, key);
    row.field->setToolTip(help);
    row.values->setToolTip(help.isEmpty() ? QString() : tr("%1: %2").arg(key, help));
    // Start from the value the config has, so the sweep is that value and the others.
    if (!help.isEmpty() && row.values->text().isEmpty())
        row.values->setText(toQString(tb::engine::toString(m_base.value(key.toStdString()))));
}

void SweepDialog::updateRuns() {
    m_runs.clear();
    m_problem.clear();
    std::vector<GridAxis> axes;
    std::size_t count = 1;
    try {
        for (const QString& axis : this->axes()) {
            if (axis.startsWith('='))
                throw std::invalid_argument(
                    tr("a row has values but no field; choose one").toStdString());
            axes.push_back(tb::engine::parseGridAxis(axis.toStdString()));
            count *= axes.back().values.size();
            if (count > static_cast<std::size_t>(kMaxRuns))
                throw std::invalid_argument(
                    tr("more than %1 runs; vary fewer fields or fewer values")
                        .arg(kMaxRuns)
                        .toStdString());
        }
        if (const std::string problem = tb::engine::sweepTagProblem(tag().toStdString());
            !problem.empty())
            throw std::invalid_argument(problem);
        if (axes.empty())
            m_problem = tr("Choose a field and its values.");
        else
            m_runs = tb::engine::expandSweep(m_base, axes);
    } catch (const std::invalid_argument& e) {
        m_problem = toQString(e.what());
    }
    showRuns();
}

void SweepDialog::showRuns() {
    m_list->clear();
    const auto invalid = std::count_if(m_runs.begin(), m_runs.end(),
                                       [](const SweepRun& run) { return !run.issues.empty(); });
    for (const SweepRun& run : m_runs) {
        auto* item = new QListWidgetItem(toQString(run.name), m_list);
        if (run.issues.empty())
            continue;
        item->setText(tr("%1 \u2014 %2").arg(item->text(), issuesLine(run.issues)));
        item->setForeground(accent::kProblem);
        item->setToolTip(toQString(tb::engine::formatIssues(run.issues)).trimmed());
    }
    if (m_problem.isEmpty() && invalid > 0)
        m_problem = tr("%1 of %2 cannot train; change their values.")
                        .arg(invalid)
                        .arg(countOf(static_cast<long long>(m_runs.size()), tr("run"), tr("runs")));
    const int count = static_cast<int>(m_runs.size());
    const QString runs = countOf(count, tr("run"), tr("runs"));
    m_summary->setText(m_problem.isEmpty() ? tr("%1, trained in this order:").arg(runs)
                                           : m_problem);
    m_summary->setStyleSheet(m_problem.isEmpty()
                                 ? QString()
                                 : QStringLiteral("color: %1;").arg(accent::kProblem.name()));
    m_train->setText(tr("&Train %1").arg(runs));
    m_train->setEnabled(m_problem.isEmpty() && count > 0);
}

QString SweepDialog::tag() const {
    return m_tag->text().trimmed();
}

void SweepDialog::accept() {
    if (!m_problem.isEmpty() || m_runs.empty())
        return;
    QSettings().setValue(kAxesSetting, axes());
    QDialog::accept();
}

} // namespace tb::ui
