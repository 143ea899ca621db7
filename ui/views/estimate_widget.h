// EstimateWidget: the odds of the current pattern in words people read: odds per key, expected
// attempts, attempts and time for a 50/90/99 % chance at the chosen engine's rate, and the
// partial-word odds table.
#pragma once

#include <QWidget>

#include "ui/models/pattern_model.h"

class QLabel;
class QTableWidget;

namespace vanikeys::ui {

class EstimateWidget : public QWidget {
    Q_OBJECT
public:
    explicit EstimateWidget(QWidget* parent = nullptr);

    void set_analysis(const PatternAnalysisPtr& analysis);
    void set_rate(double keys_per_second, const QString& engine_label);
    void show_pending();

private:
    void refresh();

    PatternAnalysisPtr m_analysis;
    double m_rate = 0;
    QString m_engine_label;
    QLabel* m_title;
    QLabel* m_odds;
    QLabel* m_expected;
    QLabel* m_rate_label;
    QTableWidget* m_chances;
    QTableWidget* m_partial;
};

} // namespace vanikeys::ui
