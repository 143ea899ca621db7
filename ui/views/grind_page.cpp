#include "ui/views/grind_page.h"

#include <QChart>
#include <QChartView>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "engine/core/humanize.h"
#include "engine/format/address.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {
namespace {

constexpr int kMaxPoints = 1200;

// Keeps a live series light: past kMaxPoints, every other point of the older half goes.
void thin(QLineSeries* series) {
    if (series->count() <= kMaxPoints) return;
    QList<QPointF> points = series->points();
    QList<QPointF> kept;
    const int half = static_cast<int>(points.size()) / 2;
    for (int i = 0; i < static_cast<int>(points.size()); ++i)
        if (i >= half || i % 2 == 0) kept.append(points[i]);
    series->replace(kept);
}

// A "nice" axis maximum at or above v.
double nice_max(double v) {
    if (!(v > 0)) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (v <= step * magnitude) return step * magnitude;
    return 10 * magnitude;
}

} // namespace

GrindPage::GrindPage(QWidget* parent) : QWidget(parent) {
    m_start = new QPushButton(tr("&Start grind"), this);
    m_start->setObjectName(QStringLiteral("startGrindButton"));
    m_pause = new QPushButton(tr("Pa&use"), this);
    m_pause->setObjectName(QStringLiteral("pauseGrindButton"));
    m_stop = new QPushButton(tr("S&top"), this);
    m_stop->setObjectName(QStringLiteral("stopGrindButton"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("grindStatusLabel"));
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);

    m_attempts = new QLabel(QStringLiteral("0"), this);
    m_attempts->setObjectName(QStringLiteral("grindAttemptsLabel"));
    m_elapsed = new QLabel(QStringLiteral("0 s"), this);
    m_elapsed->setObjectName(QStringLiteral("grindElapsedLabel"));
    m_rate = new QLabel(QStringLiteral("—"), this);
    m_rate->setObjectName(QStringLiteral("grindRateLabel"));
    m_eta = new QLabel(QStringLiteral("—"), this);
    m_eta->setObjectName(QStringLiteral("grindEtaLabel"));
    m_eta->setWordWrap(true);
    m_chance = new QLabel(QStringLiteral("0 %"), this);
    m_chance->setObjectName(QStringLiteral("grindChanceLabel"));
    m_best = new QLabel(QStringLiteral("—"), this);
    m_best->setObjectName(QStringLiteral("grindBestLabel"));
    m_best->setTextFormat(Qt::RichText);
    m_best->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("grindMessage"));
    m_message->setWordWrap(true);

    m_offer = new QFrame(this);
    m_offer->setObjectName(QStringLiteral("checkpointOffer"));
    m_offer->setFrameShape(QFrame::StyledPanel);
    m_offer_text = new QLabel(m_offer);
    m_offer_text->setWordWrap(true);
    auto* resume_saved = new QPushButton(tr("Continue it"), m_offer);
    resume_saved->setObjectName(QStringLiteral("resumeCheckpointButton"));
    auto* discard_saved = new QPushButton(tr("Discard"), m_offer);
    discard_saved->setObjectName(QStringLiteral("discardCheckpointButton"));
    auto* offer_layout = new QHBoxLayout(m_offer);
    offer_layout->addWidget(m_offer_text, 1);
    offer_layout->addWidget(resume_saved);
    offer_layout->addWidget(discard_saved);
    m_offer->hide();

    auto* buttons = new QHBoxLayout();
    buttons->addWidget(m_start);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_status, 1);

    auto* figures = new QGridLayout();
    figures->addWidget(new QLabel(tr("Attempts"), this), 0, 0);
    figures->addWidget(m_attempts, 0, 1);
    figures->addWidget(new QLabel(tr("Elapsed"), this), 0, 2);
    figures->addWidget(m_elapsed, 0, 3);
    figures->addWidget(new QLabel(tr("Rate"), this), 0, 4);
    figures->addWidget(m_rate, 0, 5);
    figures->addWidget(new QLabel(tr("Chance so far"), this), 1, 0);
    figures->addWidget(m_chance, 1, 1);
    figures->addWidget(new QLabel(tr("ETA"), this), 1, 2);
    figures->addWidget(m_eta, 1, 3, 1, 3);
    figures->addWidget(new QLabel(tr("Best so far"), this), 2, 0);
    figures->addWidget(m_best, 2, 1, 1, 5);
    figures->setColumnStretch(5, 1);

    QChartView* best_view = make_chart_view(QStringLiteral("bestScoreChart"), tr("Best score (characters) over attempts"), &m_best_chart);
    QChartView* rate_view = make_chart_view(QStringLiteral("rateChart"), tr("Keys per second over time"), &m_rate_chart);
    QChartView* chance_view = make_chart_view(QStringLiteral("chanceChart"), tr("Chance of a match so far"), &m_chance_chart);

    m_best_series = new QLineSeries(this);
    m_best_series->setObjectName(QStringLiteral("bestSeries"));
    m_best_series->setName(tr("best score"));
    m_best_chart->addSeries(m_best_series);
    m_best_x = new QValueAxis(this);
    m_best_x->setLabelFormat(QStringLiteral("%.3g"));
    m_best_x->setTitleText(tr("attempts"));
    m_best_y = new QValueAxis(this);
    m_best_y->setLabelFormat(QStringLiteral("%d"));
    m_best_chart->addAxis(m_best_x, Qt::AlignBottom);
    m_best_chart->addAxis(m_best_y, Qt::AlignLeft);
    m_best_series->attachAxis(m_best_x);
    m_best_series->attachAxis(m_best_y);

    m_rate_series = new QLineSeries(this);
    m_rate_series->setObjectName(QStringLiteral("rateSeries"));
    m_rate_series->setName(tr("keys/s"));
    m_rate_chart->addSeries(m_rate_series);
    m_rate_x = new QValueAxis(this);
    m_rate_x->setTitleText(tr("seconds"));
    m_rate_x->setLabelFormat(QStringLiteral("%.0f"));
    m_rate_y = new QValueAxis(this);
    m_rate_y->setLabelFormat(QStringLiteral("%.3g"));
    m_rate_chart->addAxis(m_rate_x, Qt::AlignBottom);
    m_rate_chart->addAxis(m_rate_y, Qt::AlignLeft);
    m_rate_series->attachAxis(m_rate_x);
    m_rate_series->attachAxis(m_rate_y);

    m_law_series = new QLineSeries(this);
    m_law_series->setObjectName(QStringLiteral("chanceLawSeries"));
    m_law_series->setName(tr("1-(1-p)^n"));
    QPen dashed(QColor(0x90, 0x90, 0x90));
    dashed.setStyle(Qt::DashLine);
    m_law_series->setPen(dashed);
    m_chance_series = new QLineSeries(this);
    m_chance_series->setObjectName(QStringLiteral("chanceSeries"));
    m_chance_series->setName(tr("so far"));
    QPen solid(QColor(0x1e, 0x88, 0xe5));
    solid.setWidth(3);
    m_chance_series->setPen(solid);
    m_marks = new QScatterSeries(this);
    m_marks->setObjectName(QStringLiteral("chanceMarksSeries"));
    m_marks->setName(tr("50/90/99 %"));
    m_marks->setMarkerSize(9);
    m_marks->setPointLabelsVisible(true);
    m_marks->setPointLabelsFormat(QStringLiteral("@yPoint %"));
    m_chance_chart->addSeries(m_law_series);
    m_chance_chart->addSeries(m_chance_series);
    m_chance_chart->addSeries(m_marks);
    m_chance_x = new QValueAxis(this);
    m_chance_x->setTitleText(tr("attempts"));
    m_chance_x->setLabelFormat(QStringLiteral("%.3g"));
    m_chance_y = new QValueAxis(this);
    m_chance_y->setRange(0, 100);
    m_chance_y->setLabelFormat(QStringLiteral("%d %%"));
    m_chance_chart->addAxis(m_chance_x, Qt::AlignBottom);
    m_chance_chart->addAxis(m_chance_y, Qt::AlignLeft);
    for (auto* s : {static_cast<QXYSeries*>(m_law_series), static_cast<QXYSeries*>(m_chance_series),
                    static_cast<QXYSeries*>(m_marks)}) {
        s->attachAxis(m_chance_x);
        s->attachAxis(m_chance_y);
    }

    auto* charts = new QGridLayout();
    charts->addWidget(best_view, 0, 0);
    charts->addWidget(rate_view, 0, 1);
    charts->addWidget(chance_view, 1, 0, 1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_offer);
    layout->addLayout(buttons);
    layout->addLayout(figures);
    layout->addWidget(m_message);
    layout->addLayout(charts, 1);

    connect(m_start, &QPushButton::clicked, this, &GrindPage::start_requested);
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_state == GrindState::Paused) Q_EMIT resume_requested();
        else Q_EMIT pause_requested();
    });
    connect(m_stop, &QPushButton::clicked, this, &GrindPage::stop_requested);
    connect(resume_saved, &QPushButton::clicked, this, &GrindPage::resume_checkpoint_requested);
    connect(discard_saved, &QPushButton::clicked, this, &GrindPage::discard_checkpoint_requested);
    reset_charts();
    set_state(GrindState::Idle, false);
}

