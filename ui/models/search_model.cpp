#include "ui/models/search_model.h"

#include <QDateTime>
#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/format/address.h"
#include "engine/verify/key_verifier.h"
#include "ui/models/store_writer.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {

QString grind_state_text(GrindState state) {
    switch (state) {
    case GrindState::Idle: return QStringLiteral("Idle");
    case GrindState::Running: return QStringLiteral("Grinding");
    case GrindState::Pausing: return QStringLiteral("Pausing…");
    case GrindState::Paused: return QStringLiteral("Paused");
    case GrindState::Stopping: return QStringLiteral("Stopping…");
    case GrindState::Found: return QStringLiteral("Found");
    case GrindState::Failed: return QStringLiteral("Failed");
    }
    return {};
}

Result<FoundKeyRecord> verified_record(const Pattern& pattern, const SearchHit& hit, std::uint64_t attempts,
                                       double seconds) {
    if (!hit.private_key) return runtime_failure("the engine reported a hit without a private key");
    auto verified = verify_secret(pattern.format, *hit.private_key, &pattern);
    if (!verified) return verified.error();
    if (verified->address != hit.address || !verified->match || !verified->match->exact)
        return runtime_failure("a reported key failed re-verification (address " + hit.address +
                               "); it was discarded. The build or the CPU may be faulty.");
    FoundKeyRecord r;
    r.format = pattern.format;
    r.address = verified->address;
    r.public_key_hex = public_key_hex(verified->public_key);
    r.pattern = pattern.text;
    r.mode = std::string(match_mode_name(pattern.options.mode));
    r.case_sensitive = pattern.options.case_sensitive;
    r.fuzzy = pattern.options.fuzzy;
    r.matched_chars = verified->match->matched_chars;
    r.total_chars = verified->match->total_chars;
    r.words_matched = verified->match->words_matched;
    r.exact = true;
    r.matches = verified->match->matches;
    r.attempts = attempts;
    r.seconds = seconds;
    r.found_at = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
    return r;
}

SearchModel::SearchModel(QObject* parent) : QObject(parent) {
    m_io.setMaxThreadCount(1);
    connect(&m_wait, &QFutureWatcher<void>::finished, this, &SearchModel::on_engine_idle);
}

SearchModel::~SearchModel() {
    m_subscription.reset();  // no callback runs after this (the engine waits for one in flight)
    if (m_engine) {
        m_engine->request_stop();
        m_engine->wait();
    }
    m_wait.waitForFinished();
    m_io.waitForDone();
}

void SearchModel::set_store(StoreWriter* writer, std::shared_ptr<const KeyCipher> cipher) {
    m_writer = writer;
    m_cipher = std::move(cipher);
}

GrindSample SearchModel::sample() const {
    GrindSample s;
    s.attempts = static_cast<double>(m_attempts);
    s.seconds = m_seconds;
    s.keys_per_second = m_rate;
    s.best_chars = m_best ? m_best->matched_chars : 0;
    s.total_chars = m_analysis && m_analysis->pattern ? m_analysis->pattern->char_count() : 0;
    s.chance = m_analysis ? chance_after(m_analysis->estimate.probability, s.attempts) : 0;
    return s;
}

GrindCheckpoint SearchModel::checkpoint() const {
    GrindCheckpoint c;
    if (m_analysis && m_analysis->pattern) {
        c.pattern = m_analysis->pattern->text;
        c.format = m_analysis->pattern->format;
        c.options = m_analysis->pattern->options;
    }
    c.engine_id = m_engine_entry.id.toStdString();
    c.attempts = m_attempts;
    c.seconds = m_seconds;
    c.best = m_best;
    return c;
}

bool SearchModel::start(PatternAnalysisPtr analysis, const EngineEntry& engine, int cpu_threads) {
    if (!analysis || !analysis->ok) return false;
    if (m_state == GrindState::Running || m_state == GrindState::Pausing || m_state == GrindState::Stopping)
        return false;
    m_analysis = std::move(analysis);
    if (!m_engine || engine.id != m_engine_entry.id) {
        m_subscription.reset();
        m_engine.reset();
    }
    m_engine_entry = engine;
    m_cpu_threads = cpu_threads;
    m_base_attempts = m_attempts = 0;
    m_base_seconds = m_seconds = 0;
    m_rate = 0;
    m_best.reset();
    m_error.clear();
    m_hit = false;
    return start_job();
}

