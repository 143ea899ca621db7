// SearchModel: the guaranteed grind as the GUI sees it. It runs the engine job, marshals the
// engine's callbacks (engine threads) to the GUI thread with queued invokeMethod, keeps counts
// across pause/resume (a resume is a new engine job whose counts continue), hands every hit to
// the results store before announcing it, and checkpoints so a grind survives a closed or
// crashed app.
#pragma once

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <filesystem>
#include <memory>
#include <optional>

#include "engine/search/search_engine.h"
#include "ui/models/engine_catalog.h"
#include "ui/models/grind_checkpoint.h"
#include "ui/models/pattern_model.h"
#include "ui/store/found_key.h"
#include "ui/store/key_cipher.h"

namespace vanikeys::ui {

class StoreWriter;

enum class GrindState { Idle, Running, Pausing, Paused, Stopping, Found, Failed };
QString grind_state_text(GrindState state);

// One progress point, totals over the whole grind (all its jobs).
struct GrindSample {
    double attempts = 0;
    double seconds = 0;
    double keys_per_second = 0;
    int best_chars = 0;
    int total_chars = 0;
    double chance = 0;  // 1 - (1-p)^attempts
};

// Builds the record of a verified exact hit (re-verified here with verify_secret); error 3 when
// the re-derivation disagrees with what the engine reported.
Result<FoundKeyRecord> verified_record(const Pattern& pattern, const SearchHit& hit, std::uint64_t attempts,
                                       double seconds);

class SearchModel : public QObject {
    Q_OBJECT
public:
    explicit SearchModel(QObject* parent = nullptr);
    ~SearchModel() override;

    // Where hits go (null: storing is off, keys stay in memory) and the cipher that seals the
    // best key in checkpoints (null: checkpoints carry no secret). Set before starting.
    void set_store(StoreWriter* writer, std::shared_ptr<const KeyCipher> cipher);
    void set_checkpoint_path(const std::filesystem::path& path) { m_checkpoint_path = path; }
    void set_checkpoint_interval_ms(int ms) { m_checkpoint_interval_ms = ms; }

    // A fresh grind of `analysis` (ok) on the local `engine`.
    bool start(PatternAnalysisPtr analysis, const EngineEntry& engine, int cpu_threads);
    // Continues the grind saved in `checkpoint`; `analysis` is that checkpoint's pattern.
    bool resume_from(const GrindCheckpoint& checkpoint, PatternAnalysisPtr analysis, const EngineEntry& engine,
                     int cpu_threads);
    void pause();
    void resume();
    void stop();
    // For closing the app: stops the job, keeps the checkpoint, blocks until the engine is idle.
    void shut_down();

    [[nodiscard]] GrindState state() const { return m_state; }
    [[nodiscard]] std::uint64_t attempts() const { return m_attempts; }
    [[nodiscard]] double seconds() const { return m_seconds; }
    [[nodiscard]] double keys_per_second() const { return m_rate; }
    [[nodiscard]] const std::optional<CheckpointBest>& best() const { return m_best; }
    [[nodiscard]] PatternAnalysisPtr analysis() const { return m_analysis; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] GrindSample sample() const;
    [[nodiscard]] GrindCheckpoint checkpoint() const;

Q_SIGNALS:
    void state_changed(vanikeys::ui::GrindState state);
    void progressed(const vanikeys::ui::GrindSample& sample);
    void best_improved(const vanikeys::ui::CheckpointBest& best);
    void found(const vanikeys::ui::FoundKeyRecord& record);
    void failed(const QString& message);
    void checkpoint_written();

private:
    bool start_job();
    void set_state(GrindState state);
    void on_progress(std::uint64_t job, const SearchProgress& progress);
    void on_hit_recorded(std::uint64_t job, const FoundKeyRecord& record);
    void on_finished(std::uint64_t job, const SearchSummary& summary);
    void on_engine_idle();
    void write_checkpoint();
    void discard_checkpoint();
    void take_best(const SearchHit& hit, std::uint64_t total_attempts);

    StoreWriter* m_writer = nullptr;
    std::shared_ptr<const KeyCipher> m_cipher;
    std::filesystem::path m_checkpoint_path;
    int m_checkpoint_interval_ms = 2000;
    QElapsedTimer m_since_checkpoint;
    QThreadPool m_io;  // one thread: checkpoint writes in order, off the GUI thread

    PatternAnalysisPtr m_analysis;
    EngineEntry m_engine_entry;
    int m_cpu_threads = 0;
    std::unique_ptr<ISearchEngine> m_engine;
    std::unique_ptr<Subscription> m_subscription;
    QFutureWatcher<void> m_wait;
    std::uint64_t m_job = 0;  // generation: events of older jobs are ignored

    GrindState m_state = GrindState::Idle;
    StopReason m_last_reason = StopReason::Budget;
    std::uint64_t m_base_attempts = 0;
    double m_base_seconds = 0;
    std::uint64_t m_attempts = 0;
    double m_seconds = 0;
    double m_rate = 0;
    std::optional<CheckpointBest> m_best;
    bool m_hit = false;
    QString m_error;
};

} // namespace vanikeys::ui

Q_DECLARE_METATYPE(vanikeys::ui::GrindSample)
