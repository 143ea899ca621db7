// PullModel: the gacha. A pull draws a batch sized to take about a second on the chosen engine,
// then reveals its best key with score, words and rarity tier. Exact matches found by a pull are
// verified and stored like a grind's. The pulls made since the app started are kept here.
#pragma once

#include <QFutureWatcher>
#include <QObject>

#include <memory>
#include <vector>

#include "engine/estimate/rarity.h"
#include "engine/search/search_engine.h"
#include "ui/models/engine_catalog.h"
#include "ui/models/pattern_model.h"
#include "ui/store/found_key.h"

namespace vanikeys::ui {

class StoreWriter;

struct PullResult {
    int number = 0;  // 1, 2, ... since the app started
    QString pattern;
    KeyFormat format = KeyFormat::DidKey;
    std::uint64_t keys = 0;
    double seconds = 0;
    double chance_of_exact = 0;  // before the pull: 1 - (1-p)^keys
    bool has_best = false;
    std::string address;
    AddressMatch match;
    Rarity rarity = Rarity::Common;
    QString rarity_name;
    QString rarity_explanation;
    int exact_hits = 0;
};

// Keys in a pull that takes `seconds` at `keys_per_second`, at least 1,000 (rounded to 3
// significant digits so the number reads well).
std::uint64_t pull_batch_size(double keys_per_second, double seconds = 1.0);

class PullModel : public QObject {
    Q_OBJECT
public:
    explicit PullModel(QObject* parent = nullptr);
    ~PullModel() override;

    void set_store(StoreWriter* writer) { m_writer = writer; }
    // Draws `keys` keys for `analysis` on the local `engine`. False when busy or invalid.
    bool pull(PatternAnalysisPtr analysis, const EngineEntry& engine, int cpu_threads, std::uint64_t keys);
    [[nodiscard]] bool busy() const { return m_busy; }
    [[nodiscard]] const std::vector<PullResult>& history() const { return m_history; }

Q_SIGNALS:
    void pull_started(std::uint64_t keys);
    void pulled(const vanikeys::ui::PullResult& result);
    void found(const vanikeys::ui::FoundKeyRecord& record);
    void failed(const QString& message);

private:
    struct Outcome;
    void on_finished();

    StoreWriter* m_writer = nullptr;
    QFutureWatcher<std::shared_ptr<Outcome>> m_watcher;
    bool m_busy = false;
    std::vector<PullResult> m_history;
};

} // namespace vanikeys::ui

Q_DECLARE_METATYPE(vanikeys::ui::PullResult)
