#include "engine/search/cpu_pipeline.h"

#include <algorithm>

#include "engine/hash/hash_batch.h"
#include "engine/search/candidate_encoding.h"
#include "engine/secp/endomorphism.h"

namespace vanikeys {
namespace {

using secp::Affine;
using secp::Fe64;

// The three x-coordinates (x, beta*x, beta^2*x) and y of a walk point, canonical, big endian.
// The endomorphism images share y, and the negations share x, so these describe all 6
// candidates.
struct PointBytes {
    std::uint8_t x[3][32];
    std::uint8_t y[32];
    std::uint8_t neg_y[32];
    bool y_odd;
};

void expand_point(const Affine<Fe64>& p, bool need_y_bytes, PointBytes& out) {
    const Fe64 x0 = p.x.normalized();
    const Fe64 x1 = secp::mul_beta(x0);
    const Fe64 x2 = secp::mul_beta(x1);
    x0.to_bytes_be(out.x[0]);
    x1.to_bytes_be(out.x[1]);
    x2.to_bytes_be(out.x[2]);
    const Fe64 y = p.y.normalized();
    out.y_odd = y.is_odd();
    if (need_y_bytes) {
        y.to_bytes_be(out.y);
        (-y).to_bytes_be(out.neg_y);
    }
}

// Points are taken a chunk at a time: enough candidates to fill the batch hashers' SIMD lanes
// and to score four free parts at once, few enough to stay in L1/L2.
constexpr int kChunkPoints = 64;
constexpr int kChunkCandidates = kChunkPoints * 6;

// The candidates of one chunk: which point and transform each is, and its free part.
struct CandidateChunk {
    struct Ref {
        int point;
        std::uint8_t endo;
        bool negate;
    };
    Ref refs[kChunkCandidates];
    std::uint8_t symbols[kChunkCandidates][kMaxFreeLength];
    int lengths[kChunkCandidates];
    int count = 0;

    int add(int point, int endo, bool negate) {
        refs[count] = {point, static_cast<std::uint8_t>(endo), negate};
        return count++;
    }
};

// Adds the candidates of each finite point of pts[first, last) to the chunk: its endomorphism
// images e = 0, 1, 2 and, with `negations`, each one's negation (npub's x-only keys have none).
// fill(c, b, e, negate) writes candidate c's input from the point's bytes b.
template <class Fill>
void add_candidates(CandidateChunk& chunk, const Affine<Fe64>* pts, int first, int last, bool need_y_bytes,
                    bool negations, Fill fill) {
    PointBytes b;
    for (int i = first; i < last; ++i) {
        if (pts[i].infinity) continue;
        expand_point(pts[i], need_y_bytes, b);
        for (int e = 0; e < 3; ++e)
            for (int s = 0; s < (negations ? 2 : 1); ++s) fill(chunk.add(i, e, s != 0), b, e, s != 0);
    }
}

// Scores every candidate of the chunk (four DFA walks interleaved) and offers it to the tracker.
void score_chunk(const MatcherView& matcher, CandidateChunk& chunk, const std::int32_t* offsets,
                 std::uint64_t base_index, CandidateTracker& tracker) {
    for (int first = 0; first < chunk.count; first += 4) {
        const int n = std::min(4, chunk.count - first);
        const std::uint8_t* symbols[4];
        int lengths[4];
        for (int k = 0; k < 4; ++k) {
            const int c = first + std::min(k, n - 1);  // a short last group repeats its last candidate
            symbols[k] = chunk.symbols[c];
            lengths[k] = chunk.lengths[c];
        }
        MatchOutcome outcomes[4];
        match_symbols_x4(matcher, symbols, lengths, outcomes);
        for (int k = 0; k < n; ++k) {
            const CandidateChunk::Ref& r = chunk.refs[first + k];
            const std::uint64_t index = base_index + static_cast<std::uint64_t>(static_cast<std::int64_t>(offsets[r.point]));
            tracker.offer(index, r.endo, r.negate, outcomes[k]);
        }
    }
}

// Shared chunk loop: `encode` fills the chunk's free parts for points [first, last).
template <class Encode>
std::uint64_t process_in_chunks(const MatcherView& matcher, CandidateChunk& chunk, const Affine<Fe64>* points,
                                const std::int32_t* offsets, int count, std::uint64_t base_index,
                                CandidateTracker& tracker, Encode encode) {
    std::uint64_t tested = 0;
    for (int first = 0; first < count; first += kChunkPoints) {
        chunk.count = 0;
        encode(points, first, std::min(count, first + kChunkPoints));
        score_chunk(matcher, chunk, offsets, base_index, tracker);
        tested += static_cast<std::uint64_t>(chunk.count);
    }
    return tested;
}

class DidKeyPipeline final : public CpuPipeline {
public:
    explicit DidKeyPipeline(const MatcherTables& m) : view_(view_of(m)) {}

    std::uint64_t process(const Affine<Fe64>* points, const std::int32_t* offsets, int count,
                          std::uint64_t base_index, CandidateTracker& tracker) override {
        return process_in_chunks(view_, chunk_, points, offsets, count, base_index, tracker,
                                 [this](const Affine<Fe64>* pts, int first, int last) {
                                     add_candidates(chunk_, pts, first, last, false, true,
                                                    [this](int c, const PointBytes& b, int e, bool negate) {
                                                        chunk_.lengths[c] = didkey_free_symbols(
                                                            b.x[e], b.y_odd != negate, chunk_.symbols[c]);
                                                    });
                                 });
    }

private:
    MatcherView view_;
    CandidateChunk chunk_;
};

class P2pkhPipeline final : public CpuPipeline {
public:
    explicit P2pkhPipeline(const MatcherTables& m) : view_(view_of(m)) {}