QChartView* GrindPage::make_chart_view(const QString& name, const QString& title, QChart** chart) {
    *chart = new QChart();
    (*chart)->setTitle(title);
    (*chart)->legend()->setVisible(false);
    (*chart)->setMargins(QMargins(4, 4, 4, 4));
    auto* view = new QChartView(*chart, this);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(170);
    return view;
}

void GrindPage::set_analysis(const PatternAnalysisPtr& analysis) {
    m_analysis = analysis;
    reset_charts();
}

void GrindPage::reset_charts() {
    m_best_series->clear();
    m_best_steps.clear();
    m_rate_series->clear();
    m_chance_series->clear();
    m_last_best = 0;
    m_rate_max = 0;
    const int total = m_analysis && m_analysis->pattern ? m_analysis->pattern->char_count() : 1;
    m_best_y->setRange(0, total);
    m_best_y->setTickCount(std::min(total, 10) + 1);
    m_best_x->setRange(0, 1);
    m_rate_x->setRange(0, 10);
    m_rate_y->setRange(0, 1);
    m_chance_chart->legend()->setVisible(m_analysis != nullptr);
    update_law_curve(m_analysis && m_analysis->ok ? m_analysis->estimate.attempts_99 * 1.05 : 1);
}

void GrindPage::update_law_curve(double max_attempts) {
    m_law_max = max_attempts;
    m_law_series->clear();
    m_marks->clear();
    m_chance_x->setRange(0, nice_max(max_attempts));
    if (!m_analysis || !m_analysis->ok) return;
    const double p = m_analysis->estimate.probability;
    QList<QPointF> law;
    const double top = nice_max(max_attempts);
    for (int i = 0; i <= 100; ++i) {
        const double n = top * i / 100.0;
        law.append(QPointF(n, 100.0 * chance_after(p, n)));
    }
    m_law_series->replace(law);
    const Estimate& e = m_analysis->estimate;
    m_marks->append(e.attempts_50, 50);
    m_marks->append(e.attempts_90, 90);
    m_marks->append(e.attempts_99, 99);
}

