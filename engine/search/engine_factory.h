// Choosing a search engine: --engine auto|cpu|cuda. `auto` prefers a usable CUDA GPU and says so;
// `cuda` without one is a runtime failure (exit 3) with a message that says why.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

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

} // namespace vanikeys
