#include "ui/models/engine_catalog.h"

#include "ui/views/qt_text.h"

namespace vanikeys::ui {

std::vector<EngineEntry> local_engine_entries() {
    std::vector<EngineEntry> entries;
    const std::vector<EngineOption> options = available_engines();
    const bool has_gpu = std::any_of(options.begin(), options.end(),
                                     [](const EngineOption& o) { return o.choice == EngineChoice::Cuda; });
    entries.push_back({QStringLiteral("auto"),
                       has_gpu ? QStringLiteral("Auto (GPU)") : QStringLiteral("Auto (CPU: no GPU found)"),
                       QString(), EngineEntry::Kind::Auto, EngineChoice::Auto, {}});
    for (const EngineOption& o : options)
        entries.push_back({qs(o.id), qs(o.label), qs(o.label), EngineEntry::Kind::Local, o.choice, o.gpu_ids});
    return entries;
}

EngineEntry resolve_engine(const EngineEntry& entry, const std::vector<EngineEntry>& entries) {
    if (entry.kind != EngineEntry::Kind::Auto) return entry;
    for (const EngineEntry& e : entries)
        if (e.kind == EngineEntry::Kind::Local && e.choice == EngineChoice::Cuda) return e;
    for (const EngineEntry& e : entries)
        if (e.kind == EngineEntry::Kind::Local) return e;
    return entry;
}

Result<std::unique_ptr<ISearchEngine>> make_engine(const EngineEntry& entry) {
    if (entry.kind == EngineEntry::Kind::Cloud)
        return bad_input("cloud engines are not available in this version");
    auto selection = make_search_engine(entry.choice);
    if (!selection) return selection.error();
    return std::move(selection->engine);
}

} // namespace vanikeys::ui
