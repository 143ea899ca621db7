// The engines the picker offers: Auto, the CPU, each CUDA GPU of this build, and the cloud
// (RunPod, Modal, and the router's choice), each a factory for an ISearchEngine so that the pull
// and the grind drive any of them the same way.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <QString>

#include "engine/core/result.h"
#include "engine/search/engine_factory.h"

namespace vanikeys::ui {

struct EngineEntry {
    enum class Kind { Auto, Local, Cloud };
    QString id;      // "auto", "cpu", "cuda:0", "cloud:auto", "cloud:runpod", "cloud:modal"
    QString label;   // for the picker
    QString device;  // for the rate line
    Kind kind = Kind::Local;
    EngineChoice choice = EngineChoice::Cpu;
    std::vector<int> gpu_ids;
    QString provider;         // cloud entries: "auto", "runpod", "modal"
    bool enabled = true;      // a cloud entry whose settings are incomplete is shown, disabled
    QString tooltip;          // what it is, or which setting is missing
};

// Makes a fresh engine for an entry (each job owner keeps its own: one job per engine).
using EngineFactory = std::function<Result<std::unique_ptr<ISearchEngine>>(const EngineEntry&)>;

// A remote engine can name the search it runs and pick up one it started earlier (the cloud's
// jobs outlive the app).
class RemoteEngine {
public:
    virtual ~RemoteEngine() = default;
    // Follows the search `name` instead of starting one.
    virtual Result<bool> follow(const std::string& name) = 0;
    [[nodiscard]] virtual std::string search_name() const = 0;
    [[nodiscard]] virtual std::string provider() const = 0;  // once routed
};

// Auto first, then available_engines() in order.
std::vector<EngineEntry> local_engine_entries();

// The local entry `entry` stands for: Auto resolves to the first GPU if any, else the CPU.
EngineEntry resolve_engine(const EngineEntry& entry, const std::vector<EngineEntry>& entries);

// A fresh engine for a local entry; an error for a cloud one (MainWindow's factory adds those).
Result<std::unique_ptr<ISearchEngine>> make_engine(const EngineEntry& entry);

} // namespace vanikeys::ui
