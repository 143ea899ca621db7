// Nothing a cloud worker returns is trusted: HitVerifier checks each hit with public data first
// (the partial must give the claimed public key from the job's Q, that key the claimed address,
// and the reference scorer the claimed score), then rebuilds the private key from the user's
// secret d and checks it with libsecp256k1. Only a hit that passes every step becomes a SearchHit.
#pragma once

#include <optional>
#include <string>

#include "cloud/protocol/worker_protocol.h"
#include "cloud/transport/cloud_error.h"
#include "engine/search/search_engine.h"

namespace vanikeys::cloud {

class HitVerifier {
public:
    // For the job the hits answer. Error (Storage) when its pattern does not parse: the job came
    // from our own store, which must then be damaged.
    static CloudResult<HitVerifier> for_job(const WorkerJob& job);

    [[nodiscard]] const WorkerJob& job() const { return job_; }
    [[nodiscard]] const Pattern& pattern() const { return pattern_; }

    // (a) K = sign * lambda^endo * (Q + t*G) with libsecp256k1 equals the claimed key; (b) the
    // address of K (computed here) equals the claimed address, and the reference scorer gives
    // the claimed score and whole words. On success: a SearchHit with the partial and no private
    // key. A Malformed error names the lie.
    [[nodiscard]] CloudResult<SearchHit> check_public(const WireHit& hit) const;

    // check_public, then (c) k = sign * lambda^endo * (d + t) (derive_candidate_secret), whose
    // public key (libsecp256k1, cross-checked with our own arithmetic) must be the claimed K and
    // whose address the claimed one. On success: the hit with its private key. A Storage error
    // when d is not the secret of the job's Q (a damaged or swapped secret file).
    [[nodiscard]] CloudResult<SearchHit> rebuild(const WireHit& hit, const SecretKey& d) const;

    // check_public for every hit of a result (each must be an exact match) and its best
    // candidate. nullopt when all of it holds; otherwise why not.
    [[nodiscard]] std::optional<std::string> check_result(const WorkerResult& result) const;

private:
    HitVerifier(WorkerJob job, Pattern pattern) : job_(std::move(job)), pattern_(std::move(pattern)) {}

    WorkerJob job_;
    Pattern pattern_;
};

} // namespace vanikeys::cloud