    std::uint64_t process(const Affine<Fe64>* points, const std::int32_t* offsets, int count,
                          std::uint64_t base_index, CandidateTracker& tracker) override {
        return process_in_chunks(view_, chunk_, points, offsets, count, base_index, tracker,
                                 [this](const Affine<Fe64>* pts, int first, int last) {
                                     add_candidates(chunk_, pts, first, last, false, true,
                                                    [this](int c, const PointBytes& b, int e, bool negate) {
                                                        keys_[c][0] = (b.y_odd != negate) ? 0x03 : 0x02;
                                                        std::copy(b.x[e], b.x[e] + 32, keys_[c] + 1);
                                                    });
                                     const auto n = static_cast<std::size_t>(chunk_.count);
                                     hash::p2pkh_payload_33_batch(keys_, payloads_, n, !prefix_mode_);
                                     for (int c = 0; c < chunk_.count; ++c) chunk_.lengths[c] = free_symbols(c);
                                 });
    }

private:
    // Candidate c's free part from its payload. In prefix mode the payload has no checksum yet:
    // it is computed only where it could change the prefix (symbols past it are then wrong,
    // which match_prefix never reads).
    int free_symbols(int c) {
        if (!prefix_mode_) return p2pkh_free_symbols_from_payload(payloads_[c], chunk_.symbols[c]);
        int known = 0;
        return p2pkh_prefix_free_symbols(payloads_[c], chunk_.symbols[c], view_.position_count, known);
    }

    MatcherView view_;
    bool prefix_mode_ = view_.mode == MatchMode::Prefix;
    CandidateChunk chunk_;
    std::uint8_t keys_[kChunkCandidates][33];
    std::uint8_t payloads_[kChunkCandidates][25];
};

class EthPipeline final : public CpuPipeline {
public:
    explicit EthPipeline(const MatcherTables& m) : view_(view_of(m)), with_case_(m.needs_eth_case) {}

    std::uint64_t process(const Affine<Fe64>* points, const std::int32_t* offsets, int count,
                          std::uint64_t base_index, CandidateTracker& tracker) override {
        return process_in_chunks(view_, chunk_, points, offsets, count, base_index, tracker,
                                 [this](const Affine<Fe64>* pts, int first, int last) {
                                     add_candidates(chunk_, pts, first, last, true, true,
                                                    [this](int c, const PointBytes& b, int e, bool negate) {
                                                        std::copy(b.x[e], b.x[e] + 32, messages_[c]);
                                                        const std::uint8_t* y = negate ? b.neg_y : b.y;
                                                        std::copy(y, y + 32, messages_[c] + 32);
                                                    });
                                     hash::keccak256_64_batch(messages_, digests_, static_cast<std::size_t>(chunk_.count));
                                     for (int c = 0; c < chunk_.count; ++c) {
                                         const std::uint8_t* address = digests_[c] + 12;
                                         // The EIP-55 case costs a second Keccak: only when the pattern cares.
                                         const std::uint64_t upper = with_case_ ? encoding::eip55_upper_mask(address) : 0;
                                         encoding::eth_address_symbols(address, upper, chunk_.symbols[c]);
                                         chunk_.lengths[c] = 40;
                                     }
                                 });
    }

private:
    MatcherView view_;
    bool with_case_;
    CandidateChunk chunk_;
    std::uint8_t messages_[kChunkCandidates][64];
    std::uint8_t digests_[kChunkCandidates][32];
};

class NpubPipeline final : public CpuPipeline {
public:
    explicit NpubPipeline(const MatcherTables& m) : view_(view_of(m)) {}

    std::uint64_t process(const Affine<Fe64>* points, const std::int32_t* offsets, int count,
                          std::uint64_t base_index, CandidateTracker& tracker) override {
        return process_in_chunks(view_, chunk_, points, offsets, count, base_index, tracker,
                                 [this](const Affine<Fe64>* pts, int first, int last) {
                                     // x-only keys: -P has the same npub, so only the endomorphism images.
                                     add_candidates(chunk_, pts, first, last, false, false,
                                                    [this](int c, const PointBytes& b, int e, bool) {
                                                        npub_symbols_for(view_, b.x[e], chunk_.symbols[c]);
                                                        chunk_.lengths[c] = 58;
                                                    });
                                 });
    }

private:
    MatcherView view_;
    CandidateChunk chunk_;
};

} // namespace

std::unique_ptr<CpuPipeline> make_cpu_pipeline(const MatcherTables& matcher) {
    switch (matcher.format) {
    case KeyFormat::DidKey: return std::make_unique<DidKeyPipeline>(matcher);
    case KeyFormat::P2pkh: return std::make_unique<P2pkhPipeline>(matcher);
    case KeyFormat::Eth: return std::make_unique<EthPipeline>(matcher);
    case KeyFormat::Npub: return std::make_unique<NpubPipeline>(matcher);
    }
    return nullptr;
}

} // namespace vanikeys
