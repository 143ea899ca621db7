#include "engine/search/cpu_pipeline.h"

#include <array>
#include <vector>

#include "engine/hash/hash_batch.h"
#include "engine/search/candidate_encoding.h"
#include "engine/secp/endomorphism.h"

namespace vanikeys {
namespace {

using secp::Affine;
using secp::Fe64;

// The three x-coordinates (x, beta*x, beta^2*x) and y of a walk point, canonical, big endian.
// The endomorphism image shares y, and the negations share x, so these 4 values describe all
// 6 candidates.
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

std::uint64_t index_of(std::uint64_t base_index, std::int32_t offset) {
    return base_index + static_cast<std::uint64_t>(static_cast<std::int64_t>(offset));
}

class DidKeyPipeline final : public CpuPipeline {
public:
    explicit DidKeyPipeline(const MatcherTables& m) : view_(view_of(m)) {}

    std::uint64_t process(const Affine<Fe64>* points, const std::int32_t* offsets, int count,
                          std::uint64_t base_index, CandidateTracker& tracker) override {
        std::uint64_t tested = 0;
        PointBytes b;
        std::uint8_t symbols[44];
        for (int i = 0; i < count; ++i) {
            if (points[i].infinity) continue;
            expand_point(points[i], false, b);
            const std::uint64_t index = index_of(base_index, offsets[i]);
            for (int e = 0; e < 3; ++e) {
                for (int s = 0; s < 2; ++s) {
                    didkey_free_symbols(b.x[e], b.y_odd != (s != 0), symbols);
                    tracker.offer(index, static_cast<std::uint8_t>(e), s != 0, match_symbols(view_, symbols, 44));
                }
            }
            tested += 6;
        }
        return tested;
    }

private:
    MatcherView view_;
};

// Candidates are gathered in chunks so the batch hashers can fill their SIMD lanes.
constexpr int kChunkPoints = 64;

class P2pkhPipeline final : public CpuPipeline {
public:
    explicit P2pkhPipeline(const MatcherTables& m) : view_(view_of(m)) {}

    std::uint64_t process(const Affine<Fe64>* points, const std::int32_t* offsets, int count,
                          std::uint64_t base_index, CandidateTracker& tracker) override {
        std::uint64_t tested = 0;
        for (int first = 0; first < count; first += kChunkPoints) {
            const int last = std::min(count, first + kChunkPoints);
            int n = 0;
            PointBytes b;
            for (int i = first; i < last; ++i) {
                if (points[i].infinity) continue;
                expand_point(points[i], false, b);
                for (int e = 0; e < 3; ++e) {
                    for (int s = 0; s < 2; ++s) {
                        std::uint8_t* key = keys_[n];
                        key[0] = (b.y_odd != (s != 0)) ? 0x03 : 0x02;
                        std::copy(b.x[e], b.x[e] + 32, key + 1);
                        refs_[n] = {i, static_cast<std::uint8_t>(e), s != 0};
                        ++n;
                    }
                }
            }
            hash::p2pkh_payload_33_batch(keys_, payloads_, static_cast<std::size_t>(n));
            std::uint8_t symbols[33];
            for (int c = 0; c < n; ++c) {
                const int length = p2pkh_free_symbols_from_payload(payloads_[c], symbols);
                tracker.offer(index_of(base_index, offsets[refs_[c].point]), refs_[c].endo, refs_[c].negate,
                              match_symbols(view_, symbols, length));
            }
            tested += static_cast<std::uint64_t>(n);
        }
        return tested;
    }

private:
    struct Ref {
        int point;
        std::uint8_t endo;
        bool negate;
    };
    MatcherView view_;
    std::uint8_t keys_[kChunkPoints * 6][33];
    std::uint8_t payloads_[kChunkPoints * 6][25];
    Ref refs_[kChunkPoints * 6];
};

class EthPipeline final : public CpuPipeline {
public:
    explicit EthPipeline(const MatcherTables& m) : view_(view_of(m)), with_case_(m.needs_eth_case) {}

    std::uint64_t process(const Affine<Fe64>* points, const std::int32_t* offsets, int count,
                          std::uint64_t base_index, CandidateTracker& tracker) override {
        std::uint64_t tested = 0;
        for (int first = 0; first < count; first += kChunkPoints) {
            const int last = std::min(count, first + kChunkPoints);
            int n = 0;
            PointBytes b;
            for (int i = first; i < last; ++i) {
                if (points[i].infinity) continue;
                expand_point(points[i], true, b);
                for (int e = 0; e < 3; ++e) {
                    for (int s = 0; s < 2; ++s) {
                        std::uint8_t* xy = messages_[n];
                        std::copy(b.x[e], b.x[e] + 32, xy);
                        std::copy(s ? b.neg_y : b.y, (s ? b.neg_y : b.y) + 32, xy + 32);
                        refs_[n] = {i, static_cast<std::uint8_t>(e), s != 0};
                        ++n;
                    }
                }
            }
            hash::keccak256_64_batch(messages_, digests_, static_cast<std::size_t>(n));
            std::uint8_t symbols[40];
            for (int c = 0; c < n; ++c) {
                const std::uint8_t* address = digests_[c] + 12;
                const std::uint64_t upper = with_case_ ? encoding::eip55_upper_mask(address) : 0;
                encoding::eth_address_symbols(address, upper, symbols);
                tracker.offer(index_of(base_index, offsets[refs_[c].point]), refs_[c].endo, refs_[c].negate,
                              match_symbols(view_, symbols, 40));
            }
            tested += static_cast<std::uint64_t>(n);
        }
        return tested;
    }

private:
    struct Ref {
        int point;
        std::uint8_t endo;
        bool negate;
    };
    MatcherView view_;
    bool with_case_;
    std::uint8_t messages_[kChunkPoints * 6][64];
    std::uint8_t digests_[kChunkPoints * 6][32];
    Ref refs_[kChunkPoints * 6];
};

class NpubPipeline final : public CpuPipeline {
public:
    explicit NpubPipeline(const MatcherTables& m) : view_(view_of(m)) {}

    std::uint64_t process(const Affine<Fe64>* points, const std::int32_t* offsets, int count,
                          std::uint64_t base_index, CandidateTracker& tracker) override {
        std::uint64_t tested = 0;
        PointBytes b;
        std::uint8_t symbols[58];
        for (int i = 0; i < count; ++i) {
            if (points[i].infinity) continue;
            expand_point(points[i], false, b);
            const std::uint64_t index = index_of(base_index, offsets[i]);
            for (int e = 0; e < 3; ++e) {
                encoding::npub_symbols(b.x[e], symbols);
                tracker.offer(index, static_cast<std::uint8_t>(e), false, match_symbols(view_, symbols, 58));
            }
            tested += 3;
        }
        return tested;
    }

private:
    MatcherView view_;
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
