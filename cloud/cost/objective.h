// Objectives for the router: pick the platform for a job from a cost table (cheapest, fastest,
// or cheapest that meets a deadline) and say why, in a sentence the UI can show as it is.
#pragma once

#include <string>
#include <vector>

#include "cloud/cost/cost_model.h"

namespace vanikeys::cost {

enum class Objective : std::uint8_t { Cheapest, Fastest, CheapestWithinDeadline };
std::string_view objective_id(Objective objective);  // "cheapest", "fastest", "within_deadline"

struct ObjectiveRequest {
    Objective objective = Objective::Cheapest;
    // The attempt count that time (and a single job's cost) is judged at: a deadline is
    // usually meant at a 90 % chance, not on average.
    Quantile quantile = Quantile::Expected;
    double deadline_s = 0;             // CheapestWithinDeadline only
    std::vector<PlatformKind> kinds;   // the kinds the router may use; empty: every kind
};

struct PlatformChoice {
    std::string platform_id;          // empty when no platform qualifies
    std::string reason;               // e.g. "RunPod Serverless RTX 4090: cheapest of 8 platforms ..."
    std::vector<std::string> ranking; // the qualifying platforms, best first
};

// Chooses among `table`'s rows. Cost is the single job's cost at the request's quantile, or,
// when the table's query has jobs_per_day > 0, the monthly cost per job (so a dedicated fee is
// spread over the month's jobs). Ties go to the faster platform for cost, the cheaper for time.
PlatformChoice choose_platform(const CostTable& table, const ObjectiveRequest& request);

} // namespace vanikeys::cost
