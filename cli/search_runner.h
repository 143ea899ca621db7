// Running a search from the command line: engine choice, Ctrl-C, the live progress line on
// stderr, and --out files that receive each verified key the moment it is found.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "engine/estimate/estimate.h"
#include "engine/search/engine_factory.h"

namespace vanikeys::cli {

// Appends one JSON line per found key to a file created with mode 0600 and fsync'd after each
// line, so a crash right after a hit loses nothing.
class HitFile {
public:
    static Result<std::unique_ptr<HitFile>> open(const std::string& path);
    ~HitFile();
    HitFile(const HitFile&) = delete;
    HitFile& operator=(const HitFile&) = delete;

    // Thread-safe. Returns an error (code 3) if the write or fsync failed.
    Result<bool> append(const nlohmann::json& line);
    const std::string& path() const { return path_; }

private:
    HitFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
    std::mutex mutex_;
    int fd_;
    std::string path_;
};

struct SearchRunOptions {
    EngineChoice engine = EngineChoice::Auto;
    bool show_progress = true;         // live line on stderr (human mode)
    const Estimate* estimate = nullptr;  // for "chance so far" and "50 % in"
    HitFile* out = nullptr;
};

struct SearchRunResult {
    SearchSummary summary;
    std::string engine;
    std::string device;
};

// Runs `spec` to its end (hit, budget, Ctrl-C). Error 3 for engine failures.
Result<SearchRunResult> run_search(const CommandContext& ctx, const SearchSpec& spec, const SearchRunOptions& options);

// A found key as JSON: address, keys, split-key partial, score and highlighted ranges.
// Secret texts are included only when the hit holds a private key.
nlohmann::json hit_json(const SearchHit& hit);

// Overwrites the secret strings inside a JSON value built by hit_json before it is freed.
void wipe_secrets(nlohmann::json& j);

// The pattern options as JSON (so `combine` can re-check a split-key result later).
nlohmann::json pattern_json(const Pattern& pattern);

// Options shared by grind, pull and bench.
std::vector<OptionSpec> engine_option_specs();
Result<EngineChoice> engine_from_arguments(const ParsedArguments& args);
// --gpus 0,1 as device numbers (empty when absent: every GPU).
Result<std::vector<int>> gpu_ids_from_arguments(const ParsedArguments& args);

} // namespace vanikeys::cli
