#include "engine/search/key_derivation.h"

namespace vanikeys {
namespace {

constexpr std::array<std::uint8_t, 32> kOne = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
constexpr std::array<std::uint8_t, 32> kLambda = {
    0x53, 0x63, 0xad, 0x4c, 0xc0, 0x5c, 0x30, 0xe0, 0xa5, 0x26, 0x1c, 0x02, 0x88, 0x12, 0x64, 0x5a,
    0x12, 0x2e, 0x22, 0xea, 0x20, 0x81, 0x66, 0x78, 0xdf, 0x02, 0x96, 0x7c, 0x1b, 0x23, 0xbd, 0x72};
constexpr std::array<std::uint8_t, 32> kLambdaSquared = {
    0xac, 0x9c, 0x52, 0xb3, 0x3f, 0xa3, 0xcf, 0x1f, 0x5a, 0xd9, 0xe3, 0xfd, 0x77, 0xed, 0x9b, 0xa4,
    0xa8, 0x80, 0xb9, 0xfc, 0x8e, 0xc7, 0x39, 0xc2, 0xe0, 0xcf, 0xc8, 0x10, 0xb5, 0x12, 0x83, 0xce};

bool is_zero(const std::array<std::uint8_t, 32>& v) {
    std::uint8_t acc = 0;
    for (std::uint8_t b : v) acc |= b;
    return acc == 0;
}

} // namespace

const std::array<std::uint8_t, 32>& lambda_power_bytes(int endo) {
    switch (endo) {
    case 1: return kLambda;
    case 2: return kLambdaSquared;
    default: return kOne;
    }
}

Result<std::array<std::uint8_t, 32>> add_offset(const std::array<std::uint8_t, 32>& start, std::uint64_t offset) {
    std::array<std::uint8_t, 32> tweak{};
    for (int i = 0; i < 8; ++i) tweak[31 - i] = static_cast<std::uint8_t>(offset >> (8 * i));
    if (offset == 0) return start;
    // libsecp256k1's tweak_add reduces mod n and rejects a zero result; it also rejects a
    // start that is not a valid scalar, which is what we want.
    SecretKey sum(std::span<const std::uint8_t, 32>(start.data(), 32));
    if (!libsecp_secret_add(sum, tweak)) return runtime_failure("offset arithmetic reached zero mod n");
    std::array<std::uint8_t, 32> out{};
    std::copy(sum.bytes().begin(), sum.bytes().end(), out.begin());
    return out;
}

Result<SecretKey> derive_candidate_secret(const SecretKey& base, const SplitKeyPartial& partial) {
    if (partial.endo > 2) return bad_input("a split-key partial's endo must be 0, 1 or 2");
    SecretKey k = base.clone();
    if (!is_zero(partial.offset) && !libsecp_secret_add(k, partial.offset))
        return runtime_failure("the partial's offset does not give a valid key with this secret");
    if (partial.endo != 0 && !libsecp_secret_mul(k, lambda_power_bytes(partial.endo)))
        return runtime_failure("multiplying by lambda failed");
    if (partial.negate && !libsecp_secret_negate(k)) return runtime_failure("negating the key failed");
    return k;
}

std::optional<PublicKey> derive_candidate_public(const PublicKey& base_point, const SplitKeyPartial& partial) {
    if (partial.endo > 2) return std::nullopt;
    std::optional<PublicKey> p = base_point;
    if (!is_zero(partial.offset)) p = libsecp_public_add_tweak(*p, partial.offset);
    if (p && partial.endo != 0) p = libsecp_public_mul_tweak(*p, lambda_power_bytes(partial.endo));
    if (p && partial.negate) p = libsecp_public_negate(*p);
    return p;
}

} // namespace vanikeys
