#include "ui/models/cost_chart_model.h"

#include <QDate>

#include "cloud/cost/cost_report.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {

CostChartModel::CostChartModel(AppSettings* settings, QObject* parent) : QObject(parent), m_settings(settings) {
    connect(m_settings, &AppSettings::prices_changed, this, &CostChartModel::reload_catalog);
    reload_catalog();
}

void CostChartModel::reload_catalog() {
    std::vector<cost::CatalogOverride> overrides;
    QStringList problems;
    for (const QString& line : m_settings->price_overrides()) {
        if (line.trimmed().isEmpty()) continue;
        auto o = cost::parse_override(line.trimmed().toStdString());
        if (o) overrides.push_back(std::move(o.value()));
        else problems << qs(o.error().message);
    }
    const QString path = m_settings->catalog_path();
    auto catalog = path.isEmpty() ? cost::builtin_catalog(overrides)
                                  : cost::load_catalog_file(path.toStdString(), overrides);
    if (!catalog) {
        problems << qs(catalog.error().message);
        // Fall back to the built-in prices so the charts still show something.
        auto builtin = cost::builtin_catalog();
        if (builtin) m_catalog = std::move(builtin.value());
    } else {
        m_catalog = std::move(catalog.value());
    }
    m_error = problems.join(QLatin1Char('\n'));
    rebuild();
}

void CostChartModel::set_job(KeyFormat format, const Estimate& estimate, const QString& pattern_text) {
    m_format = format;
    m_estimate = estimate;
    m_pattern_text = pattern_text;
    rebuild();
}

void CostChartModel::clear_job() {
    m_format.reset();
    m_pattern_text.clear();
    rebuild();
}

void CostChartModel::set_local_rate(const QString& platform_id, KeyFormat format, double keys_per_second,
                                    const QString& detail) {
    if (!m_rates.record_measurement(platform_id.toStdString(), format, keys_per_second, detail.toStdString(),
                                    QDate::currentDate().toString(Qt::ISODate).toStdString()))
        return;
    rebuild();
}

void CostChartModel::set_jobs_per_day(double jobs_per_day) {
    m_jobs_per_day = jobs_per_day;
    rebuild();
}

void CostChartModel::set_objective(const cost::ObjectiveRequest& request) {
    m_objective = request;
    rebuild();
}

void CostChartModel::set_start(cost::StartAssumption start) {
    m_start = start;
    rebuild();
}

void CostChartModel::rebuild() {
    m_table.reset();
    m_choice = {};
    if (m_catalog && m_format && m_estimate.probability > 0) {
        cost::CostModel model(*m_catalog, m_rates);
        cost::CostQuery query{*m_format,
                              cost::JobSize::from_attempts(m_estimate.expected_attempts, m_estimate.attempts_50,
                                                           m_estimate.attempts_90, m_estimate.attempts_99),
                              m_start, m_jobs_per_day};
        auto table = model.table(query);
        if (table) {
            m_table = std::move(table.value());
            m_choice = cost::choose_platform(*m_table, m_objective);
        } else {
            m_error = qs(table.error().message);
        }
    }
    Q_EMIT changed();
}

QString CostChartModel::csv() const { return m_table ? qs(cost::cost_table_csv(*m_table)) : QString(); }

} // namespace vanikeys::ui
