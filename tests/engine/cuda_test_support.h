// Shared by the CUDA engine's tests: walk starts from a seeded secret, the CPU pipeline's view
// of a walk (the reference every GPU candidate is compared with), and candidate comparison that
// prints the inputs in hex on a mismatch.
#pragma once

#include <QtTest>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "engine/cuda/gpu_step.h"
#include "engine/search/cpu_pipeline.h"
#include "engine/search/walk_table.h"
#include "hash_test_support.h"
#include "search_test_support.h"

namespace vanikeys::test {

// A valid secret key drawn from rng (reproducible with VANIKEYS_TEST_SEED).
inline SecretKey secret_from(std::mt19937_64& rng) {
    for (;;) {
        SecretKey k;
        for (auto& b : k.mutable_bytes()) b = static_cast<std::uint8_t>(rng());
        if (libsecp_public_key(k)) return k;
    }
}

// (s + index) * G with libsecp256k1.
inline PublicKey point_at(const SecretKey& s, std::uint64_t index) {
    SecretKey k = s.clone();
    if (index != 0 && !libsecp_secret_add(k, u64_be(index))) qFatal("point_at: bad index");
    return *libsecp_public_key(k);
}

// Every candidate the CPU pipeline reports for `groups` groups of a walk whose first centre has
// key index `centre_index` (counted from s), with half-width h.
inline std::vector<CandidateReport> cpu_candidates(const MatcherTables& matcher, const SecretKey& s,
                                                   std::uint64_t centre_index, int h, int groups) {
    ObserverList observers;
    SearchSpec spec;
    SearchCoordinator coordinator(spec, matcher, observers);
    CandidateTracker tracker(coordinator, 0);
    std::vector<CandidateReport> all;
    tracker.record_everything_into(&all);
    auto pipeline = make_cpu_pipeline(matcher);
    const WalkTableStorage<secp::Fe64> storage(h);
    WalkState<secp::Fe64> state;
    state.centre = affine_from_public_key<secp::Fe64>(point_at(s, centre_index));
    state.centre_index = centre_index;
    std::vector<secp::Fe64> prefix(static_cast<std::size_t>(h) + 1);
    for (int g = 0; g < groups; ++g) {
        std::vector<secp::Affine<secp::Fe64>> points;
        std::vector<std::int32_t> offsets;
        auto sink = [&](int offset, const secp::Affine<secp::Fe64>& p) {
            points.push_back(p);
            offsets.push_back(offset);
        };
        const std::uint64_t base = state.centre_index;
        walk_group(state, storage.view(), prefix.data(), sink);
        pipeline->process(points.data(), offsets.data(), static_cast<int>(points.size()), base, tracker);
    }
    return all;
}

// Records every candidate gpu_thread_step passes to its sink.
struct RecordingSink {
    std::vector<gpu::CandidateRecord>* out;
    void operator()(const gpu::CandidateId& id, const MatchOutcome& m, const std::uint8_t* symbols, int known) {
        gpu::CandidateRecord r{};
        gpu::fill_record(r, id, m, symbols, known);
        out->push_back(r);
    }
};

inline CandidateReport report_of(const gpu::CandidateRecord& r) {
    return CandidateReport{0, r.index, r.endo, r.negate != 0, r.matched_chars, r.exact != 0, 0};
}

inline auto candidate_key(const CandidateReport& r) { return std::make_tuple(r.index, r.endo, r.negate); }

inline void sort_candidates(std::vector<CandidateReport>& v) {
    std::sort(v.begin(), v.end(), [](const CandidateReport& a, const CandidateReport& b) {
        return candidate_key(a) < candidate_key(b);
    });
}

// Compares two candidate lists as sets of (index, endo, negate) with their outcomes; on a
// mismatch returns a description with the secret in hex (empty when they agree).
inline std::string compare_candidates(std::vector<CandidateReport> got, std::vector<CandidateReport> want,
                                      const SecretKey& s) {
    sort_candidates(got);
    sort_candidates(want);
    const std::string secret = "s = " + hex(s.bytes().data(), 32);
    if (got.size() != want.size())
        return "candidate counts differ: " + std::to_string(got.size()) + " vs " + std::to_string(want.size()) + ", " + secret;
    for (std::size_t i = 0; i < got.size(); ++i) {
        const CandidateReport& g = got[i];
        const CandidateReport& w = want[i];
        if (candidate_key(g) != candidate_key(w) || g.matched_chars != w.matched_chars || g.exact != w.exact) {
            return "candidate " + std::to_string(i) + ": got (index " + std::to_string(g.index) + ", endo " +
                   std::to_string(g.endo) + ", negate " + std::to_string(g.negate) + ", matched " +
                   std::to_string(g.matched_chars) + ", exact " + std::to_string(g.exact) + "), want (index " +
                   std::to_string(w.index) + ", endo " + std::to_string(w.endo) + ", negate " +
                   std::to_string(w.negate) + ", matched " + std::to_string(w.matched_chars) + ", exact " +
                   std::to_string(w.exact) + "), " + secret;
        }
    }
    return {};
}

} // namespace vanikeys::test
