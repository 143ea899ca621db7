#include "ui/views/cost_page.h"

#include <QBarCategoryAxis>
#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QCategoryAxis>
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
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPushButton>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>
#include <map>

#include "engine/core/humanize.h"
#include "ui/views/chart_axes.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {
namespace {

constexpr double kFloor = 1e-7;  // log axes cannot show 0 (free electricity)

QChart* new_chart(const QString& title) {
    auto* chart = new QChart();
    chart->setTitle(title);
    chart->setMargins(QMargins(4, 4, 16, 4));  // room for the last tick's label
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

// log10 of a value for a log-scaled chart; 0 and below sit at the floor.
double log_of(double v) { return std::log10(std::isfinite(v) && v > kFloor ? v : kFloor); }

// The range of the values a chart shows.
struct Span {
    double lo = 1e300;
    double hi = -1e300;
    void add(double v) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
};

} // namespace

QString platform_label(const cost::Platform& p) {
    // Longer labels are cut to "R…" on the charts' axes: about a dozen characters fit.
    constexpr int kFits = 12;
    if (p.kind == cost::PlatformKind::OwnHardware || p.hardware.empty()) return qs(p.name).left(kFits);
    QString model = qs(p.hardware);
    for (const char* vendor : {"NVIDIA ", "AMD ", "RTX ", "GeForce "}) model.remove(QLatin1String(vendor));
    model.remove(QRegularExpression(QStringLiteral("\\s*\\d+\\s*GB$")));
    const QString provider = qs(p.provider).section(QLatin1Char(' '), 0, 0);
    QString label = provider + QLatin1Char(' ') + model;
    if (label.size() <= kFits) return label;
    // Too long: the provider abbreviated ("RP 4000 Ada").
    static const std::map<QString, QString> kShort = {
        {QStringLiteral("RunPod"), QStringLiteral("RP")},
        {QStringLiteral("Northflank"), QStringLiteral("NF")},
        {QStringLiteral("Dedicated"), QStringLiteral("Ded.")},
    };
    const auto known = kShort.find(provider);
    label = (known != kShort.end() ? known->second : provider.left(4) + QLatin1Char('.')) + QLatin1Char(' ') + model;
    return label.size() <= kFits + 1 ? label : model.left(kFits);
}

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
    // Values are plotted as log10 (a log scale with readable ticks); tooltips give the numbers.
    QStringList categories;
    for (const cost::PlatformCost& row : table->rows) {
        QString label = platform_label(row.platform);
        while (categories.contains(label)) label += QLatin1Char('\'');  // categories must differ
        categories << label;
    }
    m_cost_series = new QBoxPlotSeries();
    m_cost_series->setObjectName(QStringLiteral("costSeries"));
    m_cost_series->setName(tr("cost (USD)"));
    m_time_series = new QBoxPlotSeries();
    m_time_series->setObjectName(QStringLiteral("timeSeries"));
    m_time_series->setName(tr("time (s)"));
    Span cost_span, time_span;
    for (std::size_t i = 0; i < table->rows.size(); ++i) {
        const cost::PlatformCost& row = table->rows[i];
        const bool chosen = row.platform.id == choice.platform_id;
        auto box = [&](QBoxPlotSeries* series, Span& span, double cost::JobCost::*field) {
            const double e = row.at(cost::Quantile::Expected).*field, p50 = row.at(cost::Quantile::P50).*field,
                         p90 = row.at(cost::Quantile::P90).*field, p99 = row.at(cost::Quantile::P99).*field;
            auto* set = new QBoxSet(log_of(p50), log_of(p50), log_of(e), log_of(p90), log_of(p99), categories[static_cast<int>(i)]);
            set->setBrush(chosen ? QColor(0xff, 0xa0, 0x00) : QColor(0x64, 0xb5, 0xf6));
            series->append(set);
            span.add(log_of(p50));
            span.add(log_of(p99));
        };
        box(m_cost_series, cost_span, &cost::JobCost::usd);
        box(m_time_series, time_span, &cost::JobCost::seconds);
    }
    auto attach = [&](QChart* chart, QBoxPlotSeries* series, const Span& span, const std::vector<LogTick>& ticks,
                      const QString& title) {
        chart->addSeries(series);
        auto* x = new QBarCategoryAxis();
        x->append(categories);
        x->setLabelsAngle(-90);
        QFont small = x->labelsFont();
        small.setPointSizeF(std::max(7.0, small.pointSizeF() - 1));
        x->setLabelsFont(small);
        auto* y = new QCategoryAxis();
        y->setTitleText(title);
        set_log_ticks(y, span.lo - 0.3, span.hi + 0.3, ticks, 6);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
        chart->legend()->setVisible(false);
    };
    attach(m_cost_chart, m_cost_series, cost_span, decade_ticks(-7, 12, usd_tick), tr("USD per job"));
    attach(m_time_chart, m_time_series, time_span, duration_ticks(), tr("time per job"));
    const auto* rows = &table->rows;
    auto row_of = [rows, categories](QBoxSet* set) -> const cost::PlatformCost* {
        const qsizetype i = set ? categories.indexOf(set->label()) : -1;
        return i >= 0 && static_cast<std::size_t>(i) < rows->size() ? &(*rows)[static_cast<std::size_t>(i)] : nullptr;
    };
    connect(m_cost_series, &QBoxPlotSeries::hovered, this, [row_of](bool on, QBoxSet* set) {
        const cost::PlatformCost* row = on ? row_of(set) : nullptr;
        if (!row) return QToolTip::hideText();
        QToolTip::showText(QCursor::pos(),
                           tr("%1\nexpected %2\n50 %: %3 · 90 %: %4 · 99 %: %5\nrate %6 (%7)")
                               .arg(qs(row->platform.name), qs(human_usd(row->at(cost::Quantile::Expected).usd)),
                                    qs(human_usd(row->at(cost::Quantile::P50).usd)),
                                    qs(human_usd(row->at(cost::Quantile::P90).usd)),
                                    qs(human_usd(row->at(cost::Quantile::P99).usd)),
                                    qs(human_rate(row->rate.keys_per_second)),
                                    qs(cost::rate_source_text(row->rate.source))));
    });
    connect(m_time_series, &QBoxPlotSeries::hovered, this, [row_of](bool on, QBoxSet* set) {
        const cost::PlatformCost* row = on ? row_of(set) : nullptr;
        if (!row) return QToolTip::hideText();
        QToolTip::showText(QCursor::pos(),
                           tr("%1\nexpected %2 (start %3)\n50 %: %4 · 90 %: %5 · 99 %: %6")
                               .arg(qs(row->platform.name), qs(human_duration(row->at(cost::Quantile::Expected).seconds)),
                                    qs(human_duration(row->start_s)),
                                    qs(human_duration(row->at(cost::Quantile::P50).seconds)),
                                    qs(human_duration(row->at(cost::Quantile::P90).seconds)),
                                    qs(human_duration(row->at(cost::Quantile::P99).seconds))));
    });

