// CostChartModel: the cost table for the current pattern, as the Costs page plots it. It loads
// the pricing catalog (built-in or the settings' file) with the settings' price overrides,
// feeds the calibrated local rates into the RateBook, and rebuilds whenever a price, a rate or
// the pattern changes. Cheap (microseconds): it runs on the GUI thread.
#pragma once

#include <QObject>
#include <QString>

#include <optional>

#include "cloud/cost/cost_model.h"
#include "cloud/cost/objective.h"
#include "engine/estimate/estimate.h"
#include "ui/models/app_settings.h"

namespace vanikeys::ui {

class CostChartModel : public QObject {
    Q_OBJECT
public:
    explicit CostChartModel(AppSettings* settings, QObject* parent = nullptr);

    void set_job(KeyFormat format, const Estimate& estimate, const QString& pattern_text);
    void clear_job();
    // Local measurements: "own-cpu" / "own-gpu" rates from the calibration bench.
    void set_local_rate(const QString& platform_id, KeyFormat format, double keys_per_second, const QString& detail);
    void set_jobs_per_day(double jobs_per_day);
    void set_objective(const cost::ObjectiveRequest& request);
    void set_start(cost::StartAssumption start);

    [[nodiscard]] const std::optional<cost::CostTable>& table() const { return m_table; }
    [[nodiscard]] const cost::PlatformChoice& choice() const { return m_choice; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QString pattern_text() const { return m_pattern_text; }
    [[nodiscard]] const cost::ObjectiveRequest& objective() const { return m_objective; }
    [[nodiscard]] double jobs_per_day() const { return m_jobs_per_day; }
    [[nodiscard]] QString csv() const;

    // Reloads the catalog (settings changed) and rebuilds.
    void reload_catalog();

Q_SIGNALS:
    void changed();

private:
    void rebuild();

    AppSettings* m_settings;
    std::optional<cost::PricingCatalog> m_catalog;
    cost::RateBook m_rates;
    std::optional<KeyFormat> m_format;
    Estimate m_estimate;
    QString m_pattern_text;
    double m_jobs_per_day = 100;
    cost::StartAssumption m_start = cost::StartAssumption::Cold;
    cost::ObjectiveRequest m_objective;
    std::optional<cost::CostTable> m_table;
    cost::PlatformChoice m_choice;
    QString m_error;
};

} // namespace vanikeys::ui
