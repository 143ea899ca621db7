// The one interface every search backend implements (CPU threads, CUDA GPUs, a cloud worker
// seen from the app): start a job, receive throttled progress and verified hits, stop promptly.
// Plain std types only, so the UI and the cloud layer depend on nothing inside the engine.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/result.h"
#include "engine/core/secret_key.h"
#include "engine/pattern/pattern.h"
#include "engine/verify/key_verifier.h"
#include "engine/verify/libsecp.h"

namespace vanikeys {

// What a split-key searcher returns instead of a private key (SPEC §5): with the user's secret d
// and Q = d*G, the final key is  k = sign * lambda^endo * (d + offset)  (mod n). Knowing only Q
// and this, nobody can compute k. See engine/search/split_key.h.
struct SplitKeyPartial {
    std::array<std::uint8_t, 32> offset{};  // t, big endian, < n
    std::uint8_t endo = 0;                  // 0, 1, 2: multiply by lambda^endo
    bool negate = false;                    // multiply by -1
};

// A found key, already re-derived with libsecp256k1 and re-matched with the reference scorer.
struct SearchHit {
    KeyFormat format = KeyFormat::DidKey;
    std::string address;
    PublicKey public_key;
    AddressMatch match;                          // score and highlighted ranges in the address
    std::shared_ptr<const SecretKey> private_key;  // local searches; null for split-key
    std::optional<SplitKeyPartial> partial;        // split-key searches
    std::uint64_t attempts = 0;                  // keys tested when it was found
    double seconds = 0;
};

struct DeviceRate {
    std::string device;  // "CPU (2 threads)", "GPU 0: NVIDIA H100 80GB HBM3"
    double keys_per_second = 0;
};

struct SearchProgress {
    std::uint64_t attempts = 0;
    double seconds = 0;
    double keys_per_second = 0;               // recent rate (smoothed over the last seconds)
    std::optional<SearchHit> best;            // best candidate so far (verified), if any
    std::vector<DeviceRate> devices;
};

enum class StopReason { Found, Budget, Requested, Failed };

struct SearchSummary {
    StopReason reason = StopReason::Budget;
    std::uint64_t attempts = 0;
    double seconds = 0;
    double keys_per_second = 0;               // attempts / seconds
    std::optional<SearchHit> best;            // the best key seen (exact when reason == Found)
    std::vector<SearchHit> hits;              // exact matches, in the order found (max_hits)
    std::uint64_t unreported_hits = 0;        // exact matches found beyond max_hits
    std::vector<DeviceRate> devices;
    std::optional<Error> error;               // reason == Failed

    // Every exact match found, reported or only counted.
    [[nodiscard]] std::uint64_t exact_matches() const { return hits.size() + unreported_hits; }
};

struct SearchSpec {
    Pattern pattern;
    std::uint64_t max_keys = 0;        // 0: no limit
    double max_seconds = 0;            // 0: no limit
    bool stop_at_first_hit = true;     // grind: yes; pull: no (it draws its whole batch)
    // Split-key: search Q + t*G without the secret; hits then carry `partial`, not a key.
    std::optional<PublicKey> split_key;
    // Exact matches verified and reported; any beyond are only counted (SearchSummary::
    // unreported_hits). Verifying costs a constant-time key derivation each, so without a cap an
    // easy pattern in a pull or bench would spend its time verifying instead of searching.
    std::size_t max_hits = 64;
    int cpu_threads = 0;               // 0: one per core
    std::vector<int> gpu_ids;          // empty: every usable GPU
    double progress_interval_seconds = 0.25;
};

// Callbacks run on an engine thread, never the caller's; a UI marshals them to its own thread.
struct SearchObserver {
    std::function<void(const SearchProgress&)> on_progress;
    std::function<void(const SearchHit&)> on_hit;             // exact, verified
    std::function<void(const SearchSummary&)> on_finished;    // exactly once per started job
};

// RAII: destroying it unsubscribes (Bitcoin Core's interfaces::Handler idea).
class Subscription {
public:
    virtual ~Subscription() = default;
};

class ISearchEngine {
public:
    virtual ~ISearchEngine() = default;

    [[nodiscard]] virtual std::string name() const = 0;     // "cpu", "cuda"
    [[nodiscard]] virtual std::string device_description() const = 0;

    // Starts a job in the background. Error 2 for a spec the engine cannot run, 3 for a device
    // failure. One job at a time per engine.
    virtual Result<bool> start(const SearchSpec& spec) = 0;
    // Asks the job to stop; it finishes (on_finished with StopReason::Requested) within 100 ms.
    virtual void request_stop() = 0;
    // Blocks until the current job (if any) has finished and returns its summary.
    virtual SearchSummary wait() = 0;
    [[nodiscard]] virtual bool running() const = 0;

    [[nodiscard]] virtual std::unique_ptr<Subscription> subscribe(SearchObserver observer) = 0;
};

} // namespace vanikeys
