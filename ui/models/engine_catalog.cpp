#include "ui/models/engine_catalog.h"

#include "ui/views/qt_text.h"

namespace vanikeys::ui {

std::vector<EngineEntry> local_engine_entries() {
    std::vector<EngineEntry> entries;
    const std::vector<EngineOption> options = available_engines();
    const bool has_gpu = std::any_of(options.begin(), options.end(),
                                     [](const EngineOption& o) { return o.choice == EngineChoice::Cuda; });
    EngineEntry automatic;
    automatic.id = QStringLiteral("auto");
    automatic.label = has_gpu ? QStringLiteral("Auto (GPU)") : QStringLiteral("Auto (CPU: no GPU found)");
    automatic.kind = EngineEntry::Kind::Auto;
    automatic.choice = EngineChoice::Auto;
    automatic.tooltip = QStringLiteral("The fastest engine of this computer");
    entries.push_back(automatic);
    for (const EngineOption& o : options) {
        EngineEntry e;
        e.id = qs(o.id);
        e.label = qs(o.label);
        e.device = e.label;
        e.choice = o.choice;
        e.gpu_ids = o.gpu_ids;
        e.tooltip = e.label;
        entries.push_back(std::move(e));
    }
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
        return bad_input("a cloud engine needs the app's cloud settings");
    auto selection = make_search_engine(entry.choice);
    if (!selection) return selection.error();
    return std::move(selection->engine);
}

} // namespace vanikeys::ui