bool SearchModel::resume_from(const GrindCheckpoint& c, PatternAnalysisPtr analysis, const EngineEntry& engine,
                              int cpu_threads) {
    if (!start(std::move(analysis), engine, cpu_threads)) return false;
    // start() began counting from zero: carry the checkpoint's totals into this job's base.
    m_base_attempts = m_attempts = c.attempts;
    m_base_seconds = m_seconds = c.seconds;
    m_best = c.best;
    if (m_best) Q_EMIT best_improved(*m_best);
    Q_EMIT progressed(sample());
    return true;
}

bool SearchModel::start_job() {
    if (!m_engine) {
        auto engine = make_engine(m_engine_entry);
        if (!engine) {
            m_error = qs(engine.error().message);
            set_state(GrindState::Failed);
            Q_EMIT failed(m_error);
            return false;
        }
        m_engine = std::move(engine.value());
    }
    const std::uint64_t job = ++m_job;
    const PatternAnalysisPtr analysis = m_analysis;
    StoreWriter* writer = m_writer;
    const std::uint64_t base_attempts = m_attempts;
    const double base_seconds = m_seconds;
    SearchObserver observer;
    observer.on_progress = [this, job](const SearchProgress& p) {
        QMetaObject::invokeMethod(this, [this, job, p] { on_progress(job, p); }, Qt::QueuedConnection);
    };
    // Runs on the engine's thread: verify again, save (blocking until it is on disk), then tell
    // the GUI. The key reaches the screen only after both.
    observer.on_hit = [this, job, analysis, writer, base_attempts, base_seconds](const SearchHit& hit) {
        auto record = verified_record(*analysis->pattern, hit, base_attempts + hit.attempts, base_seconds + hit.seconds);
        if (!record) {
            const QString message = qs(record.error().message);
            QMetaObject::invokeMethod(this, [this, message] { Q_EMIT failed(message); }, Qt::QueuedConnection);
            return;
        }
        if (writer) {
            auto saved = writer->save(*record, *hit.private_key);
            if (!saved) {
                const QString message = qs(saved.error().message);
                QMetaObject::invokeMethod(this, [this, message] { Q_EMIT failed(message); }, Qt::QueuedConnection);
                record->session_key = std::make_shared<const SecretKey>(hit.private_key->clone());
            }
        } else {
            record->session_key = std::make_shared<const SecretKey>(hit.private_key->clone());
        }
        FoundKeyRecord r = std::move(record.value());
        QMetaObject::invokeMethod(this, [this, job, r] { on_hit_recorded(job, r); }, Qt::QueuedConnection);
    };
    observer.on_finished = [this, job](const SearchSummary& s) {
        QMetaObject::invokeMethod(this, [this, job, s] { on_finished(job, s); }, Qt::QueuedConnection);
    };
    m_subscription = m_engine->subscribe(std::move(observer));

    SearchSpec spec;
    spec.pattern = *m_analysis->pattern;
    spec.stop_at_first_hit = true;
    spec.cpu_threads = m_cpu_threads;
    spec.gpu_ids = m_engine_entry.gpu_ids;
    spec.progress_interval_seconds = 0.25;
    m_base_attempts = m_attempts;
    m_base_seconds = m_seconds;
    auto started = m_engine->start(spec);
    if (!started) {
        m_subscription.reset();
        m_error = qs(started.error().message);
        set_state(GrindState::Failed);
        Q_EMIT failed(m_error);
        return false;
    }
    m_since_checkpoint.start();
    set_state(GrindState::Running);
    return true;
}

void SearchModel::set_state(GrindState state) {
    if (m_state == state) return;
    m_state = state;
    Q_EMIT state_changed(state);
}

void SearchModel::take_best(const SearchHit& hit, std::uint64_t total_attempts) {
    if (m_best && m_best->matched_chars >= hit.match.matched_chars) return;
    CheckpointBest b;
    b.address = hit.address;
    b.public_key_hex = public_key_hex(hit.public_key);
    b.matched_chars = hit.match.matched_chars;
    b.total_chars = hit.match.total_chars;
    b.words_matched = hit.match.words_matched;
    b.matches = hit.match.matches;
    b.attempts = total_attempts;
    if (m_cipher && hit.private_key) b.sealed_key = m_cipher->seal(*hit.private_key);
    m_best = std::move(b);
    Q_EMIT best_improved(*m_best);
}

