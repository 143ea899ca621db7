#include "engine/verify/key_verifier.h"

#include "engine/format/address.h"
#include "engine/pattern/score.h"
#include "engine/secp/ecmult_gen.h"
#include "engine/secp/field.h"
#include "engine/secp/serialize.h"

namespace vanikeys {

Result<AddressMatch> match_address(const Pattern& pattern, std::string_view address) {
    auto symbols = free_part_symbols(pattern.format, address);
    if (!symbols) return bad_input("'" + std::string(address) + "' is not a " +
                                   std::string(format_info(pattern.format).title) + " address");
    const ScoreResult s = score_free_part(pattern, *symbols);
    AddressMatch m;
    m.score = s.score();
    m.matched_chars = s.matched_chars;
    m.total_chars = s.total_chars;
    m.words_matched = s.words_matched;
    m.exact = s.exact;
    const int offset = free_part_offset(pattern.format);
    for (auto [start, end] : s.matches) m.matches.emplace_back(start + offset, end + offset);
    return m;
}

Result<VerifiedKey> verify_secret(KeyFormat format, const SecretKey& secret, const Pattern* pattern) {
    auto reference = libsecp_public_key(secret);
    if (!reference) return bad_input("that is not a valid secp256k1 private key (it must be between 1 and n-1)");

    // Our own arithmetic must agree with libsecp256k1; the search relies on it being right.
    // Variable time is acceptable here only because this runs once per shown key.
    secp::Scalar k = secp::Scalar::from_bytes_be(secret.data());
    const auto ours = secp::mul_gen_var<secp::Fe64>(k);
    secure_wipe(&k, sizeof k);
    std::array<std::uint8_t, 33> ours_compressed{};
    secp::serialize_compressed(ours, ours_compressed.data());
    if (ours_compressed != reference->compressed)
        return runtime_failure("internal check failed: our secp256k1 arithmetic disagrees with libsecp256k1 "
                               "for this key; results of this build cannot be trusted (please report it)");

    VerifiedKey out;
    out.format = format;
    out.public_key = *reference;
    out.address = address_of(format, *reference);
    if (pattern) {
        auto m = match_address(*pattern, out.address);
        if (!m) return m.error();
        out.match = std::move(m.value());
    }
    return out;
}

} // namespace vanikeys
