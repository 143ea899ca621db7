#include "ui/views/estimate_widget.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "engine/core/humanize.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {
namespace {

QTableWidget* make_table(const QString& name, const QStringList& headers, QWidget* parent) {
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->setVisible(false);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    t->setFocusPolicy(Qt::NoFocus);
    return t;
}

void set_cell(QTableWidget* t, int row, int column, const QString& text) {
    auto* item = new QTableWidgetItem(text);
    t->setItem(row, column, item);
}

} // namespace

EstimateWidget::EstimateWidget(QWidget* parent) : QWidget(parent) {
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("estimateTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_odds = new QLabel(this);
    m_odds->setObjectName(QStringLiteral("oddsLabel"));
    m_expected = new QLabel(this);
    m_expected->setObjectName(QStringLiteral("expectedLabel"));
    m_rate_label = new QLabel(this);
    m_rate_label->setObjectName(QStringLiteral("estimateRateLabel"));
    m_rate_label->setWordWrap(true);
    m_chances = make_table(QStringLiteral("chanceTable"), {tr("Chance"), tr("Keys"), tr("Time")}, this);
    m_partial = make_table(QStringLiteral("partialTable"), {tr("Whole words"), tr("Odds per key"), tr("Expected time")}, this);

    auto* form = new QFormLayout();
    form->addRow(tr("Odds per key"), m_odds);
    form->addRow(tr("Expected keys"), m_expected);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(form);
    layout->addWidget(m_rate_label);
    layout->addWidget(new QLabel(tr("To be this sure of a match"), this));
    layout->addWidget(m_chances);
    layout->addWidget(new QLabel(tr("Partial matches: at least this many whole words"), this));
    layout->addWidget(m_partial, 1);
    refresh();
}

void EstimateWidget::set_analysis(const PatternAnalysisPtr& analysis) {
    m_analysis = analysis;
    refresh();
}

void EstimateWidget::set_rate(double keys_per_second, const QString& engine_label) {
    m_rate = keys_per_second;
    m_engine_label = engine_label;
    refresh();
}

void EstimateWidget::show_pending() { m_title->setText(tr("Estimating…")); }

void EstimateWidget::refresh() {
    m_chances->setRowCount(0);
    m_partial->setRowCount(0);
    if (!m_analysis || !m_analysis->ok) {
        m_title->setText(tr("Estimate"));
        m_odds->setText(QStringLiteral("—"));
        m_expected->setText(QStringLiteral("—"));
        m_rate_label->setText(tr("Type a valid pattern to see its odds."));
        return;
    }
    const Estimate& e = m_analysis->estimate;
    m_title->setText(tr("“%1” in %2").arg(m_analysis->input.text.trimmed(), format_title(m_analysis->pattern->format)));
    m_odds->setText(qs(human_odds(e.probability)) + (e.exact ? tr("  (exact)") : tr("  (model, within 3 %)")));
    m_expected->setText(qs(human_count(e.expected_attempts)) +
                        (m_rate > 0 ? tr(", about %1").arg(qs(human_duration(e.expected_attempts / m_rate))) : QString()));
    m_rate_label->setText(m_rate > 0 ? tr("Times at %1 on %2.").arg(qs(human_rate(m_rate)), m_engine_label)
                                     : tr("Measuring the engine's rate…"));
    const double attempts[3] = {e.attempts_50, e.attempts_90, e.attempts_99};
    const char* names[3] = {"50 %", "90 %", "99 %"};
    m_chances->setRowCount(3);
    for (int i = 0; i < 3; ++i) {
        set_cell(m_chances, i, 0, QString::fromLatin1(names[i]));
        set_cell(m_chances, i, 1, qs(human_count(attempts[i])));
        set_cell(m_chances, i, 2, m_rate > 0 ? qs(human_duration(attempts[i] / m_rate)) : QStringLiteral("…"));
    }
    m_partial->setRowCount(static_cast<int>(e.partial.size()));
    for (std::size_t i = 0; i < e.partial.size(); ++i) {
        const PartialOdds& p = e.partial[i];
        const int row = static_cast<int>(i);
        set_cell(m_partial, row, 0, QString::number(p.words));
        set_cell(m_partial, row, 1, qs(human_odds(p.probability)));
        set_cell(m_partial, row, 2,
                 m_rate > 0 && p.probability > 0 ? qs(human_duration(1.0 / p.probability / m_rate)) : QStringLiteral("…"));
    }
}

} // namespace vanikeys::ui
