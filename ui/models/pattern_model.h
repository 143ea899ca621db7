// PatternModel: turns what the user types into a parsed pattern, its estimate and its score law,
// off the GUI thread (pathological patterns take ~100 ms), debounced as the user types. Stale
// answers are dropped: only the latest input's analysis is ever published.
#pragma once

#include <memory>
#include <vector>

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include "engine/estimate/estimate.h"
#include "engine/pattern/pattern.h"

namespace vanikeys::ui {

struct PatternInput {
    QString text;
    KeyFormat format = KeyFormat::DidKey;
    PatternOptions options;
};

struct PatternAnalysis {
    PatternInput input;
    bool ok = false;
    QString error;  // the SPEC's message when the pattern is rejected; empty for an empty pattern
    std::shared_ptr<const Pattern> pattern;
    Estimate estimate;
    std::vector<double> score_tail;  // score_tail_odds: the gacha's rarity tiers
};
using PatternAnalysisPtr = std::shared_ptr<const PatternAnalysis>;

// Parses, compiles and estimates `input` (blocking; what the model runs on a worker thread).
PatternAnalysisPtr analyse_pattern(const PatternInput& input);

class PatternModel : public QObject {
    Q_OBJECT
public:
    explicit PatternModel(QObject* parent = nullptr);
    ~PatternModel() override;

    // Schedules an analysis of `input` after the debounce delay (restarted by each call).
    void set_input(const PatternInput& input);
    // Analyses now (still off the GUI thread), skipping the debounce.
    void analyse_now(const PatternInput& input);
    void set_debounce_ms(int ms) { m_debounce.setInterval(ms); }

    [[nodiscard]] PatternAnalysisPtr current() const { return m_current; }
    [[nodiscard]] bool pending() const { return m_debounce.isActive() || m_running; }
    [[nodiscard]] const PatternInput& input() const { return m_input; }

Q_SIGNALS:
    void analysis_started();
    void analysis_ready(vanikeys::ui::PatternAnalysisPtr analysis);

private:
    void launch();
    void on_finished();

    PatternInput m_input;
    QTimer m_debounce;
    QFutureWatcher<PatternAnalysisPtr> m_watcher;
    bool m_running = false;
    bool m_rerun = false;
    PatternAnalysisPtr m_current;
};

} // namespace vanikeys::ui

Q_DECLARE_METATYPE(vanikeys::ui::PatternAnalysisPtr)
