// The public table a walk needs: j*G for j = 1..H and the step (2H+1)*G, as affine points in
// whichever field representation the walker uses (Fe64 on the CPU, Fe32 for the GPU).
#pragma once

#include <vector>

#include "engine/search/group_walk.h"
#include "engine/verify/libsecp.h"

namespace vanikeys {

// The CPU walk's group half-width: 2H+1 = 1025 points share one inversion. Larger groups
// amortise the inversion further but stop fitting in L1/L2 with their encodings.
inline constexpr int kCpuWalkHalfWidth = 512;

template <class F>
secp::Affine<F> affine_from_public_key(const PublicKey& key) {
    secp::Affine<F> p;
    p.x = F::from_bytes_be(key.xy.data());
    p.y = F::from_bytes_be(key.xy.data() + 32);
    p.infinity = false;
    return p;
}

// Owns the points a WalkTable views. Built with libsecp256k1, so the table the fast path relies
// on comes from the reference implementation.
template <class F>
class WalkTableStorage {
public:
    explicit WalkTableStorage(int half_width);
    [[nodiscard]] WalkTable<F> view() const {
        return WalkTable<F>{multiples_.data(), step_, static_cast<int>(multiples_.size())};
    }
    [[nodiscard]] const std::vector<secp::Affine<F>>& multiples() const { return multiples_; }
    [[nodiscard]] const secp::Affine<F>& step() const { return step_; }

private:
    std::vector<secp::Affine<F>> multiples_;
    secp::Affine<F> step_;
};

// j*G via libsecp256k1 (j > 0).
PublicKey generator_multiple(std::uint64_t j);

template <class F>
WalkTableStorage<F>::WalkTableStorage(int half_width) {
    multiples_.reserve(static_cast<std::size_t>(half_width));
    for (int j = 1; j <= half_width; ++j)
        multiples_.push_back(affine_from_public_key<F>(generator_multiple(static_cast<std::uint64_t>(j))));
    step_ = affine_from_public_key<F>(generator_multiple(static_cast<std::uint64_t>(2 * half_width + 1)));
}

} // namespace vanikeys