void SearchModel::on_progress(std::uint64_t job, const SearchProgress& p) {
    if (job != m_job) return;
    m_attempts = m_base_attempts + p.attempts;
    m_seconds = m_base_seconds + p.seconds;
    m_rate = p.keys_per_second;
    if (p.best) take_best(*p.best, m_base_attempts + p.best->attempts);
    Q_EMIT progressed(sample());
    if (m_since_checkpoint.elapsed() >= m_checkpoint_interval_ms) write_checkpoint();
}

void SearchModel::on_hit_recorded(std::uint64_t job, const FoundKeyRecord& record) {
    if (job != m_job) return;
    m_hit = true;
    Q_EMIT found(record);
}

void SearchModel::on_finished(std::uint64_t job, const SearchSummary& s) {
    if (job != m_job) return;
    m_attempts = m_base_attempts + s.attempts;
    m_seconds = m_base_seconds + s.seconds;
    if (s.best) take_best(*s.best, m_base_attempts + s.best->attempts);
    m_last_reason = s.reason;
    if (s.keys_per_second > 0) m_rate = s.keys_per_second;
    if (s.reason == StopReason::Failed) m_error = s.error ? qs(s.error->message) : QStringLiteral("the engine failed");
    Q_EMIT progressed(sample());
    // The engine calls on_finished just before its threads end: wait for them off this thread.
    ISearchEngine* engine = m_engine.get();
    m_wait.setFuture(QtConcurrent::run([engine] { engine->wait(); }));
}

void SearchModel::on_engine_idle() {
    m_subscription.reset();
    if (m_last_reason == StopReason::Failed) {
        set_state(GrindState::Failed);
        Q_EMIT failed(m_error);
        return;
    }
    if (m_last_reason == StopReason::Found) {
        discard_checkpoint();
        set_state(GrindState::Found);
        return;
    }
    if (m_state == GrindState::Pausing) {
        write_checkpoint();
        set_state(GrindState::Paused);
        return;
    }
    if (m_state == GrindState::Stopping) discard_checkpoint();
    set_state(GrindState::Idle);
}

void SearchModel::pause() {
    if (m_state != GrindState::Running) return;
    set_state(GrindState::Pausing);
    m_engine->request_stop();
}

void SearchModel::resume() {
    if (m_state != GrindState::Paused) return;
    start_job();
}

void SearchModel::stop() {
    if (m_state == GrindState::Running || m_state == GrindState::Pausing) {
        set_state(GrindState::Stopping);
        m_engine->request_stop();
    } else if (m_state == GrindState::Paused) {
        discard_checkpoint();
        set_state(GrindState::Idle);
    }
}

void SearchModel::shut_down() {
    if (m_engine && (m_state == GrindState::Running || m_state == GrindState::Pausing)) {
        m_subscription.reset();
        m_engine->request_stop();
        m_engine->wait();
        m_wait.waitForFinished();
        ++m_job;  // whatever the engine still posted belongs to a finished job now
        if (m_hit) discard_checkpoint();  // the grind reached its goal
        else write_checkpoint();
        set_state(GrindState::Paused);
    }
    m_io.waitForDone();
}

void SearchModel::discard_checkpoint() {
    const std::filesystem::path path = m_checkpoint_path;
    if (!path.empty()) m_io.start([path] { remove_checkpoint(path); });  // after any write in flight
}

void SearchModel::write_checkpoint() {
    m_since_checkpoint.start();
    if (m_checkpoint_path.empty() || !m_analysis || !m_analysis->pattern) return;
    const GrindCheckpoint c = checkpoint();
    const std::filesystem::path path = m_checkpoint_path;
    // The destructor waits for m_io, so `this` outlives the task.
    m_io.start([this, c, path] {
        if (save_checkpoint(path, c))
            QMetaObject::invokeMethod(this, [this] { Q_EMIT checkpoint_written(); }, Qt::QueuedConnection);
    });
}

} // namespace vanikeys::ui
