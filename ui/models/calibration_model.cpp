#include "ui/models/calibration_model.h"

#include <QDate>
#include <QtConcurrent/QtConcurrentRun>

#include "ui/views/qt_text.h"

namespace vanikeys::ui {
namespace {

// A word of the format's alphabet that a bench never finds: 8 characters, `contains` mode, so
// every key walks the whole DFA as a real search does.
const char* bench_word(KeyFormat format) {
    switch (format) {
    case KeyFormat::Eth: return "fedcbafe";
    case KeyFormat::Npub: return "qpzry9x8";
    default: return "zzzzzzzz";
    }
}

} // namespace

CalibrationOutcome run_calibration(const EngineEntry& entry, KeyFormat format, int cpu_threads, double seconds) {
    CalibrationOutcome out;
    out.engine_id = entry.id;
    out.format = format;
    auto pattern = parse_pattern(bench_word(format), format, PatternOptions{MatchMode::Contains, false, false});
    if (!pattern) {
        out.error = qs(pattern.error().message);
        return out;
    }
    auto engine = make_engine(entry);
    if (!engine) {
        out.error = qs(engine.error().message);
        return out;
    }
    SearchSpec spec;
    spec.pattern = std::move(pattern.value());
    spec.max_seconds = seconds;
    spec.stop_at_first_hit = false;
    spec.cpu_threads = cpu_threads;
    spec.gpu_ids = entry.gpu_ids;
    auto started = (*engine)->start(spec);
    if (!started) {
        out.error = qs(started.error().message);
        return out;
    }
    const SearchSummary summary = (*engine)->wait();
    if (summary.reason == StopReason::Failed || !(summary.keys_per_second > 0)) {
        out.error = summary.error ? qs(summary.error->message) : QStringLiteral("the bench measured nothing");
        return out;
    }
    out.ok = true;
    out.keys_per_second = summary.keys_per_second;
    out.device = qs((*engine)->device_description());
    return out;
}

CalibrationModel::CalibrationModel(AppSettings* settings, QObject* parent) : QObject(parent), m_settings(settings) {
    connect(&m_watcher, &QFutureWatcher<CalibrationOutcome>::finished, this, &CalibrationModel::on_finished);
}

CalibrationModel::~CalibrationModel() { m_watcher.waitForFinished(); }

bool CalibrationModel::calibrate(const EngineEntry& engine, KeyFormat format) {
    if (running() || engine.kind != EngineEntry::Kind::Local) return false;
    const int threads = m_settings->cpu_threads();
    const double seconds = m_settings->calibration_seconds();
    Q_EMIT calibration_started(engine.id, format);
    m_watcher.setFuture(QtConcurrent::run(
        [engine, format, threads, seconds] { return run_calibration(engine, format, threads, seconds); }));
    return true;
}

void CalibrationModel::on_finished() {
    const CalibrationOutcome out = m_watcher.result();
    if (!out.ok) {
        Q_EMIT calibration_failed(out.error);
        return;
    }
    m_settings->set_calibrated_rate(out.engine_id, out.format,
                                    CalibratedRate{out.keys_per_second,
                                                   QDate::currentDate().toString(Qt::ISODate), out.device});
    Q_EMIT calibrated(out.engine_id, out.format, out.keys_per_second);
}

} // namespace vanikeys::ui
