#include "ui/views/cost_page.h"

#include <QBarCategoryAxis>
#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>

#include "engine/core/humanize.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {
namespace {

constexpr double kFloor = 1e-6;  // log axes cannot show 0 (free electricity)

QChart* new_chart(const QString& title) {
    auto* chart = new QChart();
    chart->setTitle(title);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

QChartView* new_view(QChart* chart, const QString& name, QWidget* parent) {
    auto* view = new QChartView(chart, parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

void clear_chart(QChart* chart) {
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

double floor_value(double v) { return std::isfinite(v) && v > kFloor ? v : kFloor; }

QString platform_label(const cost::PlatformCost& row) { return qs(row.platform.name); }

} // namespace

CostPage::CostPage(CostChartModel* model, QWidget* parent) : QWidget(parent), m_model(model) {
    m_objective = new QComboBox(this);
    m_objective->setObjectName(QStringLiteral("objectiveCombo"));
    m_objective->addItem(tr("Cheapest"), static_cast<int>(cost::Objective::Cheapest));
    m_objective->addItem(tr("Fastest"), static_cast<int>(cost::Objective::Fastest));
    m_objective->addItem(tr("Cheapest within a deadline"), static_cast<int>(cost::Objective::CheapestWithinDeadline));
    m_quantile = new QComboBox(this);
    m_quantile->setObjectName(QStringLiteral("quantileCombo"));
    m_quantile->addItem(tr("on average"), static_cast<int>(cost::Quantile::Expected));
    m_quantile->addItem(tr("for a 50 % chance"), static_cast<int>(cost::Quantile::P50));
    m_quantile->addItem(tr("for a 90 % chance"), static_cast<int>(cost::Quantile::P90));
    m_quantile->addItem(tr("for a 99 % chance"), static_cast<int>(cost::Quantile::P99));
    m_deadline = new QDoubleSpinBox(this);
    m_deadline->setObjectName(QStringLiteral("deadlineSpin"));
    m_deadline->setRange(1, 1e9);
    m_deadline->setValue(600);
    m_deadline->setSuffix(tr(" s"));
    m_deadline->setDecimals(0);
    m_jobs_per_day = new QDoubleSpinBox(this);
    m_jobs_per_day->setObjectName(QStringLiteral("jobsPerDaySpin"));
    m_jobs_per_day->setRange(0, 1e7);
    m_jobs_per_day->setDecimals(0);
    m_jobs_per_day->setValue(m_model->jobs_per_day());
    m_warm = new QCheckBox(tr("Warm worker (no cold start)"), this);
    m_warm->setObjectName(QStringLiteral("warmCheck"));
    m_export_png = new QPushButton(tr("Export PNG…"), this);
    m_export_png->setObjectName(QStringLiteral("exportPngButton"));
    m_export_csv = new QPushButton(tr("Export CSV…"), this);
    m_export_csv->setObjectName(QStringLiteral("exportCsvButton"));
    m_choice = new QLabel(this);
    m_choice->setObjectName(QStringLiteral("routerChoiceLabel"));
    m_choice->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("costErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));

    m_cost_chart = new_chart(tr("Cost of one job (box: 50–90 %, whiskers to 99 %, line: expected)"));
    m_time_chart = new_chart(tr("Time of one job"));
    m_monthly_chart = new_chart(tr("Monthly cost against jobs per day (dots: breakevens)"));
    m_charts = new QWidget(this);
    auto* grid = new QGridLayout(m_charts);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(new_view(m_cost_chart, QStringLiteral("costChart"), m_charts), 0, 0);
    grid->addWidget(new_view(m_time_chart, QStringLiteral("timeChart"), m_charts), 0, 1);
    grid->addWidget(new_view(m_monthly_chart, QStringLiteral("monthlyChart"), m_charts), 1, 0, 1, 2);

    auto* controls = new QHBoxLayout();
    controls->addWidget(new QLabel(tr("Choose"), this));
    controls->addWidget(m_objective);
    controls->addWidget(m_quantile);
    controls->addWidget(m_deadline);
    controls->addWidget(new QLabel(tr("Jobs a day"), this));
    controls->addWidget(m_jobs_per_day);
    controls->addWidget(m_warm);
    controls->addStretch(1);
    controls->addWidget(m_export_png);
    controls->addWidget(m_export_csv);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_choice);
    layout->addWidget(m_error);
    layout->addWidget(m_charts, 1);

    connect(m_objective, &QComboBox::currentIndexChanged, this, &CostPage::apply_controls);
    connect(m_quantile, &QComboBox::currentIndexChanged, this, &CostPage::apply_controls);
    connect(m_deadline, &QDoubleSpinBox::valueChanged, this, &CostPage::apply_controls);
    connect(m_jobs_per_day, &QDoubleSpinBox::valueChanged, this, [this](double v) { m_model->set_jobs_per_day(v); });
    connect(m_warm, &QCheckBox::toggled, this, [this](bool on) {
        m_model->set_start(on ? cost::StartAssumption::Warm : cost::StartAssumption::Cold);
    });
    connect(m_export_png, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export charts"), QStringLiteral("vanikeys-costs.png"),
                                                          tr("PNG image (*.png)"));
        if (!path.isEmpty()) export_png(path);
    });
    connect(m_export_csv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export table"), QStringLiteral("vanikeys-costs.csv"),
                                                          tr("CSV (*.csv)"));
        if (!path.isEmpty()) export_csv(path);
    });
    connect(m_model, &CostChartModel::changed, this, &CostPage::rebuild);
    apply_controls();
}

