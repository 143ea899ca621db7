#include "ui/models/pattern_model.h"

#include <QtConcurrent/QtConcurrentRun>

#include "engine/pattern/matcher.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {

PatternAnalysisPtr analyse_pattern(const PatternInput& input) {
    auto a = std::make_shared<PatternAnalysis>();
    a->input = input;
    if (input.text.trimmed().isEmpty()) return a;
    auto pattern = parse_pattern(input.text.toStdString(), input.format, input.options);
    if (!pattern) {
        a->error = qs(pattern.error().message);
        return a;
    }
    auto matcher = compile_matcher(*pattern);
    if (!matcher) {
        a->error = qs(matcher.error().message);
        return a;
    }
    auto estimate = estimate_pattern(*pattern, *matcher);
    if (!estimate) {
        a->error = qs(estimate.error().message);
        return a;
    }
    if (!(estimate->probability > 0)) {
        a->error = QStringLiteral("No key of this format can match this pattern (probability 0).");
        return a;
    }
    auto tail = score_tail_odds(*pattern, *matcher);
    if (tail) a->score_tail = std::move(tail.value());
    a->estimate = std::move(estimate.value());
    a->pattern = std::make_shared<const Pattern>(std::move(pattern.value()));
    a->ok = true;
    return a;
}

PatternModel::PatternModel(QObject* parent) : QObject(parent) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &PatternModel::launch);
    connect(&m_watcher, &QFutureWatcher<PatternAnalysisPtr>::finished, this, &PatternModel::on_finished);
}

PatternModel::~PatternModel() { m_watcher.waitForFinished(); }

void PatternModel::set_input(const PatternInput& input) {
    m_input = input;
    m_debounce.start();
    Q_EMIT analysis_started();
}

void PatternModel::analyse_now(const PatternInput& input) {
    m_input = input;
    m_debounce.stop();
    Q_EMIT analysis_started();
    launch();
}

void PatternModel::launch() {
    if (m_running) {  // one analysis at a time; the newest input runs next
        m_rerun = true;
        return;
    }
    m_running = true;
    m_rerun = false;
    const PatternInput input = m_input;
    m_watcher.setFuture(QtConcurrent::run([input] { return analyse_pattern(input); }));
}

void PatternModel::on_finished() {
    m_running = false;
    PatternAnalysisPtr result = m_watcher.result();
    if (m_rerun) {
        launch();
        return;
    }
    if (m_debounce.isActive()) return;  // newer input is waiting for its turn
    m_current = std::move(result);
    Q_EMIT analysis_ready(m_current);
}

} // namespace vanikeys::ui
