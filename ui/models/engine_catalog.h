// The engines the picker offers: Auto, the CPU, each CUDA GPU of this build. Entries carry a
// kind so that remote engines (RunPod, Modal: the cloud UI) can join the same list later.
#pragma once

#include <memory>
#include <vector>

#include <QString>

#include "engine/core/result.h"
#include "engine/search/engine_factory.h"

namespace vanikeys::ui {

struct EngineEntry {
    enum class Kind { Auto, Local, Cloud };
    QString id;      // "auto", "cpu", "cuda:0"; cloud ones will be "runpod", "modal"
    QString label;   // for the picker
    QString device;  // for the rate line
    Kind kind = Kind::Local;
    EngineChoice choice = EngineChoice::Cpu;
    std::vector<int> gpu_ids;
};

// Auto first, then available_engines() in order.
std::vector<EngineEntry> local_engine_entries();

// The local entry `entry` stands for: Auto resolves to the first GPU if any, else the CPU.
EngineEntry resolve_engine(const EngineEntry& entry, const std::vector<EngineEntry>& entries);

// A fresh engine for a local entry (each job owner keeps its own: one job per engine).
Result<std::unique_ptr<ISearchEngine>> make_engine(const EngineEntry& entry);

} // namespace vanikeys::ui
