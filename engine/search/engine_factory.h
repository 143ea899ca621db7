// Choosing a search engine: --engine auto|cpu|cuda. `auto` prefers a usable CUDA GPU and says so;
// `cuda` without one is a runtime failure (exit 3) with a message that says why.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/result.h"
#include "engine/search/search_engine.h"

namespace vanikeys {

enum class EngineChoice { Auto, Cpu, Cuda };

std::optional<EngineChoice> parse_engine_choice(std::string_view name);

struct EngineSelection {
    std::unique_ptr<ISearchEngine> engine;
    std::string note;  // for people: which engine was picked and why (stderr / status bar)
};

Result<EngineSelection> make_search_engine(EngineChoice choice);

// What an engine picker offers: the CPU, then each usable CUDA GPU (when this build has the
// CUDA engine). `gpu_ids` goes into SearchSpec::gpu_ids (empty: all GPUs / not a GPU).
struct EngineOption {
    std::string id;      // "cpu", "cuda", "cuda:0", ...
    std::string label;   // "CPU: AMD EPYC (2 threads)", "GPU 0: NVIDIA H100 80GB HBM3"
    EngineChoice choice = EngineChoice::Cpu;
    std::vector<int> gpu_ids;
};
std::vector<EngineOption> available_engines();

} // namespace vanikeys
