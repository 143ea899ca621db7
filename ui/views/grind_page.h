// GrindPage: the guaranteed grind. Start / Pause / Resume / Stop, attempts, rate, ETA, the best
// key so far, and three live charts: best score over attempts (a step line), keys/s over time,
// and the chance so far 1-(1-p)^n on the law's curve with its 50/90/99 % marks.
#pragma once

#include <QList>
#include <QPointF>
#include <QWidget>

#include "ui/models/search_model.h"

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QPushButton;
class QScatterSeries;
class QValueAxis;
class QFrame;

namespace vanikeys::ui {

class GrindPage : public QWidget {
    Q_OBJECT
public:
    explicit GrindPage(QWidget* parent = nullptr);

    void set_analysis(const PatternAnalysisPtr& analysis);
    void reset_charts();
    void add_sample(const GrindSample& sample);
    void set_best(const CheckpointBest& best, KeyFormat format);
    void set_state(GrindState state, bool can_start);
    void show_message(const QString& text, bool error);
    // Offers to continue a saved grind (null: hides the offer).
    void show_checkpoint_offer(const GrindCheckpoint* checkpoint);

    [[nodiscard]] QLineSeries* best_series() const { return m_best_series; }
    [[nodiscard]] QLineSeries* rate_series() const { return m_rate_series; }
    [[nodiscard]] QLineSeries* chance_series() const { return m_chance_series; }
    [[nodiscard]] QScatterSeries* chance_marks() const { return m_marks; }

Q_SIGNALS:
    void start_requested();
    void pause_requested();
    void resume_requested();
    void stop_requested();
    void resume_checkpoint_requested();
    void discard_checkpoint_requested();

private:
    QChartView* make_chart_view(const QString& name, const QString& title, QChart** chart);
    void update_law_curve(double max_attempts);

    PatternAnalysisPtr m_analysis;
    GrindState m_state = GrindState::Idle;
    QPushButton* m_start;
    QPushButton* m_pause;
    QPushButton* m_stop;
    QLabel* m_status;
    QLabel* m_attempts;
    QLabel* m_elapsed;
    QLabel* m_rate;
    QLabel* m_eta;
    QLabel* m_chance;
    QLabel* m_best;
    QLabel* m_message;
    QFrame* m_offer;
    QLabel* m_offer_text;

    QChart* m_best_chart = nullptr;
    QChart* m_rate_chart = nullptr;
    QChart* m_chance_chart = nullptr;
    QLineSeries* m_best_series = nullptr;
    QLineSeries* m_rate_series = nullptr;
    QLineSeries* m_chance_series = nullptr;
    QLineSeries* m_law_series = nullptr;
    QScatterSeries* m_marks = nullptr;
    QValueAxis* m_best_x = nullptr;
    QValueAxis* m_best_y = nullptr;
    QValueAxis* m_rate_x = nullptr;
    QValueAxis* m_rate_y = nullptr;
    QValueAxis* m_chance_x = nullptr;
    QValueAxis* m_chance_y = nullptr;
    QList<QPointF> m_best_steps;  // corners of the best-score step line
    int m_last_best = 0;
    double m_law_max = 0;
    double m_rate_max = 0;
};

} // namespace vanikeys::ui
