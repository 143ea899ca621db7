#include "cloud/router/router.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace vanikeys::cloud {
namespace {

bool available(const RouteRequest& request, const std::string& provider) {
    return std::find(request.available.begin(), request.available.end(), provider) != request.available.end();
}

std::string attempts_text(double attempts) {
    std::ostringstream out;
    out.precision(3);
    out << attempts;
    return out.str();
}

std::string money(double dollars) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(2);
    out << "$" << dollars;
    return out.str();
}

} // namespace

Router::Router(RoutingRules rules, QuoteFunction quotes) : rules_(std::move(rules)), quotes_(std::move(quotes)) {}

CloudResult<RouteDecision> Router::choose(const RouteRequest& request) const {
    if (request.available.empty())
        return cloud_error(CloudErrorKind::Config, "no cloud provider is set up: configure RunPod (RUNPOD_API_KEY, "
                                                   "RUNPOD_ENDPOINT_ID) or Modal (MODAL_URL, MODAL_KEY, MODAL_SECRET)");
    if (request.objective == RouteObjective::DefaultRule) return by_rule(request);
    return by_objective(request);
}

CloudResult<RouteDecision> Router::by_rule(const RouteRequest& request) const {
    std::string wanted;
    std::string why;
    if (request.kind == JobKind::Pull) {
        wanted = rules_.pull_provider;
        why = "gacha pulls go to " + wanted + " (short jobs, quick cold starts)";
    } else if (request.expected_attempts < rules_.grind_modal_threshold_attempts) {
        wanted = rules_.easy_grind_provider;
        why = "about " + attempts_text(request.expected_attempts) + " expected attempts is below " +
              attempts_text(rules_.grind_modal_threshold_attempts) + ", so " + wanted + " runs it";
    } else {
        wanted = rules_.hard_grind_provider;
        why = "about " + attempts_text(request.expected_attempts) + " expected attempts is a long grind, so " + wanted +
              " runs it (checkpointed)";
    }
    if (available(request, wanted)) return RouteDecision{wanted, why};
    const std::string fallback = request.available.front();
    return RouteDecision{fallback, why + "; " + wanted + " is not set up, so " + fallback + " runs it instead"};
}

CloudResult<RouteDecision> Router::by_objective(const RouteRequest& request) const {
    if (!quotes_)
        return cloud_error(CloudErrorKind::Config, "choosing by cost or speed needs the cost model, which is not available here");
    std::vector<ProviderQuote> quotes;
    for (ProviderQuote& q : quotes_(request))
        if (available(request, q.provider) && std::isfinite(q.dollars) && std::isfinite(q.seconds)) quotes.push_back(q);
    if (quotes.empty()) return cloud_error(CloudErrorKind::Config, "the cost model has no price for the providers set up");

    auto cheaper = [](const ProviderQuote& a, const ProviderQuote& b) {
        return a.dollars != b.dollars ? a.dollars < b.dollars : a.seconds < b.seconds;
    };
    auto faster = [](const ProviderQuote& a, const ProviderQuote& b) {
        return a.seconds != b.seconds ? a.seconds < b.seconds : a.dollars < b.dollars;
    };
    switch (request.objective) {
    case RouteObjective::Cheapest: {
        const ProviderQuote& q = *std::min_element(quotes.begin(), quotes.end(), cheaper);
        return RouteDecision{q.provider, q.provider + " is the cheapest (about " + money(q.dollars) + ")"};
    }
    case RouteObjective::Fastest: {
        const ProviderQuote& q = *std::min_element(quotes.begin(), quotes.end(), faster);
        return RouteDecision{q.provider, q.provider + " is the fastest (about " + std::to_string(std::lround(q.seconds)) + " s)"};
    }
    case RouteObjective::CheapestWithinDeadline: {
        std::vector<ProviderQuote> in_time;
        for (const ProviderQuote& q : quotes)
            if (q.seconds <= request.deadline_seconds) in_time.push_back(q);
        if (in_time.empty()) {
            const ProviderQuote& q = *std::min_element(quotes.begin(), quotes.end(), faster);
            return cloud_error(CloudErrorKind::Config,
                               "no provider is expected to finish within " + std::to_string(std::lround(request.deadline_seconds)) +
                                   " s; the fastest, " + q.provider + ", needs about " + std::to_string(std::lround(q.seconds)) +
                                   " s (fan out to more workers, or allow more time)");
        }
        const ProviderQuote& q = *std::min_element(in_time.begin(), in_time.end(), cheaper);
        return RouteDecision{q.provider, q.provider + " is the cheapest that is expected to finish in time (about " +
                                             money(q.dollars) + ", " + std::to_string(std::lround(q.seconds)) + " s)"};
    }
    case RouteObjective::DefaultRule:
        break;
    }
    return by_rule(request);
}

} // namespace vanikeys::cloud