void GrindPage::add_sample(const GrindSample& s) {
    // Best score: a step line through the corners where it improved, ending at the attempts now.
    if (m_best_steps.isEmpty()) m_best_steps.append(QPointF(0, m_last_best));
    if (s.best_chars != m_last_best) {
        m_best_steps.append(QPointF(s.attempts, m_last_best));
        m_best_steps.append(QPointF(s.attempts, s.best_chars));
        m_last_best = s.best_chars;
    }
    QList<QPointF> steps = m_best_steps;
    steps.append(QPointF(s.attempts, m_last_best));
    m_best_series->replace(steps);
    m_best_x->setRange(0, nice_max(s.attempts));

    if (s.keys_per_second > 0) {
        m_rate_series->append(s.seconds, s.keys_per_second);
        m_rate_max = std::max(m_rate_max, s.keys_per_second);
        m_rate_y->setRange(0, nice_max(m_rate_max * 1.1));
        m_rate_x->setRange(0, nice_max(std::max(10.0, s.seconds)));
        thin(m_rate_series);
    }

    m_chance_series->append(s.attempts, 100.0 * s.chance);
    thin(m_chance_series);
    if (s.attempts > m_law_max) update_law_curve(s.attempts * 1.2);

    m_attempts->setText(qs(human_count(s.attempts)));
    m_elapsed->setText(qs(human_duration(s.seconds)));
    m_rate->setText(s.keys_per_second > 0 ? qs(human_rate(s.keys_per_second)) : QStringLiteral("—"));
    m_chance->setText(qs(human_percent(s.chance)));
    if (m_analysis && m_analysis->ok && s.keys_per_second > 0) {
        const Estimate& e = m_analysis->estimate;
        const double expected = e.expected_attempts / s.keys_per_second;
        QString eta = tr("a hit is expected in %1 from any moment (each key is a fresh chance)").arg(qs(human_duration(expected)));
        if (s.attempts < e.attempts_90)
            eta += tr("; 90 % mark in %1").arg(qs(human_duration((e.attempts_90 - s.attempts) / s.keys_per_second)));
        m_eta->setText(eta);
    }
}

void GrindPage::set_best(const CheckpointBest& best, KeyFormat format) {
    m_best->setText(highlighted_address_html(best.address, best.matches, free_part_offset(format)) +
                    tr("  %1/%2").arg(best.matched_chars).arg(best.total_chars));
}

void GrindPage::set_state(GrindState state, bool can_start) {
    m_state = state;
    const bool active = state == GrindState::Running || state == GrindState::Pausing || state == GrindState::Stopping;
    m_start->setEnabled(!active && state != GrindState::Paused && can_start);
    m_pause->setEnabled(state == GrindState::Running || state == GrindState::Paused);
    m_pause->setText(state == GrindState::Paused ? tr("&Resume") : tr("Pa&use"));
    m_stop->setEnabled(active || state == GrindState::Paused);
    m_status->setText(grind_state_text(state));
}

void GrindPage::show_message(const QString& text, bool error) {
    m_message->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QStringLiteral("color: #2e7d32;"));
    m_message->setText(text);
}

void GrindPage::show_checkpoint_offer(const GrindCheckpoint* c) {
    if (!c) {
        m_offer->hide();
        return;
    }
    m_offer_text->setText(tr("A grind for “%1” (%2, %3) was interrupted after %4 attempts and %5. Continue where it left off?")
                              .arg(qs(c->pattern), format_name(c->format), qs(match_mode_name(c->options.mode)),
                                   qs(human_count(static_cast<double>(c->attempts))), qs(human_duration(c->seconds))));
    m_offer->show();
}

} // namespace vanikeys::ui
