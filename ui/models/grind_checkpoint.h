// GrindCheckpoint: what a guaranteed grind needs to go on after the app is closed or crashes
// (the pattern, attempts, elapsed time, the best key so far). Written atomically, 0600; the best
// key's secret is in it only sealed by the store's KeyCipher, or not at all.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/result.h"
#include "engine/pattern/pattern.h"

namespace vanikeys::ui {

struct CheckpointBest {
    std::string address;
    std::string public_key_hex;
    int matched_chars = 0;
    int total_chars = 0;
    int words_matched = 0;
    std::vector<std::pair<int, int>> matches;
    std::uint64_t attempts = 0;             // when it was found (grind total)
    std::vector<std::uint8_t> sealed_key;   // empty when no cipher was available
};

struct GrindCheckpoint {
    std::string pattern;
    KeyFormat format = KeyFormat::DidKey;
    PatternOptions options;
    std::string engine_id;
    std::uint64_t attempts = 0;
    double seconds = 0;
    std::optional<CheckpointBest> best;
    std::string saved_at;  // ISO 8601 UTC; filled by save_checkpoint
};

Result<bool> save_checkpoint(const std::filesystem::path& path, const GrindCheckpoint& checkpoint);
// nullopt when there is no checkpoint; an error when the file is damaged.
Result<std::optional<GrindCheckpoint>> load_checkpoint(const std::filesystem::path& path);
void remove_checkpoint(const std::filesystem::path& path);

} // namespace vanikeys::ui