    // Monthly cost against jobs per day, both on log scales; breakevens as dots.
    auto* x = new QCategoryAxis();
    x->setTitleText(tr("jobs per day"));
    set_log_ticks(x, 0, 5.05, decade_ticks(0, 5, short_count));  // a little room for "100k"
    auto* y = new QCategoryAxis();
    y->setTitleText(tr("USD per month"));
    m_monthly_chart->addAxis(x, Qt::AlignBottom);
    m_monthly_chart->addAxis(y, Qt::AlignLeft);
    Span monthly;
    for (std::size_t i = 0; i < table->rows.size(); ++i) {
        const cost::PlatformCost& row = table->rows[i];
        auto* line = new QLineSeries();
        line->setName(categories[static_cast<int>(i)]);  // short: all of them fit in the legend
        if (row.platform.id == choice.platform_id) {
            QPen pen(QColor(0xff, 0xa0, 0x00));
            pen.setWidth(4);
            line->setPen(pen);
        }
        for (int step = 0; step <= 25; ++step) {
            const double jobs_log = 5.0 * step / 25.0;
            const double usd_log = log_of(cost::monthly_cost(row, std::pow(10.0, jobs_log)).usd);
            line->append(jobs_log, usd_log);
            monthly.add(usd_log);
        }
        m_monthly_chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
        const QString name = qs(row.platform.name);
        connect(line, &QLineSeries::hovered, this, [name](const QPointF& p, bool on) {
            if (!on) return QToolTip::hideText();
            QToolTip::showText(QCursor::pos(), tr("%1: %2 jobs a day cost %3 a month")
                                                   .arg(name, qs(human_count(std::pow(10.0, p.x()))),
                                                        qs(human_usd(std::pow(10.0, p.y())))));
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
        m_breakeven_series->append(std::log10(b.jobs_per_day), log_of(cost::monthly_cost(*on_demand, b.jobs_per_day).usd));
    }
    m_monthly_chart->addSeries(m_breakeven_series);
    m_breakeven_series->attachAxis(x);
    m_breakeven_series->attachAxis(y);
    for (QLegendMarker* marker : m_monthly_chart->legend()->markers(m_breakeven_series))
        marker->setVisible(false);  // the chart's title says what the dots are
    const auto* breakevens = &table->breakevens;
    connect(m_breakeven_series, &QScatterSeries::hovered, this, [breakevens](const QPointF& p, bool on) {
        if (!on) return QToolTip::hideText();
        const double jobs = std::pow(10.0, p.x());
        for (const cost::Breakeven& b : *breakevens) {
            if (std::abs(b.jobs_per_day - jobs) > 1e-6 * b.jobs_per_day) continue;
            QToolTip::showText(QCursor::pos(), tr("Above %1 jobs a day (%2 a month), %3 is cheaper than %4")
                                                   .arg(qs(human_count(b.jobs_per_day)), qs(human_count(b.jobs_per_month)),
                                                        qs(b.dedicated_id), qs(b.on_demand_id)));
        }
    });
    set_log_ticks(y, monthly.lo - 0.3, monthly.hi + 0.3, decade_ticks(-7, 12, usd_tick), 6);
    m_monthly_chart->legend()->setAlignment(Qt::AlignRight);
    QFont legend_font = m_monthly_chart->legend()->font();
    legend_font.setPointSizeF(std::max(7.0, legend_font.pointSizeF() - 1));
    m_monthly_chart->legend()->setFont(legend_font);
}

bool CostPage::export_png(const QString& path) { return m_charts->grab().save(path, "PNG"); }

bool CostPage::export_csv(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return file.write(m_model->csv().toUtf8()) >= 0;
}

} // namespace vanikeys::ui
