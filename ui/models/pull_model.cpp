#include "ui/models/pull_model.h"

#include <cmath>

#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

#include "ui/models/search_model.h"
#include "ui/models/store_writer.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {

struct PullModel::Outcome {
    PullResult result;
    std::vector<FoundKeyRecord> found;
    QString error;
};

std::uint64_t pull_batch_size(double keys_per_second, double seconds) {
    double keys = keys_per_second * seconds;
    if (!(keys >= 1000)) return 1000;
    const double scale = std::pow(10.0, std::floor(std::log10(keys)) - 2);
    return static_cast<std::uint64_t>(std::round(keys / scale) * scale);
}

PullModel::PullModel(QObject* parent) : QObject(parent) {
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Outcome>>::finished, this, &PullModel::on_finished);
}

PullModel::~PullModel() { m_watcher.waitForFinished(); }

bool PullModel::pull(PatternAnalysisPtr analysis, const EngineEntry& engine, int cpu_threads, std::uint64_t keys) {
    if (m_busy || !analysis || !analysis->ok) return false;
    m_busy = true;
    Q_EMIT pull_started(keys);
    StoreWriter* writer = m_writer;
    const int number = static_cast<int>(m_history.size()) + 1;
    // The whole pull runs on a worker thread: it is one engine job that ends by itself.
    m_watcher.setFuture(QtConcurrent::run([analysis, engine, cpu_threads, keys, writer, number] {
        auto out = std::make_shared<Outcome>();
        PullResult& r = out->result;
        r.number = number;
        r.pattern = analysis->input.text;
        r.format = analysis->pattern->format;
        r.chance_of_exact = chance_after(analysis->estimate.probability, static_cast<double>(keys));
        auto made = make_engine(engine);
        if (!made) {
            out->error = qs(made.error().message);
            return out;
        }
        std::unique_ptr<ISearchEngine> e = std::move(made.value());
        SearchSpec spec;
        spec.pattern = *analysis->pattern;
        spec.max_keys = keys;
        spec.stop_at_first_hit = false;
        spec.cpu_threads = cpu_threads;
        spec.gpu_ids = engine.gpu_ids;
        auto started = e->start(spec);
        if (!started) {
            out->error = qs(started.error().message);
            return out;
        }
        const SearchSummary s = e->wait();
        if (s.reason == StopReason::Failed) {
            out->error = s.error ? qs(s.error->message) : QStringLiteral("the engine failed");
            return out;
        }
        r.keys = s.attempts;
        r.seconds = s.seconds;
        for (const SearchHit& hit : s.hits) {
            auto record = verified_record(*analysis->pattern, hit, hit.attempts, hit.seconds);
            if (!record) {
                out->error = qs(record.error().message);
                continue;
            }
            if (writer && writer->save(*record, *hit.private_key)) {
                // saved: the record carries the sealed key
            } else {
                record->session_key = std::make_shared<const SecretKey>(hit.private_key->clone());
            }
            out->found.push_back(std::move(record.value()));
        }
        r.exact_hits = static_cast<int>(out->found.size());
        if (s.best) {
            r.has_best = true;
            r.address = s.best->address;
            r.match = s.best->match;
            const RarityTier tier = rarity_of(analysis->score_tail, s.best->match.matched_chars, static_cast<double>(s.attempts));
            r.rarity = tier.rarity;
            r.rarity_name = qs(tier.name);
            r.rarity_explanation = qs(rarity_explanation(tier, static_cast<double>(s.attempts)));
        }
        return out;
    }));
    return true;
}

void PullModel::on_finished() {
    m_busy = false;
    const std::shared_ptr<Outcome> out = m_watcher.result();
    for (const FoundKeyRecord& record : out->found) Q_EMIT found(record);
    if (!out->error.isEmpty()) Q_EMIT failed(out->error);
    if (out->result.keys == 0) return;
    m_history.push_back(out->result);
    Q_EMIT pulled(m_history.back());
}

} // namespace vanikeys::ui
