// The CPU's per-format candidate test: takes a group of walk points, expands each into the
// candidates that give distinct addresses (negation, endomorphism), encodes their free parts in
// batches (SIMD hashing where the CPU has it) and scores them with the compiled matcher.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/pattern/matcher.h"
#include "engine/search/search_coordinator.h"
#include "engine/secp/field_4x64.h"
#include "engine/secp/group.h"

namespace vanikeys {

// Collects what a worker thread found: candidates that beat the best so far, and exact hits.
class CandidateTracker {
public:
    CandidateTracker(SearchCoordinator& coordinator, int start_id)
        : coordinator_(coordinator), start_id_(start_id) {}

    void set_start(int start_id) { start_id_ = start_id; }

    // Tests: also append every offered candidate here (the pipelines are checked candidate by
    // candidate against the portable reference encoders).
    void record_everything_into(std::vector<CandidateReport>* all) { record_all_ = all; }

    // Called for every tested candidate; cheap unless the candidate is news.
    void offer(std::uint64_t index, std::uint8_t endo, bool negate, const MatchOutcome& outcome) {
        ++uncommitted_;
        if (record_all_)
            record_all_->push_back(CandidateReport{start_id_, index, endo, negate, outcome.matched_chars, outcome.exact,
                                                   uncommitted_});
        if (outcome.exact || static_cast<int>(outcome.matched_chars) > local_best_) {
            local_best_ = outcome.exact ? local_best_ : outcome.matched_chars;
            if (outcome.exact || static_cast<int>(outcome.matched_chars) > coordinator_.best_hint()) {
                coordinator_.report(CandidateReport{start_id_, index, endo, negate, outcome.matched_chars, outcome.exact,
                                                    uncommitted_});
            }
        }
    }
    // The worker committed everything offered so far with add_attempts().
    void committed() { uncommitted_ = 0; }
    // Re-reads the global best occasionally, so this thread stops offering worse candidates.
    void sync() { local_best_ = std::max(local_best_, coordinator_.best_hint()); }

private:
    SearchCoordinator& coordinator_;
    int start_id_;
    int local_best_ = -1;
    std::uint64_t uncommitted_ = 0;
    std::vector<CandidateReport>* record_all_ = nullptr;
};

class CpuPipeline {
public:
    virtual ~CpuPipeline() = default;
    // Tests every candidate of points[0..count): point i is key index base_index + offsets[i]
    // of the walker's start. Infinity points (possible only on the walk's slow path) are
    // skipped. Returns the number of candidates tested.
    virtual std::uint64_t process(const secp::Affine<secp::Fe64>* points, const std::int32_t* offsets, int count,
                                  std::uint64_t base_index, CandidateTracker& tracker) = 0;
};

std::unique_ptr<CpuPipeline> make_cpu_pipeline(const MatcherTables& matcher);

} // namespace vanikeys
