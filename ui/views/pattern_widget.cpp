#include "ui/views/pattern_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "ui/views/qt_text.h"

namespace vanikeys::ui {

PatternWidget::PatternWidget(QWidget* parent) : QWidget(parent) {
    m_pattern = new QLineEdit(this);
    m_pattern->setObjectName(QStringLiteral("patternEdit"));
    m_pattern->setPlaceholderText(tr("Words to find, e.g. GO BE   (^ pins the start, $ the end, ? is any character)"));
    m_pattern->setClearButtonEnabled(true);
    QFont mono = m_pattern->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setPointSizeF(mono.pointSizeF() * 1.2);
    m_pattern->setFont(mono);

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("formatCombo"));
    for (const FormatInfo& f : kFormats) m_format->addItem(qs(f.title), qs(f.name));

    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("modeCombo"));
    m_mode->addItem(tr("Words in order"), QStringLiteral("sequence"));
    m_mode->addItem(tr("Starts with"), QStringLiteral("prefix"));
    m_mode->addItem(tr("Ends with"), QStringLiteral("suffix"));
    m_mode->addItem(tr("Contains"), QStringLiteral("contains"));

    m_case = new QCheckBox(tr("Case-sensitive"), this);
    m_case->setObjectName(QStringLiteral("caseSensitiveCheck"));
    m_fuzzy = new QCheckBox(tr("Fuzzy (O=0, I=1=L, E=3 …)"), this);
    m_fuzzy->setObjectName(QStringLiteral("fuzzyCheck"));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("patternMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);

    m_engine = new QComboBox(this);
    m_engine->setObjectName(QStringLiteral("engineCombo"));
    m_engine->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_rate = new QLabel(this);
    m_rate->setObjectName(QStringLiteral("engineRateLabel"));
    m_recalibrate = new QPushButton(tr("Measure again"), this);
    m_recalibrate->setObjectName(QStringLiteral("recalibrateButton"));
    m_recalibrate->setToolTip(tr("Run the short calibration bench again for this engine and format"));

    auto* grid = new QGridLayout(this);
    auto* pattern_label = new QLabel(tr("&Pattern"), this);
    pattern_label->setBuddy(m_pattern);
    grid->addWidget(pattern_label, 0, 0);
    grid->addWidget(m_pattern, 0, 1, 1, 5);
    grid->addWidget(new QLabel(tr("Format"), this), 1, 0);
    grid->addWidget(m_format, 1, 1);
    grid->addWidget(m_mode, 1, 2);
    grid->addWidget(m_case, 1, 3);
    grid->addWidget(m_fuzzy, 1, 4);
    grid->addWidget(m_message, 2, 1, 1, 5);
    auto* engine_row = new QHBoxLayout();
    engine_row->addWidget(m_engine);
    engine_row->addWidget(m_rate, 1);
    engine_row->addWidget(m_recalibrate);
    grid->addWidget(new QLabel(tr("Engine"), this), 3, 0);
    grid->addLayout(engine_row, 3, 1, 1, 5);
    grid->setColumnStretch(5, 1);

    connect(m_pattern, &QLineEdit::textChanged, this, &PatternWidget::emit_input);
    connect(m_format, &QComboBox::currentIndexChanged, this, &PatternWidget::emit_input);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &PatternWidget::emit_input);
    connect(m_case, &QCheckBox::toggled, this, &PatternWidget::emit_input);
    connect(m_fuzzy, &QCheckBox::toggled, this, &PatternWidget::emit_input);
    connect(m_engine, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating) Q_EMIT engine_changed(engine_id());
    });
    connect(m_recalibrate, &QPushButton::clicked, this, &PatternWidget::recalibrate_requested);
}

PatternInput PatternWidget::input() const {
    PatternInput in;
    in.text = m_pattern->text();
    in.format = parse_format_name(m_format->currentData().toString().toStdString()).value_or(KeyFormat::DidKey);
    in.options.mode = parse_match_mode(m_mode->currentData().toString().toStdString()).value_or(MatchMode::Sequence);
    in.options.case_sensitive = m_case->isChecked();
    in.options.fuzzy = m_fuzzy->isChecked();
    return in;
}

void PatternWidget::set_input(const PatternInput& in) {
    m_updating = true;
    m_format->setCurrentIndex(std::max(0, m_format->findData(format_name(in.format))));
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(qs(match_mode_name(in.options.mode)))));
    m_case->setChecked(in.options.case_sensitive);
    m_fuzzy->setChecked(in.options.fuzzy);
    m_pattern->setText(in.text);
    m_updating = false;
    emit_input();
}

void PatternWidget::emit_input() {
    if (m_updating) return;
    Q_EMIT input_changed(input());
}

void PatternWidget::show_pending() {
    if (m_message->text().isEmpty()) m_message->setText(tr("Checking…"));
}

void PatternWidget::show_analysis(const PatternAnalysisPtr& a) {
    if (!a || (!a->ok && a->error.isEmpty())) {
        m_message->setStyleSheet(QString());
        m_message->setText(tr("Type the words you want to see in your address."));
        return;
    }
    if (!a->ok) {
        m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
        m_message->setText(a->error);
        return;
    }
    m_message->setStyleSheet(QStringLiteral("color: #2e7d32;"));
    m_message->setText(tr("✓ %1 characters to match in the free part after “%2”")
                           .arg(a->pattern->char_count())
                           .arg(qs(format_info(a->pattern->format).fixed_lead)));
}

void PatternWidget::set_engines(const std::vector<EngineEntry>& engines, const QString& selected_id) {
    m_updating = true;
    m_engine->clear();
    for (const EngineEntry& e : engines) m_engine->addItem(e.label, e.id);
    m_engine->setCurrentIndex(std::max(0, m_engine->findData(selected_id)));
    m_updating = false;
}

QString PatternWidget::engine_id() const { return m_engine->currentData().toString(); }

void PatternWidget::set_engine_id(const QString& id) {
    const int index = m_engine->findData(id);
    if (index >= 0) m_engine->setCurrentIndex(index);
}

void PatternWidget::set_rate_text(const QString& text) { m_rate->setText(text); }

void PatternWidget::focus_pattern() {
    m_pattern->setFocus();
    m_pattern->selectAll();
}

} // namespace vanikeys::ui
