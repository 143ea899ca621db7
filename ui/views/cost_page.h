// CostPage: what the current pattern costs and how long it takes on each platform (own GPU and
// CPU at their calibrated rates, every catalog platform), with the 50-99 % range; monthly cost
// against jobs per day with the breakevens marked; the router's choice highlighted and
// explained; tooltips with the numbers; export as PNG and CSV.
#pragma once

#include <QWidget>

#include "ui/models/cost_chart_model.h"

class QBoxPlotSeries;
class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QScatterSeries;

namespace vanikeys::ui {

class CostPage : public QWidget {
    Q_OBJECT
public:
    explicit CostPage(CostChartModel* model, QWidget* parent = nullptr);

    [[nodiscard]] QBoxPlotSeries* cost_series() const { return m_cost_series; }
    [[nodiscard]] QBoxPlotSeries* time_series() const { return m_time_series; }
    [[nodiscard]] QScatterSeries* breakeven_series() const { return m_breakeven_series; }
    [[nodiscard]] QChart* monthly_chart() const { return m_monthly_chart; }
    [[nodiscard]] QString choice_text() const;
    bool export_png(const QString& path);
    bool export_csv(const QString& path);

private:
    void apply_controls();
    void rebuild();

    CostChartModel* m_model;
    QComboBox* m_objective;
    QComboBox* m_quantile;
    QDoubleSpinBox* m_deadline;
    QDoubleSpinBox* m_jobs_per_day;
    QCheckBox* m_warm;
    QLabel* m_choice;
    QLabel* m_error;
    QWidget* m_charts;
    QChart* m_cost_chart;
    QChart* m_time_chart;
    QChart* m_monthly_chart;
    QBoxPlotSeries* m_cost_series = nullptr;
    QBoxPlotSeries* m_time_series = nullptr;
    QScatterSeries* m_breakeven_series = nullptr;
    QPushButton* m_export_png;
    QPushButton* m_export_csv;
};

} // namespace vanikeys::ui
