// The CUDA kernel's per-thread work, written once for host and device: a thread's start point,
// one walk group expanded into candidates that are encoded and scored, and a whole launch's
// worth of groups with its hits and best candidate. The kernel (search_kernels.cu) adds only
// memory layout, block reductions and atomics; tests run these functions on the CPU (Fe32) and
// compare every candidate with the CPU pipeline.
#pragma once

#include <cstdint>

#include "engine/core/hd.h"
#include "engine/pattern/matcher.h"
#include "engine/search/candidate_encoding.h"
#include "engine/search/group_walk.h"
#include "engine/secp/ecmult_gen.h"
#include "engine/secp/endomorphism.h"
#include "engine/secp/field_8x32.h"

namespace vanikeys::gpu {

// The largest walk half-width a kernel supports: its prefix scratch is a local array of
// kMaxHalfWidth + 1 field elements (4 KB for Fe32).
inline constexpr int kMaxHalfWidth = 128;

// The GPU's walk half-width per format: a group (2H+1 points) is the unit between two stop
// checks, so formats whose candidates cost more (p2pkh, eth hash 6 times per point) walk
// smaller groups. The inversion per group (about 270 multiplications) adds ~1 multiplication
// per point at H = 128 and ~2 at H = 64, against ~10 for the point itself and far more for
// hashing and encoding. Unmeasured choices: tune with VANIKEYS_CUDA_HALF_WIDTH.
VANIKEYS_HD constexpr int default_half_width(KeyFormat format) {
    switch (format) {
    case KeyFormat::DidKey: return 128;
    case KeyFormat::Npub: return 128;
    case KeyFormat::Eth: return 64;
    case KeyFormat::P2pkh: return 64;
    }
    return 64;
}

// How a kernel scores a free part: the matcher's three code paths, as a template argument so
// that each kernel instantiation holds one of them only.
enum class MatchKind : std::uint8_t { Prefix, Suffix, Automaton };

VANIKEYS_HD constexpr MatchKind match_kind_of(MatchMode mode) {
    return mode == MatchMode::Prefix ? MatchKind::Prefix
                                     : (mode == MatchMode::Suffix ? MatchKind::Suffix : MatchKind::Automaton);
}

// Calls fn.template operator()<kFormat, kKind>() for a format and kind known at run time: how
// the host picks a kernel instantiation.
template <class Fn>
decltype(auto) dispatch_kernel_kind(KeyFormat format, MatchKind kind, Fn&& fn) {
    auto by_kind = [&]<KeyFormat kFormat>() -> decltype(auto) {
        switch (kind) {
        case MatchKind::Prefix: return fn.template operator()<kFormat, MatchKind::Prefix>();
        case MatchKind::Suffix: return fn.template operator()<kFormat, MatchKind::Suffix>();
        default: return fn.template operator()<kFormat, MatchKind::Automaton>();
        }
    };
    switch (format) {
    case KeyFormat::DidKey: return by_kind.template operator()<KeyFormat::DidKey>();
    case KeyFormat::P2pkh: return by_kind.template operator()<KeyFormat::P2pkh>();
    case KeyFormat::Eth: return by_kind.template operator()<KeyFormat::Eth>();
    default: return by_kind.template operator()<KeyFormat::Npub>();
    }
}

// match_symbols() for a mode known at compile time.
template <MatchKind kKind>
VANIKEYS_HD_HOT MatchOutcome match_as(const MatcherView& m, const std::uint8_t* symbols, int length) {
    if constexpr (kKind == MatchKind::Prefix) return matcher_detail::match_prefix(m, symbols, length);
    else if constexpr (kKind == MatchKind::Suffix) return matcher_detail::match_suffix(m, symbols, length);
    else return matcher_detail::match_dfa(m, symbols, length);
}

// What every thread of a launch reads: the walk table and the packed matcher (device pointers
// on the GPU, host pointers in tests).
template <class F>
struct StepParams {
    WalkTable<F> table;
    MatcherView matcher;
    bool eth_case = false;  // MatcherTables::needs_eth_case
};

// A candidate as the coordinator identifies it: key (-1)^negate * lambda^endo * (s + index).
struct CandidateId {
    std::uint64_t index;
    std::uint8_t endo;
    bool negate;
};

// ---- candidates of one point --------------------------------------------------------------

// Expands the walk point p (key index `index` of the thread's start) into its candidates,
// exactly as cpu_pipeline.cpp does: the endomorphism images (beta^e * x, y) for e = 0, 1, 2
// and, except for npub, each one's negation (x, -y). Each is encoded with candidate_encoding.h,
// scored, and passed on as sink(id, outcome, symbols, known): symbols[0..known) are the free
// part's first symbols (all of them, except in the prefix shortcuts above).
// Precondition: p is finite.
template <KeyFormat kFormat, MatchKind kKind, class F, class Sink>
VANIKEYS_HD void score_point(const secp::Affine<F>& p, std::uint64_t index, const MatcherView& m, bool eth_case,
                             Sink& sink) {
    const F y = p.y.normalized();
    const bool y_odd = (y.n[0] & 1) != 0;
    std::uint8_t xy[64];  // x, then y or -y (eth); the other formats read x only
    if constexpr (kFormat == KeyFormat::Eth) y.to_bytes_be(xy + 32);
    F x = p.x;
    std::uint8_t symbols[kMaxFreeLength];
    for (int e = 0; e < 3; ++e) {
        if (e > 0) x = secp::mul_beta(x);
        x.to_bytes_be(xy);
        const auto endo = static_cast<std::uint8_t>(e);
        if constexpr (kFormat == KeyFormat::Npub) {
            const int known = npub_symbols_for(m, xy, symbols);
            sink(CandidateId{index, endo, false}, match_as<kKind>(m, symbols, 58), symbols, known);
        } else {
            for (int s = 0; s < 2; ++s) {
                const bool negate = s != 0;
                const bool odd = y_odd != negate;
                int length = 0;
                MatchOutcome outcome;
                if constexpr (kFormat == KeyFormat::DidKey) {
                    length = didkey_free_symbols(xy, odd, symbols);
                    outcome = match_as<kKind>(m, symbols, length);
                } else if constexpr (kFormat == KeyFormat::P2pkh) {
                    std::uint8_t compressed[33];
                    compressed[0] = odd ? 0x03 : 0x02;
                    for (int i = 0; i < 32; ++i) compressed[1 + i] = xy[i];
                    std::uint8_t payload[25];
                    p2pkh_hash_payload(compressed, payload);
                    if constexpr (kKind == MatchKind::Prefix) {
                        // The checksum (half of the hashing) only where it can reach the prefix;
                        // `length` then counts the symbols known, for the sink.
                        for (int i = 21; i < 25; ++i) payload[i] = 0x00;
                        const int full = p2pkh_prefix_free_symbols(payload, symbols, m.position_count, length);
                        outcome = matcher_detail::match_prefix(m, symbols, full);
                    } else {
                        p2pkh_checksum(payload);
                        length = p2pkh_free_symbols_from_payload(payload, symbols);
                        outcome = match_as<kKind>(m, symbols, length);
                    }
                } else {  // Eth: -y = p - y for the negation
                    if (negate) (-y).to_bytes_be(xy + 32);
                    length = eth_free_symbols(xy, eth_case, symbols);
                    outcome = match_as<kKind>(m, symbols, length);
                    if (negate) y.to_bytes_be(xy + 32);
                }
                sink(CandidateId{index, endo, negate}, outcome, symbols, length);
            }
        }
    }
}

// ---- one walk group -----------------------------------------------------------------------

namespace step_detail {

template <KeyFormat kFormat, MatchKind kKind, class F, class Sink>
struct PointScorer {
    const StepParams<F>& params;
    std::uint64_t centre_index;
    Sink& sink;
    int skipped;

