// Running a search from the command line: engine choice, Ctrl-C, the live progress line on
// stderr, and --out files that receive each verified key the moment it is found.
#pragma once

#include <csignal>
#include <functional>
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
    bool announce_hits = true;         // "found ADDRESS" on stderr; a bench only counts them
};

struct SearchRunResult {
    SearchSummary summary;
    std::string engine;
    std::string device;
};

// Runs `spec` to its end (hit, budget, Ctrl-C or SIGTERM). Error 3 for engine failures.
Result<SearchRunResult> run_search(const CommandContext& ctx, const SearchSpec& spec, const SearchRunOptions& options);
// The same on an engine the caller made (the cloud engine); options.engine is not used.
// `on_progress`, when given, also sees every progress report, on an engine thread.
Result<SearchRunResult> run_search_on(const CommandContext& ctx, ISearchEngine& engine, const SearchSpec& spec,
                                      const SearchRunOptions& options,
                                      const std::function<void(const SearchProgress&)>& on_progress = {});

// While one lives, Ctrl-C and SIGTERM set interrupt_requested() instead of ending the process
// (a second signal ends it as usual).
class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    struct sigaction previous_int_ {};
    struct sigaction previous_term_ {};
};
bool interrupt_requested();

// The estimate of a pattern about to be searched. Bad input (exit 2) when no key of its format
// can match it (probability 0): then nothing is searched, nor sent to a cloud worker.
Result<Estimate> estimate_for_search(const Pattern& pattern);

// A found key for people: address with the matched characters marked, score, keys.
void print_hit(std::ostream& out, const SearchHit& hit);

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
