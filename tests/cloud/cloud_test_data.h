// Known-answer data shared by the cloud tests: a split-key job for Q = 7*G and partials whose
// public keys were computed independently (affine secp256k1 arithmetic in Python big integers,
// not libsecp256k1): t = 5 gives K = 12*G; lambda and negation applied on top.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "cloud/protocol/worker_protocol.h"

namespace vanikeys::cloud::testdata {

inline constexpr const char* kQ7Hex = "025cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc";
inline constexpr const char* kK12Hex = "03d01115d548e7561b15c38f004d734633687cf4419620095bc5b0f47070afe85a";
inline constexpr const char* kK12Endo1Hex = "0388591bfd953aac41ac1548422eac82adf9482837c95353554a3eb52c042295e5";
inline constexpr const char* kK12Endo2NegHex = "02a795ce2d21ddfda33e2728bd83e0371e9e3ae386a08ca34ef01056618b2d7a1f";
inline constexpr const char* kOffset5Hex = "0000000000000000000000000000000000000000000000000000000000000005";

template <std::size_t N>
std::array<std::uint8_t, N> bytes(const char* hex) {
    std::array<std::uint8_t, N> out{};
    from_hex(hex, out.data(), N);
    return out;
}

inline WorkerJob grind_job(std::string id = "vk-test-1") {
    WorkerJob job;
    job.job_id = std::move(id);
    job.kind = JobKind::Grind;
    job.format = KeyFormat::DidKey;
    job.pattern = "GO BE";
    job.mode = MatchMode::Sequence;
    job.split_key = bytes<33>(kQ7Hex);
    job.budget.max_seconds = 600;
    job.budget.max_keys = 0;
    job.progress_interval_seconds = 2;
    return job;
}

inline WireHit honest_hit(std::uint64_t attempts = 1000) {
    WireHit hit;
    hit.address = "did:key:zQ3shGoBeExampleAddress";
    hit.score = 1.0;
    hit.words_matched = 2;
    hit.public_key = bytes<33>(kK12Hex);
    hit.partial.offset = bytes<32>(kOffset5Hex);
    hit.partial.endo = 0;
    hit.partial.negate = false;
    hit.attempts = attempts;
    return hit;
}

inline WorkerResult found_result(const WorkerJob& job) {
    WorkerResult r;
    r.job_id = job.job_id;
    r.reason = WorkerStopReason::Found;
    r.attempts = 5000;
    r.seconds = 1.5;
    r.keys_per_second = 3333.3;
    r.hits = {honest_hit()};
    r.best = honest_hit();
    r.devices = {{"GPU 0: test", 3333.3}};
    return r;
}

inline WorkerProgress progress_line(const WorkerJob& job, std::uint64_t attempts, double seconds) {
    WorkerProgress p;
    p.job_id = job.job_id;
    p.attempts = attempts;
    p.seconds = seconds;
    p.keys_per_second = seconds > 0 ? double(attempts) / seconds : 0;
    return p;
}

} // namespace vanikeys::cloud::testdata