    VANIKEYS_HD void operator()(int offset, const secp::Affine<F>& p) {
        if (p.infinity) {  // only on the walk's slow path; the CPU pipeline skips it too
            ++skipped;
            return;
        }
        const std::uint64_t index = centre_index + static_cast<std::uint64_t>(static_cast<std::int64_t>(offset));
        score_point<kFormat, kKind>(p, index, params.matcher, params.eth_case, sink);
    }
};

} // namespace step_detail

// The kernel's per-thread step: walks one group from `state` (prefix: H+1 elements of
// scratch) and scores every candidate of its points through `sink`, then advances the state.
// Returns the number of candidates tested.
template <KeyFormat kFormat, MatchKind kKind, class F, class Sink>
VANIKEYS_HD std::uint64_t gpu_thread_step(WalkState<F>& state, const StepParams<F>& params, F* prefix, Sink& sink) {
    step_detail::PointScorer<kFormat, kKind, F, Sink> scorer{params, state.centre_index, sink, 0};
    walk_group(state, params.table, prefix, scorer);
    const int points = 2 * params.table.half_width + 1 - scorer.skipped;
    return static_cast<std::uint64_t>(points) * static_cast<std::uint64_t>(candidates_per_point(kFormat));
}

// ---- thread starts ------------------------------------------------------------------------

// Thread t's walk starts `offset` = t * stride keys after the device's start: its first centre
// is base + offset*G, where base = (s + H)*G is the public point the coordinator gave the
// device, so the centre's key index (counted from s) is offset + H. `gen_table` is a
// secp::build_gen_table table.
template <class F>
VANIKEYS_HD WalkState<F> thread_start(const secp::Affine<F>& base, const secp::Affine<F>* gen_table,
                                      std::uint64_t offset, int half_width) {
    const secp::Jacobian<F> shift = secp::mul_gen_jacobian_var(gen_table, secp::Scalar::from_u64(offset));
    WalkState<F> state;
    state.centre = secp::to_affine_var(secp::point_add_var(shift, base));
    state.centre_index = offset + static_cast<std::uint64_t>(half_width);
    return state;
}

// ---- a launch, per thread -----------------------------------------------------------------

// What one thread found in a launch: keys tested, and its best non-exact candidate above the
// floor the host gave (best_matched < 0: none). Exact matches go to the hit sink instead.
struct ThreadOutcome {
    std::uint64_t tested = 0;
    int best_matched = -1;
    CandidateId best{0, 0, false};
};

// Tracks a thread's best candidate and passes exact ones and (optionally) every candidate on.
// on_hit(id, outcome) for exact matches; record(id, outcome, symbols, known) for every
// candidate (a no-op except in the self-test's record mode).
template <class OnHit, class Record>
struct LaunchSink {
    OnHit& on_hit;
    Record& record;
    ThreadOutcome& outcome;