void CostPage::apply_controls() {
    cost::ObjectiveRequest r;
    r.objective = static_cast<cost::Objective>(m_objective->currentData().toInt());
    r.quantile = static_cast<cost::Quantile>(m_quantile->currentData().toInt());
    r.deadline_s = m_deadline->value();
    m_deadline->setEnabled(r.objective == cost::Objective::CheapestWithinDeadline);
    m_model->set_objective(r);
}

QString CostPage::choice_text() const { return m_choice->text(); }

void CostPage::rebuild() {
    clear_chart(m_cost_chart);
    clear_chart(m_time_chart);
    clear_chart(m_monthly_chart);
    m_cost_series = nullptr;
    m_time_series = nullptr;
    m_breakeven_series = nullptr;
    m_error->setText(m_model->error());
    m_error->setVisible(!m_model->error().isEmpty());
    const auto& table = m_model->table();
    m_export_png->setEnabled(table.has_value());
    m_export_csv->setEnabled(table.has_value());
    if (!table) {
        m_choice->setText(tr("Type a valid pattern to compare platforms."));
        return;
    }
    const cost::PlatformChoice& choice = m_model->choice();
    m_choice->setText(choice.platform_id.empty()
                          ? tr("No platform qualifies: %1").arg(qs(choice.reason))
                          : tr("<b>Router's choice for “%1”:</b> %2").arg(m_model->pattern_text().toHtmlEscaped(),
                                                                          qs(choice.reason).toHtmlEscaped()));

    // Cost and time per platform: one box per platform, 50 % to 90 % with whiskers to 99 %.
    QStringList categories;
    m_cost_series = new QBoxPlotSeries();
    m_cost_series->setObjectName(QStringLiteral("costSeries"));
    m_cost_series->setName(tr("cost (USD)"));
    m_time_series = new QBoxPlotSeries();
    m_time_series->setObjectName(QStringLiteral("timeSeries"));
    m_time_series->setName(tr("time (s)"));
    double cost_min = 1e300, cost_max = 0, time_min = 1e300, time_max = 0;
    for (const cost::PlatformCost& row : table->rows) {
        categories << platform_label(row);
        const bool chosen = row.platform.id == choice.platform_id;
        auto box = [&](QBoxPlotSeries* series, double e, double p50, double p90, double p99, double& lo, double& hi) {
            auto* set = new QBoxSet(floor_value(p50), floor_value(p50), floor_value(e), floor_value(p90),
                                    floor_value(p99), platform_label(row));
            set->setBrush(chosen ? QColor(0xff, 0xa0, 0x00) : QColor(0x64, 0xb5, 0xf6));
            series->append(set);
            lo = std::min(lo, floor_value(p50));
            hi = std::max(hi, floor_value(p99));
        };
        box(m_cost_series, row.at(cost::Quantile::Expected).usd, row.at(cost::Quantile::P50).usd,
            row.at(cost::Quantile::P90).usd, row.at(cost::Quantile::P99).usd, cost_min, cost_max);
        box(m_time_series, row.at(cost::Quantile::Expected).seconds, row.at(cost::Quantile::P50).seconds,
            row.at(cost::Quantile::P90).seconds, row.at(cost::Quantile::P99).seconds, time_min, time_max);
    }
    auto attach = [&](QChart* chart, QBoxPlotSeries* series, double lo, double hi, const QString& title) {
        chart->addSeries(series);
        auto* x = new QBarCategoryAxis();
        x->append(categories);
        x->setLabelsAngle(-40);
        auto* y = new QLogValueAxis();
        y->setBase(10);
        y->setTitleText(title);
        y->setLabelFormat(QStringLiteral("%.2g"));
        y->setRange(lo / 2, hi * 2);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
        chart->legend()->setVisible(false);
    };
    attach(m_cost_chart, m_cost_series, cost_min, cost_max, tr("USD (log)"));
    attach(m_time_chart, m_time_series, time_min, time_max, tr("seconds (log)"));
    const auto* rows = &table->rows;
    connect(m_cost_series, &QBoxPlotSeries::hovered, this, [rows](bool on, QBoxSet* set) {
        if (!on || !set) return QToolTip::hideText();
        for (const cost::PlatformCost& row : *rows) {
            if (platform_label(row) != set->label()) continue;
            QToolTip::showText(QCursor::pos(),
                               tr("%1\nexpected %2\n50 %: %3 · 90 %: %4 · 99 %: %5\nrate %6 (%7)")
                                   .arg(set->label(), qs(human_usd(row.at(cost::Quantile::Expected).usd)),
                                        qs(human_usd(row.at(cost::Quantile::P50).usd)),
                                        qs(human_usd(row.at(cost::Quantile::P90).usd)),
                                        qs(human_usd(row.at(cost::Quantile::P99).usd)),
                                        qs(human_rate(row.rate.keys_per_second)),
                                        qs(cost::rate_source_text(row.rate.source))));
        }
    });
    connect(m_time_series, &QBoxPlotSeries::hovered, this, [rows](bool on, QBoxSet* set) {
        if (!on || !set) return QToolTip::hideText();
        for (const cost::PlatformCost& row : *rows) {
            if (platform_label(row) != set->label()) continue;
            QToolTip::showText(QCursor::pos(),
                               tr("%1\nexpected %2 (start %3)\n50 %: %4 · 90 %: %5 · 99 %: %6")
                                   .arg(set->label(), qs(human_duration(row.at(cost::Quantile::Expected).seconds)),
                                        qs(human_duration(row.start_s)),
                                        qs(human_duration(row.at(cost::Quantile::P50).seconds)),
                                        qs(human_duration(row.at(cost::Quantile::P90).seconds)),
                                        qs(human_duration(row.at(cost::Quantile::P99).seconds))));
        }
    });

    // Monthly cost against jobs per day, sampled along a log axis; breakevens as dots.
    auto* x = new QLogValueAxis();
    x->setBase(10);
    x->setTitleText(tr("jobs per day (log)"));
    x->setLabelFormat(QStringLiteral("%.0f"));
    x->setRange(1, 1e5);
    auto* y = new QLogValueAxis();
    y->setBase(10);
    y->setTitleText(tr("USD per month (log)"));
    y->setLabelFormat(QStringLiteral("%.2g"));
    m_monthly_chart->addAxis(x, Qt::AlignBottom);
    m_monthly_chart->addAxis(y, Qt::AlignLeft);
    double y_min = 1e300, y_max = 0;
    for (const cost::PlatformCost& row : table->rows) {
        auto* line = new QLineSeries();
        line->setName(platform_label(row));
        if (row.platform.id == choice.platform_id) {
            QPen pen(QColor(0xff, 0xa0, 0x00));
            pen.setWidth(4);
            line->setPen(pen);
        }
        for (int i = 0; i <= 25; ++i) {
            const double jobs = std::pow(10.0, 5.0 * i / 25.0);
            const double usd = floor_value(cost::monthly_cost(row, jobs).usd);
            line->append(jobs, usd);
            y_min = std::min(y_min, usd);
            y_max = std::max(y_max, usd);
        }
        m_monthly_chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
        const QString name = platform_label(row);
        connect(line, &QLineSeries::hovered, this, [name](const QPointF& p, bool on) {
            if (!on) return QToolTip::hideText();
            QToolTip::showText(QCursor::pos(), tr("%1: %2 jobs a day cost %3 a month")
                                                   .arg(name, qs(human_count(p.x())), qs(human_usd(p.y()))));
        });
    }
    m_breakeven_series = new QScatterSeries();
    m_breakeven_series->setObjectName(QStringLiteral("breakevenSeries"));
    m_breakeven_series->setName(tr("breakeven"));
    m_breakeven_series->setMarkerSize(11);
    m_breakeven_series->setColor(QColor(0xc6, 0x28, 0x28));
    for (const cost::Breakeven& b : table->breakevens) {
        if (!b.within_capacity || !std::isfinite(b.jobs_per_day) || b.jobs_per_day < 1 || b.jobs_per_day > 1e5) continue;
        const cost::PlatformCost* on_demand = table->find(b.on_demand_id);
        if (!on_demand) continue;
        m_breakeven_series->append(b.jobs_per_day, floor_value(cost::monthly_cost(*on_demand, b.jobs_per_day).usd));
    }
    m_monthly_chart->addSeries(m_breakeven_series);
    m_breakeven_series->attachAxis(x);
    m_breakeven_series->attachAxis(y);
    const auto* breakevens = &table->breakevens;
    connect(m_breakeven_series, &QScatterSeries::hovered, this, [breakevens](const QPointF& p, bool on) {
        if (!on) return QToolTip::hideText();
        for (const cost::Breakeven& b : *breakevens) {
            if (std::abs(b.jobs_per_day - p.x()) > 1e-6 * b.jobs_per_day) continue;
            QToolTip::showText(QCursor::pos(), tr("Above %1 jobs a day (%2 a month), %3 is cheaper than %4")
                                                   .arg(qs(human_count(b.jobs_per_day)), qs(human_count(b.jobs_per_month)),
                                                        qs(b.dedicated_id), qs(b.on_demand_id)));
        }
    });
    y->setRange(y_min / 2, y_max * 2);
    m_monthly_chart->legend()->setAlignment(Qt::AlignRight);
}

bool CostPage::export_png(const QString& path) { return m_charts->grab().save(path, "PNG"); }

bool CostPage::export_csv(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return file.write(m_model->csv().toUtf8()) >= 0;
}

} // namespace vanikeys::ui
