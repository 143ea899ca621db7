// Router: which provider runs a cloud job. By default the rule of the design notes: gacha pulls
// go to RunPod (short jobs, fast cold starts); grinds expected to need fewer than 100 million
// attempts go to RunPod, harder ones to Modal (long runs, checkpointed). With an objective
// (cheapest, fastest, cheapest within a deadline) the choice comes from quotes that the cost
// model supplies through QuoteFunction (cloud/client/cost_quotes.h wires in the CostModel).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cloud/protocol/worker_protocol.h"
#include "cloud/transport/cloud_error.h"

namespace vanikeys::cloud {

enum class RouteObjective { DefaultRule, Cheapest, Fastest, CheapestWithinDeadline };

struct RoutingRules {
    double grind_modal_threshold_attempts = 100e6;  // expected attempts at or above: Modal
    std::string pull_provider = "runpod";
    std::string easy_grind_provider = "runpod";
    std::string hard_grind_provider = "modal";
};

struct RouteRequest {
    JobKind kind = JobKind::Grind;
    double expected_attempts = 0;            // 1/p from the estimate; pulls: the keys drawn
    RouteObjective objective = RouteObjective::DefaultRule;
    double deadline_seconds = 0;             // CheapestWithinDeadline only
    std::vector<std::string> available;      // providers with credentials configured
};

// What running the job on one provider is expected to cost, from the cost model.
struct ProviderQuote {
    std::string provider;
    double dollars = 0;
    double seconds = 0;   // queue/cold start plus search, at the expected attempts
};

using QuoteFunction = std::function<std::vector<ProviderQuote>(const RouteRequest&)>;

struct RouteDecision {
    std::string provider;
    std::string reason;   // one sentence for the user: why this provider
};

class Router {
public:
    explicit Router(RoutingRules rules = {}, QuoteFunction quotes = {});

    // Config error when no provider is available, or when an objective needs quotes and there
    // are none (no cost model wired, or no quote for an available provider).
    [[nodiscard]] CloudResult<RouteDecision> choose(const RouteRequest& request) const;

private:
    [[nodiscard]] CloudResult<RouteDecision> by_rule(const RouteRequest& request) const;
    [[nodiscard]] CloudResult<RouteDecision> by_objective(const RouteRequest& request) const;

    RoutingRules rules_;
    QuoteFunction quotes_;
};

} // namespace vanikeys::cloud