    VANIKEYS_HD void operator()(const CandidateId& id, const MatchOutcome& m, const std::uint8_t* symbols,
                                int known) {
        record(id, m, symbols, known);
        if (m.exact) {
            on_hit(id, m);
        } else if (static_cast<int>(m.matched_chars) > outcome.best_matched) {
            outcome.best_matched = m.matched_chars;
            outcome.best = id;
        }
    }
};

// Runs up to `groups` groups on one thread's walk, checking `stop` (set by the host while the
// kernel runs) before each. On input best_floor is the best score the host already knows (only
// better candidates are tracked). On output the state has moved on by the groups done.
template <KeyFormat kFormat, MatchKind kKind, class F, class OnHit, class Record>
VANIKEYS_HD ThreadOutcome run_thread_launch(WalkState<F>& state, const StepParams<F>& params, F* prefix, int groups,
                                            int best_floor, const volatile std::int32_t* stop, OnHit& on_hit,
                                            Record& record) {
    ThreadOutcome outcome;
    outcome.best_matched = best_floor;
    LaunchSink<OnHit, Record> sink{on_hit, record, outcome};
    for (int g = 0; g < groups; ++g) {
        if (stop != nullptr && *stop != 0) break;
        outcome.tested += gpu_thread_step<kFormat, kKind>(state, params, prefix, sink);
    }
    if (outcome.best_matched == best_floor) outcome.best_matched = -1;
    return outcome;
}

// ---- thread states in device memory -------------------------------------------------------

// Walk states of `count` threads, structure of arrays so that a warp's loads coalesce: limb i
// of thread t's x is x[i * count + t].
struct WalkStateArrays {
    std::uint32_t* x = nullptr;
    std::uint32_t* y = nullptr;
    std::uint64_t* centre_index = nullptr;
    std::uint8_t* infinity = nullptr;
    int count = 0;
};

VANIKEYS_HD WalkState<secp::Fe32> load_walk_state(const WalkStateArrays& a, int t) {
    WalkState<secp::Fe32> s;
    for (int i = 0; i < 8; ++i) {
        s.centre.x.n[i] = a.x[i * a.count + t];
        s.centre.y.n[i] = a.y[i * a.count + t];
    }
    s.centre.infinity = a.infinity[t] != 0;
    s.centre_index = a.centre_index[t];
    return s;
}

VANIKEYS_HD void store_walk_state(const WalkStateArrays& a, int t, const WalkState<secp::Fe32>& s) {
    for (int i = 0; i < 8; ++i) {
        a.x[i * a.count + t] = s.centre.x.n[i];
        a.y[i * a.count + t] = s.centre.y.n[i];
    }
    a.infinity[t] = s.centre.infinity ? 1 : 0;
    a.centre_index[t] = s.centre_index;
}

// ---- records (self-test) ------------------------------------------------------------------

// One candidate as the device saw it, for the self-test's comparison with libsecp256k1.
struct CandidateRecord {
    std::uint64_t index;
    std::uint8_t endo;
    std::uint8_t negate;
    std::uint16_t matched_chars;
    std::uint8_t exact;
    std::uint8_t known;  // symbols[0..known) are the free part's first symbols
    std::uint8_t symbols[kMaxFreeLength];
};

VANIKEYS_HD void fill_record(CandidateRecord& r, const CandidateId& id, const MatchOutcome& m,
                             const std::uint8_t* symbols, int known) {
    r.index = id.index;
    r.endo = id.endo;
    r.negate = id.negate ? 1 : 0;
    r.matched_chars = m.matched_chars;
    r.exact = m.exact ? 1 : 0;
    r.known = static_cast<std::uint8_t>(known);
    for (int i = 0; i < kMaxFreeLength; ++i) r.symbols[i] = i < known ? symbols[i] : 0;
}

} // namespace vanikeys::gpu
