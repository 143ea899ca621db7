#include "cloud/client/hit_verifier.h"

#include <cmath>

#include "cloud/protocol/partial_check.h"
#include "engine/format/address.h"
#include "engine/search/key_derivation.h"
#include "engine/verify/key_verifier.h"

namespace vanikeys::cloud {
namespace {

CloudError lie(const std::string& message) {
    return cloud_error(CloudErrorKind::Malformed, "the worker lied: " + message + "; the hit is rejected");
}

SplitKeyPartial engine_partial(const WirePartial& p) { return SplitKeyPartial{p.offset, p.endo, p.negate}; }

} // namespace

CloudResult<HitVerifier> HitVerifier::for_job(const WorkerJob& job) {
    auto pattern = parse_pattern(job.pattern, job.format, {job.mode, job.case_sensitive, job.fuzzy});
    if (!pattern)
        return cloud_error(CloudErrorKind::Storage,
                           "the stored job " + job.job_id + " has a pattern that no longer parses: " + pattern.error().message);
    return HitVerifier(job, std::move(pattern.value()));
}

CloudResult<SearchHit> HitVerifier::check_public(const WireHit& hit) const {
    if (std::optional<CloudError> wrong_key = verify_hit_public_key(job_.split_key, hit)) return *wrong_key;
    std::optional<PublicKey> key = libsecp_parse_public_key(hit.public_key.data(), hit.public_key.size());
    if (!key) return lie("its public key " + to_hex(hit.public_key) + " is not a point");
    const std::string address = address_of(job_.format, *key);
    if (address != hit.address)
        return lie("it claims the address " + hit.address + ", but its key's address is " + address);
    Result<AddressMatch> match = match_address(pattern_, address);
    if (!match) return cloud_error(CloudErrorKind::Malformed, "cannot score " + address + ": " + match.error().message);
    if (std::fabs(match->score - hit.score) > 1e-9 || match->words_matched != hit.words_matched)
        return lie("it scores " + address + " at " + std::to_string(hit.score) + " (" + std::to_string(hit.words_matched) +
                   " words), but the pattern gives " + std::to_string(match->score) + " (" +
                   std::to_string(match->words_matched) + " words)");
    SearchHit out;
    out.format = job_.format;
    out.address = address;
    out.public_key = *key;
    out.match = *match;
    out.partial = engine_partial(hit.partial);
    out.attempts = hit.attempts;
    return out;
}

CloudResult<SearchHit> HitVerifier::rebuild(const WireHit& hit, const SecretKey& d) const {
    CloudResult<SearchHit> checked = check_public(hit);
    if (!checked) return checked;
    std::optional<PublicKey> q = libsecp_public_key(d);
    if (!q || q->compressed != job_.split_key)
        return cloud_error(CloudErrorKind::Storage, "the stored split-key secret of job " + job_.job_id +
                                                        " does not belong to it (its public key is not the job's Q): "
                                                        "the secret file was damaged or replaced");
    Result<SecretKey> key = derive_candidate_secret(d, engine_partial(hit.partial));
    if (!key) return cloud_error(CloudErrorKind::Malformed, "cannot rebuild the key of " + hit.address + ": " + key.error().message);
    Result<VerifiedKey> verified = verify_secret(job_.format, *key, &pattern_);
    if (!verified) return cloud_error(CloudErrorKind::Malformed, verified.error().message);
    if (verified->public_key != checked->public_key || verified->address != checked->address)
        return cloud_error(CloudErrorKind::Malformed, "the key rebuilt for " + hit.address + " gives " + verified->address +
                                                          " instead; it is not shown");
    SearchHit out = std::move(checked).value();
    out.match = *verified->match;
    out.private_key = std::make_shared<const SecretKey>(std::move(key.value()));
    return out;
}

std::optional<std::string> HitVerifier::check_result(const WorkerResult& result) const {
    for (const WireHit& hit : result.hits) {
        CloudResult<SearchHit> checked = check_public(hit);
        if (!checked) return checked.error().message;
        if (!checked->match.exact) return "the worker lied: " + hit.address + " does not match the pattern exactly";
    }
    if (result.best) {
        CloudResult<SearchHit> checked = check_public(*result.best);
        if (!checked) return checked.error().message;
    }
    return std::nullopt;
}

} // namespace vanikeys::cloud
