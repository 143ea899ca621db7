#include "cloud/protocol/partial_check.h"

#include <secp256k1.h>

#include <memory>

namespace vanikeys::cloud {
namespace {

// lambda: the cube root of unity mod n for which lambda*(x, y) = (beta*x, y) on secp256k1.
constexpr std::array<std::uint8_t, 32> kLambda = {
    0x53, 0x63, 0xad, 0x4c, 0xc0, 0x5c, 0x30, 0xe0, 0xa5, 0x26, 0x1c, 0x02, 0x88, 0x12, 0x64, 0x5a,
    0x12, 0x2e, 0x22, 0xea, 0x20, 0x81, 0x66, 0x78, 0xdf, 0x02, 0x96, 0x7c, 0x1b, 0x23, 0xbd, 0x72};

struct ContextDeleter {
    void operator()(secp256k1_context* c) const { secp256k1_context_destroy(c); }
};

const secp256k1_context* context() {
    static const std::unique_ptr<secp256k1_context, ContextDeleter> ctx(secp256k1_context_create(SECP256K1_CONTEXT_NONE));
    return ctx.get();
}

} // namespace

bool is_valid_public_key(const std::array<std::uint8_t, 33>& q) {
    secp256k1_pubkey point;
    return secp256k1_ec_pubkey_parse(context(), &point, q.data(), q.size()) == 1;
}

std::optional<std::array<std::uint8_t, 33>> partial_public_key(const std::array<std::uint8_t, 33>& q,
                                                               const WirePartial& partial) {
    const secp256k1_context* ctx = context();
    secp256k1_pubkey point;
    if (!secp256k1_ec_pubkey_parse(ctx, &point, q.data(), q.size())) return std::nullopt;
    if (!secp256k1_ec_pubkey_tweak_add(ctx, &point, partial.offset.data())) return std::nullopt;
    for (int i = 0; i < partial.endo; ++i)
        if (!secp256k1_ec_pubkey_tweak_mul(ctx, &point, kLambda.data())) return std::nullopt;
    if (partial.negate && !secp256k1_ec_pubkey_negate(ctx, &point)) return std::nullopt;
    std::array<std::uint8_t, 33> out{};
    std::size_t size = out.size();
    secp256k1_ec_pubkey_serialize(ctx, out.data(), &size, &point, SECP256K1_EC_COMPRESSED);
    return out;
}

std::optional<CloudError> verify_hit_public_key(const std::array<std::uint8_t, 33>& q, const WireHit& hit) {
    const std::optional<std::array<std::uint8_t, 33>> expected = partial_public_key(q, hit.partial);
    if (!expected)
        return cloud_error(CloudErrorKind::Malformed,
                           "the worker's partial for " + hit.address + " does not give a valid key for your Q");
    if (*expected != hit.public_key)
        return cloud_error(CloudErrorKind::Malformed,
                           "the worker lied: its partial for " + hit.address + " gives public key " + to_hex(*expected) +
                               ", not the " + to_hex(hit.public_key) + " it claims; the hit is rejected");
    return std::nullopt;
}

std::optional<CloudError> verify_result(const WorkerJob& job, const WorkerResult& result) {
    if (std::optional<CloudError> inconsistent = validate_result_for(job, result)) return inconsistent;
    for (const WireHit& hit : result.hits)
        if (std::optional<CloudError> lie = verify_hit_public_key(job.split_key, hit)) return lie;
    if (result.best)
        if (std::optional<CloudError> lie = verify_hit_public_key(job.split_key, *result.best)) return lie;
    return std::nullopt;
}

} // namespace vanikeys::cloud
